// An import from the web runs on a thread of its own, so the server keeps answering while an
// England-sized file is parsed and written (see src/lib/server/import/off-thread.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { anotherConnection, freshDb } from '../helpers/db';
import { addUser } from '../helpers/fixtures';
import { dialectOf } from '../../src/lib/server/db/dialect';
import type { Db } from '../../src/lib/server/db';
import { appendPiece, jobStatus, startJob, startUpload, UPLOAD_PIECE_BYTES, type JobStatus } from '../../src/lib/server/import/jobs';
import * as pipeline from '../../src/lib/server/import/pipeline';
import { runImportOffThread } from '../../src/lib/server/import/off-thread';
import { ks2File, school, snapshot, tempDir } from './import-fixtures';

// runImport as this thread sees it, watched: the import thread loads its own copy, which this does not touch.
// Watched for each test, not mocked for the file: the test files of a worker share their modules
// (vite.config.ts), so a module mock would reach only a module not loaded before this file.
beforeEach(() => {
	vi.spyOn(pipeline, 'runImport');
});
afterEach(() => {
	vi.restoreAllMocks();
});

/** Uploads a file in pieces and runs it as a job, as the /imports page does; resolves with the finished job. */
async function asJob(db: Db, userId: number, path: string, servers: Partial<Record<'pieces' | 'status', Db>> = {}): Promise<JobStatus & { phases: string[] }> {
	const bytes = readFileSync(path);
	const upload = await startUpload(db, userId, path.split('/').pop(), bytes.length);
	if (!upload.ok) throw new Error(upload.message);
	for (let at = 0; at < bytes.length; at += UPLOAD_PIECE_BYTES)
		expect((await appendPiece(servers.pieces ?? db, upload.id, userId, at, bytes.subarray(at, at + UPLOAD_PIECE_BYTES))).ok).toBe(true);
	const job = await startJob(db, upload.id, userId, { kind: null, year: null, version: null });
	if (!job.ok) throw new Error(job.message);
	const phases: string[] = [];
	for (;;) {
		const status = (await jobStatus(servers.status ?? db, job.id, userId))!;
		if (phases.at(-1) !== status.progress.phase) phases.push(status.progress.phase);
		if (status.state !== 'running') return { ...status, phases };
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('an import from the web', () => {
	it('runs on a thread of its own, with its own connection, and reports its progress and outcome here', async () => {
		const db = await freshDb();
		const id = (await addUser(db, 'analyst')).id;
		const path = await ks2File(tempDir(), { schools: Array.from({ length: 200 }, (_, i) => school(100001 + i)) });
		const job = await asJob(db, id, path);
		expect(job.error).toBeNull();
		expect(job.state).toBe('finished');
		expect(job.outcome).toMatchObject({ status: 'imported', report: { resultsStored: 200, problems: [] } });
		expect(job.phases.at(-1)).toBe('done');
		expect(vi.mocked(pipeline.runImport)).not.toHaveBeenCalled();
		expect(await db.selectFrom('ks2_results').select('urn').execute()).toHaveLength(200);
		expect(await db.selectFrom('imports').select(['user_id', 'format']).execute()).toEqual([{ user_id: id, format: 'ks2' }]);
	});

	it('two at once both import: one writes while the other waits its turn', async () => {
		const db = await freshDb();
		const id = (await addUser(db, 'analyst')).id;
		const dir = tempDir();
		const [a, b] = await Promise.all([
			ks2File(dir, { year: 2018, schools: Array.from({ length: 150 }, (_, i) => school(100001 + i)) }),
			ks2File(dir, { year: 2019, schools: Array.from({ length: 150 }, (_, i) => school(100001 + i)) })
		]);
		const jobs = await Promise.all([asJob(db, id, a), asJob(db, id, b)]);
		expect(jobs.map((j) => [j.error, j.outcome?.status])).toEqual([
			[null, 'imported'],
			[null, 'imported']
		]);
		expect((await db.selectFrom('imports').select('year').orderBy('year').execute()).map((r) => r.year)).toEqual([2018, 2019]);
	});

	it('may reach a different app server for each piece, for its start and for each look at its progress', async () => {
		const db = await freshDb();
		const other = anotherConnection(db);
		const id = (await addUser(db, 'analyst')).id;
		const path = await ks2File(tempDir(), { schools: Array.from({ length: 500 }, (_, i) => school(100001 + i)) });
		expect(readFileSync(path).length).toBeGreaterThan(2 * UPLOAD_PIECE_BYTES);
		const job = await asJob(db, id, path, { pieces: other, status: other });
		expect(job.outcome).toMatchObject({ status: 'imported', report: { resultsStored: 500, problems: [] } });
		expect(await other.selectFrom('ks2_results').select('urn').execute()).toHaveLength(500);
		// The upload's pieces are gone once the job has them.
		expect(await db.selectFrom('upload_pieces').select('offset').execute()).toEqual([]);
		expect(await db.selectFrom('uploads').select('id').execute()).toEqual([]);
	});

	/** A ten-byte upload's first piece sent twice at once (as `first` and `second`), as a page whose first request seemed lost might, to two servers. */
	async function sentTwiceAtOnce(first: string, second: string) {
		const db = await freshDb();
		// On SQLite the second request shares the server's one connection (see writers-at-once.test.ts).
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const id = (await addUser(db, 'analyst')).id;
		const upload = await startUpload(db, id, 'ks2final.csv', 10);
		if (!upload.ok) throw new Error(upload.message);
		const [a, b] = [first, second].map((text) => new TextEncoder().encode(text));
		const sent = await Promise.all([appendPiece(db, upload.id, id, 0, a), appendPiece(other, upload.id, id, 0, b)]);
		return { db, id, uploadId: upload.id, sent };
	}

	it('keeps a piece sent twice at once only once, and answers both as kept', async () => {
		const { db, sent } = await sentTwiceAtOnce('URN,NAME\r\n', 'URN,NAME\r\n');
		expect(sent).toEqual([
			{ ok: true, received: 10 },
			{ ok: true, received: 10 }
		]);
		expect(await db.selectFrom('upload_pieces').select('offset').execute()).toEqual([{ offset: 0 }]);
		expect(await db.selectFrom('uploads').select('received').execute()).toEqual([{ received: 10 }]);
	});

	it('starts again from the file when two different pieces are sent for the same place at once, rather than keep a muddle', async () => {
		const { db, id, uploadId, sent } = await sentTwiceAtOnce('URN,NAME\r\n', 'URN,TOWN\r\n');
		expect(sent.filter((s) => s.ok)).toHaveLength(1);
		expect(sent.find((s) => !s.ok)).toMatchObject({ message: expect.stringMatching(/Nothing was kept: choose the file again\.$/) });
		expect(await db.selectFrom('upload_pieces').select('offset').execute()).toEqual([]);
		expect((await startJob(db, uploadId, id, { kind: null, year: null, version: null })).ok).toBe(false);
	});

	it('imports the whole file when a piece is sent again while the job is putting the upload together', async () => {
		const db = await freshDb();
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const id = (await addUser(db, 'analyst')).id;
		const schools = 4000;
		const path = await ks2File(tempDir(), { schools: Array.from({ length: schools }, (_, i) => school(100001 + i)) });
		const bytes = readFileSync(path);
		// More pieces than the job reads back at a time (16), so the piece reaches it part-way.
		expect(bytes.length).toBeGreaterThan(16 * UPLOAD_PIECE_BYTES);
		const upload = await startUpload(db, id, 'ks2final.csv', bytes.length);
		if (!upload.ok) throw new Error(upload.message);
		let last = 0;
		for (let at = 0; at < bytes.length; at += UPLOAD_PIECE_BYTES) {
			expect((await appendPiece(db, upload.id, id, at, bytes.subarray(at, at + UPLOAD_PIECE_BYTES))).ok).toBe(true);
			last = at;
		}
		// The last piece again, as a page does whose answer to it was lost.
		const [job, again] = await Promise.all([
			startJob(db, upload.id, id, { kind: null, year: null, version: null }),
			appendPiece(other, upload.id, id, last, bytes.subarray(last))
		]);
		// Kept already, or the job has the upload: either way nothing of it is deleted.
		expect([
			{ ok: true, received: bytes.length },
			{ ok: false, message: 'This upload has expired. Choose the file again.' }
		]).toContainEqual(again);
		if (!job.ok) throw new Error(job.message);
		let status: JobStatus;
		while ((status = (await jobStatus(db, job.id, id))!).state === 'running') await new Promise((r) => setTimeout(r, 10));
		expect(status.error).toBeNull();
		expect(status.outcome).toMatchObject({ status: 'imported', report: { resultsStored: schools, problems: [] } });
		expect(await db.selectFrom('upload_pieces').select('offset').execute()).toEqual([]);
	});

	it.each([
		['cut short', (offsets: number[]) => offsets.at(-1)!],
		['with a piece missing from the middle', (offsets: number[]) => offsets[1]]
	])('imports nothing, and says so, from an upload whose pieces arrived %s', async (_, gone) => {
		const db = await freshDb();
		const id = (await addUser(db, 'analyst')).id;
		const path = await ks2File(tempDir(), { schools: Array.from({ length: 1000 }, (_, i) => school(100001 + i)) });
		const bytes = readFileSync(path);
		const upload = await startUpload(db, id, 'ks2final.csv', bytes.length);
		if (!upload.ok) throw new Error(upload.message);
		const offsets: number[] = [];
		for (let at = 0; at < bytes.length; at += UPLOAD_PIECE_BYTES) {
			expect((await appendPiece(db, upload.id, id, at, bytes.subarray(at, at + UPLOAD_PIECE_BYTES))).ok).toBe(true);
			offsets.push(at);
		}
		expect(offsets.length).toBeGreaterThan(2);
		// As a refused piece's deletion used to do, part-way through: the count still says the file arrived whole.
		await db.deleteFrom('upload_pieces').where('upload_id', '=', upload.id).where('offset', '=', gone(offsets)).execute();
		expect(await startJob(db, upload.id, id, { kind: null, year: null, version: null })).toEqual({
			ok: false,
			message: 'The upload did not arrive whole. Nothing was imported: choose the file again.'
		});
		expect(await db.selectFrom('import_jobs').select('id').execute()).toEqual([]);
		expect(await db.selectFrom('imports').select('id').execute()).toEqual([]);
		expect(await db.selectFrom('uploads').select('id').execute()).toEqual([]);
		expect(await db.selectFrom('upload_pieces').select('offset').execute()).toEqual([]);
	});

	it('says a job stopped, and that nothing was written, once the server running it has been silent for five minutes', async () => {
		const db = await freshDb();
		const id = (await addUser(db, 'analyst')).id;
		const now = Date.now();
		const progress = JSON.stringify({ phase: 'reading', bytesRead: 10, totalBytes: 100, rowsRead: 1 });
		const job = (jobId: string, updated: number) => ({
			id: jobId,
			user_id: id,
			state: 'running' as const,
			progress_json: progress,
			outcome_json: null,
			error: null,
			created_ms: updated,
			updated_ms: updated
		});
		await db
			.insertInto('import_jobs')
			.values([job('quiet', now - 6 * 60_000), job('busy', now - 60_000)])
			.execute();
		expect(await jobStatus(db, 'quiet', id, now)).toMatchObject({
			state: 'failed',
			error: 'The import stopped unexpectedly, with the server running it, and nothing was written. Import the file again.'
		});
		expect(await jobStatus(db, 'busy', id, now)).toMatchObject({ state: 'running', error: null, progress: { phase: 'reading' } });
		// Only the person who started it.
		expect(await jobStatus(db, 'busy', id + 1, now)).toBeNull();
	});

	it('brings back a refusal just as it would have been here, and writes nothing', async () => {
		const db = await freshDb();
		const id = (await addUser(db, 'analyst')).id;
		const dir = tempDir();
		const path = await ks2File(dir);
		const bytes = readFileSync(path);
		bytes[bytes.length - 100] = 0x00;
		const damaged = `${dir}/damaged_ks2final.csv`;
		writeFileSync(damaged, bytes);
		// The data, that is: not the job's own record of how it went, nor the count of changes its upload made.
		const data = async () => {
			const { import_jobs: _jobs, data_version: _version, ...rest } = await snapshot(db);
			return rest;
		};
		const before = await data();
		const job = await asJob(db, id, damaged);
		expect(job.outcome).toMatchObject({ status: 'rejected', report: { problems: [{ message: expect.stringMatching(/control character \(0x00\)/) }] } });
		expect(await data()).toEqual(before);
		expect(vi.mocked(pipeline.runImport)).not.toHaveBeenCalled();
	});

	it('runs here when the database is not a file another thread can open', async () => {
		const { createDb } = await import('../../src/lib/server/db/connection');
		const { migrateToLatest } = await import('../../src/lib/server/db/migrate');
		const memory = createDb(':memory:');
		await migrateToLatest(memory);
		const run = runImportOffThread(memory, { path: await ks2File(tempDir()), fileName: 'x_ks2final.csv', userId: null });
		// Nor can the importer's own second connection: it says so, from this thread.
		await expect(run).rejects.toThrow('Imports need a database file');
		expect(vi.mocked(pipeline.runImport)).toHaveBeenCalledTimes(1);
		await memory.destroy();
	});
});
