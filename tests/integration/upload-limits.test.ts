import { existsSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendPiece, forgetAbandoned, saveWholeFile, startUpload, UPLOAD_PIECE_BYTES } from '../../src/lib/server/import/jobs';
import { databaseUrlOf, freshDb } from '../helpers/db';
import { addUser } from '../helpers/fixtures';
import { useAppDatabase } from '../helpers/app-database';
import { closeDb, type Db } from '../../src/lib/server/db';
import * as piece from '../../src/routes/imports/upload/[id]/+server';
import { bodyLimitFor, bodyProblem, FORM_BODY_BYTES } from '../../src/lib/server/body-limit';

const UPLOADS = join(tmpdir(), 'triage-uploads');

/** A new upload of `size` bytes, its first piece of `first` bytes (if any) received. */
async function begun(db: Db, me: number, size: number, first?: Uint8Array): Promise<string> {
	const started = await startUpload(db, me, 'ks2.csv', size);
	if (!started.ok) throw new Error(started.message);
	if (first) expect(await appendPiece(db, started.id, me, 0, first)).toEqual({ ok: true, received: first.length });
	return started.id;
}

async function piecesOf(db: Db, upload: string): Promise<number> {
	return (await db.selectFrom('upload_pieces').select('offset').where('upload_id', '=', upload).execute()).length;
}

describe('where an upload waits', () => {
	it('is a folder of this account alone, and each file readable by it alone', async () => {
		const path = await saveWholeFile(new File(['URN\r\n1'], 'ks2.csv'));
		try {
			expect(statSync(path).mode & 0o777).toBe(0o600);
			expect(statSync(UPLOADS).mode & 0o777).toBe(0o700);
			expect(statSync(UPLOADS).uid).toBe(process.getuid!());
		} finally {
			rmSync(path, { force: true });
		}
	});
});

describe('piecewise uploads', () => {
	it.each([
		['not-a-number', 'The size of the file is missing or not a whole number of bytes. Choose the file again.'],
		[undefined, 'The size of the file is missing or not a whole number of bytes. Choose the file again.'],
		[1.5, 'The size of the file is missing or not a whole number of bytes. Choose the file again.'],
		[-10, 'The size of the file is missing or not a whole number of bytes. Choose the file again.'],
		[0, 'The file is empty.']
	])('refuses a declared size of %j', async (size, message) => {
		const db = await freshDb();
		expect(await startUpload(db, (await addUser(db, 'analyst')).id, 'ks2.csv', size)).toEqual({ ok: false, message });
		expect(await db.selectFrom('uploads').select('id').execute()).toEqual([]);
	});

	it('counts the bytes received, refuses more than was declared or an oversized piece, and deletes what had arrived', async () => {
		const db = await freshDb();
		const me = (await addUser(db, 'analyst')).id;
		const started = await startUpload(db, me, 'ks2.csv', 10);
		if (!started.ok) throw new Error(started.message);
		expect(await appendPiece(db, started.id, me, 0, new Uint8Array(6))).toEqual({ ok: true, received: 6 });
		expect(await piecesOf(db, started.id)).toBe(1);
		// Someone else cannot add to it.
		expect(await appendPiece(db, started.id, me + 1, 6, new Uint8Array(4))).toEqual({ ok: false, message: 'This upload has expired. Choose the file again.' });
		expect(await appendPiece(db, started.id, me, 6, new Uint8Array(5))).toEqual({
			ok: false,
			message: 'The file is larger than it said it was. Nothing was kept: choose the file again.'
		});
		expect(await piecesOf(db, started.id)).toBe(0);
		// The upload is gone: a further piece is refused too.
		expect((await appendPiece(db, started.id, me, 6, new Uint8Array(4))).ok).toBe(false);

		const big = await startUpload(db, me, 'ks2.csv', UPLOAD_PIECE_BYTES * 4);
		if (!big.ok) throw new Error(big.message);
		expect(await appendPiece(db, big.id, me, 0, new Uint8Array(UPLOAD_PIECE_BYTES + 1))).toEqual({
			ok: false,
			message: `A piece can be at most ${UPLOAD_PIECE_BYTES} bytes. Nothing was kept: choose the file again.`
		});
		expect(await db.selectFrom('uploads').select('id').execute()).toEqual([]);
	});

	it('answers the last piece sent again (its answer lost) as kept, keeping it once; any other piece out of place ends the upload', async () => {
		const db = await freshDb();
		const me = (await addUser(db, 'analyst')).id;
		const first = new Uint8Array([1, 2, 3, 4, 5, 6]);
		const upload = await begun(db, me, 10, first);
		expect(await appendPiece(db, upload, me, 0, first.slice())).toEqual({ ok: true, received: 6 });
		expect(await piecesOf(db, upload)).toBe(1);
		expect(await appendPiece(db, upload, me, 6, new Uint8Array(4))).toEqual({ ok: true, received: 10 });
		expect(await piecesOf(db, upload)).toBe(2);

		// Not the same bytes: a muddle, not a repeat.
		const other = await begun(db, me, 10, first);
		expect(await appendPiece(db, other, me, 0, new Uint8Array([1, 2, 3, 4, 5, 7]))).toEqual({
			ok: false,
			message: 'Expected the piece at byte 6, not 0. Nothing was kept: choose the file again.'
		});
		expect(await piecesOf(db, other)).toBe(0);
		expect(await db.selectFrom('uploads').select('id').where('id', '=', other).execute()).toEqual([]);
	});

	it('refuses a piece for an upload a job has taken as expired, and leaves the job its pieces', async () => {
		const db = await freshDb();
		const me = (await addUser(db, 'analyst')).id;
		const upload = await begun(db, me, 10, new Uint8Array(6));
		expect(await appendPiece(db, upload, me, 6, new Uint8Array(4))).toEqual({ ok: true, received: 10 });
		// As startJob marks it taken, before it reads the pieces back (jobs.ts, claimUpload).
		await db.updateTable('uploads').set({ received: -1 }).where('id', '=', upload).execute();
		for (const [offset, size] of [
			[0, 6],
			[6, 4],
			[10, 1]
		])
			expect(await appendPiece(db, upload, me, offset, new Uint8Array(size))).toEqual({
				ok: false,
				message: 'This upload has expired. Choose the file again.'
			});
		expect(await piecesOf(db, upload)).toBe(2);
	});

	it.each([['?offset=abc'], [''], ['?offset='], ['?offset=-6'], ['?offset=6.5'], ['?offset=6e0'], ['?offset=%206']])(
		'refuses a piece sent with %j with a plain 400, and the upload goes on',
		async (query) => {
			const db = await freshDb();
			const restore = useAppDatabase(databaseUrlOf(db));
			try {
				const me = await addUser(db, 'analyst');
				const upload = await begun(db, me.id, 10, new Uint8Array(6));
				const url = new URL(`http://localhost/imports/upload/${upload}${query}`);
				const request = new Request(url, { method: 'POST', body: new Uint8Array(4) });
				const res = await piece.POST({ locals: { user: me, session: null }, url, params: { id: upload }, request } as never);
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({
					ok: false,
					message: 'The offset of the piece is missing or not a whole number of bytes. The piece was not kept; the pieces before it were.'
				});
				expect(await piecesOf(db, upload)).toBe(1);
				expect(await appendPiece(db, upload, me.id, 6, new Uint8Array(4))).toEqual({ ok: true, received: 10 });
			} finally {
				await closeDb();
				restore();
			}
		}
	);

	it('deletes pieces left behind by an upload abandoned over an hour ago, or by a server that stopped', async () => {
		const db = await freshDb();
		const me = (await addUser(db, 'analyst')).id;
		const now = Date.now();
		for (const [id, created] of [
			['abandoned', now - 2 * 3600_000],
			['in-flight', now - 60_000]
		] as const) {
			await db.insertInto('uploads').values({ id, user_id: me, file_name: 'ks2.csv', size: 100, received: 3, created_ms: created }).execute();
			await db
				.insertInto('upload_pieces')
				.values({ upload_id: id, offset: 0, bytes: new Uint8Array([1, 2, 3]) })
				.execute();
		}
		mkdirSync(UPLOADS, { recursive: true });
		const orphan = join(UPLOADS, 'left-by-a-crash.csv');
		writeFileSync(orphan, 'URN\r\n1');
		const hoursAgo = Date.now() / 1000 - 2 * 3600;
		utimesSync(orphan, hoursAgo, hoursAgo);
		const fresh = join(UPLOADS, 'another-process-uploading-now.csv');
		writeFileSync(fresh, 'URN');
		await forgetAbandoned(db, now);
		expect(existsSync(orphan)).toBe(false);
		expect(existsSync(fresh)).toBe(true);
		expect(await db.selectFrom('uploads').select('id').execute()).toEqual([{ id: 'in-flight' }]);
		expect(await piecesOf(db, 'abandoned')).toBe(0);
		expect(await piecesOf(db, 'in-flight')).toBe(1);
	});
});

describe('request body limits', () => {
	it.each([
		['/imports/upload/abc', UPLOAD_PIECE_BYTES + 1024],
		['/login', FORM_BODY_BYTES],
		['/quality-mark/100001/basic_skills', FORM_BODY_BYTES],
		['/imports/upload', FORM_BODY_BYTES]
	])('%s takes at most %i bytes', (path, limit) => {
		expect(bodyLimitFor(path)).toBe(limit);
	});

	it('keeps the import limit for the form that sends a whole file', () => {
		expect(bodyLimitFor('/imports')).toBeGreaterThan(100 * 1000 * 1000);
	});

	it.each([
		['GET', '/login', null, null],
		['POST', '/login', '512', null],
		['POST', '/login', String(FORM_BODY_BYTES + 1), 413],
		['POST', '/login', null, 411],
		['POST', '/login', 'lots', 411],
		['POST', '/imports', String(50 * 1000 * 1000), null]
	])('%s %s with Content-Length %s answers %s', (method, path, length, status) => {
		expect(bodyProblem(method, path, length)?.status ?? null).toBe(status);
	});
});
