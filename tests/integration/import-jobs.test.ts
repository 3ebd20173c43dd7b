// An import from the web runs on a thread of its own, so the server keeps answering while an
// England-sized file is parsed and written (see src/lib/server/import/off-thread.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { freshDb } from '../helpers/db';
import type { Db } from '../../src/lib/server/db';
import { appendPiece, jobStatus, startJob, startUpload, UPLOAD_PIECE_BYTES, type JobStatus } from '../../src/lib/server/import/jobs';
import * as pipeline from '../../src/lib/server/import/pipeline';
import { runImportOffThread } from '../../src/lib/server/import/off-thread';
import { ks2File, school, snapshot, tempDir } from './import-fixtures';

// runImport as this thread sees it: the import thread loads its own copy, which this does not touch.
vi.mock('../../src/lib/server/import/pipeline', async (original) => {
	const real = await original<typeof import('../../src/lib/server/import/pipeline')>();
	return { ...real, runImport: vi.fn(real.runImport) };
});

async function user(db: Db): Promise<number> {
	const [{ id }] = await db
		.insertInto('users')
		.values({ email: 'analyst@example.org', name: 'An Analyst', role: 'analyst', password_hash: 'x', created_at: '2025-01-01', updated_at: '2025-01-01' })
		.returning('id')
		.execute();
	return id;
}

/** Uploads a file in pieces and runs it as a job, as the /imports page does; resolves with the finished job. */
async function asJob(db: Db, userId: number, path: string): Promise<JobStatus & { phases: string[] }> {
	const bytes = readFileSync(path);
	const upload = await startUpload(userId, path.split('/').pop(), bytes.length);
	if (!upload.ok) throw new Error(upload.message);
	for (let at = 0; at < bytes.length; at += UPLOAD_PIECE_BYTES)
		expect((await appendPiece(upload.id, userId, at, bytes.subarray(at, at + UPLOAD_PIECE_BYTES))).ok).toBe(true);
	const job = startJob(db, upload.id, userId, { kind: null, year: null, version: null });
	if (!job.ok) throw new Error(job.message);
	const phases: string[] = [];
	for (;;) {
		const status = jobStatus(job.id, userId)!;
		if (phases.at(-1) !== status.progress.phase) phases.push(status.progress.phase);
		if (status.state !== 'running') return { ...status, phases };
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('an import from the web', () => {
	it('runs on a thread of its own, with its own connection, and reports its progress and outcome here', async () => {
		const db = await freshDb();
		const id = await user(db);
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
		const id = await user(db);
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

	it('brings back a refusal just as it would have been here, and writes nothing', async () => {
		const db = await freshDb();
		const id = await user(db);
		const dir = tempDir();
		const path = await ks2File(dir);
		const bytes = readFileSync(path);
		bytes[bytes.length - 100] = 0x00;
		const damaged = `${dir}/damaged_ks2final.csv`;
		writeFileSync(damaged, bytes);
		const before = await snapshot(db);
		const job = await asJob(db, id, damaged);
		expect(job.outcome).toMatchObject({ status: 'rejected', report: { problems: [{ message: expect.stringMatching(/control character \(0x00\)/) }] } });
		expect(await snapshot(db)).toEqual(before);
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
