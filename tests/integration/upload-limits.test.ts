import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendPiece, forgetAbandoned, startUpload, UPLOAD_PIECE_BYTES } from '../../src/lib/server/import/jobs';
import { bodyLimitFor, bodyProblem, FORM_BODY_BYTES } from '../../src/lib/server/body-limit';

const UPLOADS = join(tmpdir(), 'triage-uploads');
const piecesOnDisk = () => (existsSync(UPLOADS) ? readdirSync(UPLOADS) : []);

describe('piecewise uploads', () => {
	it.each([
		['not-a-number', 'The size of the file is missing or not a whole number of bytes. Choose the file again.'],
		[undefined, 'The size of the file is missing or not a whole number of bytes. Choose the file again.'],
		[1.5, 'The size of the file is missing or not a whole number of bytes. Choose the file again.'],
		[-10, 'The size of the file is missing or not a whole number of bytes. Choose the file again.'],
		[0, 'The file is empty.']
	])('refuses a declared size of %j', async (size, message) => {
		expect(await startUpload(1, 'ks2.csv', size)).toEqual({ ok: false, message });
	});

	it('counts the bytes received, refuses more than was declared or an oversized piece, and deletes what had arrived', async () => {
		const started = await startUpload(1, 'ks2.csv', 10);
		if (!started.ok) throw new Error(started.message);
		const path = join(UPLOADS, `${started.id}.csv`);
		expect(await appendPiece(started.id, 1, 0, new Uint8Array(6))).toEqual({ ok: true, received: 6 });
		expect(existsSync(path)).toBe(true);
		expect(await appendPiece(started.id, 1, 6, new Uint8Array(5))).toEqual({
			ok: false,
			message: 'The file is larger than it said it was. Nothing was kept: choose the file again.'
		});
		expect(existsSync(path)).toBe(false);
		// The upload is gone: a further piece is refused too.
		expect((await appendPiece(started.id, 1, 6, new Uint8Array(4))).ok).toBe(false);

		const big = await startUpload(1, 'ks2.csv', UPLOAD_PIECE_BYTES * 4);
		if (!big.ok) throw new Error(big.message);
		expect(await appendPiece(big.id, 1, 0, new Uint8Array(UPLOAD_PIECE_BYTES + 1))).toEqual({
			ok: false,
			message: `A piece can be at most ${UPLOAD_PIECE_BYTES} bytes. Nothing was kept: choose the file again.`
		});
		expect(piecesOnDisk()).not.toContain(`${big.id}.csv`);
	});

	it('deletes pieces left behind by an upload abandoned over an hour ago, or by a server that stopped', async () => {
		mkdirSync(UPLOADS, { recursive: true });
		const orphan = join(UPLOADS, 'left-by-a-crash.csv');
		writeFileSync(orphan, 'URN\r\n1');
		const hoursAgo = Date.now() / 1000 - 2 * 3600;
		utimesSync(orphan, hoursAgo, hoursAgo);
		const fresh = join(UPLOADS, 'another-process-uploading-now.csv');
		writeFileSync(fresh, 'URN');
		forgetAbandoned();
		expect(existsSync(orphan)).toBe(false);
		expect(existsSync(fresh)).toBe(true);
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
