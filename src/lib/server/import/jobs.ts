import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, promises as fs, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db';
import { megabytes } from './csv-source';
import { importMaxBytes } from './limits';
import type { ImportKind, ImportOutcome, ImportProgress } from './pipeline';
import { runImportOffThread } from './off-thread';
import type { Ks2Version } from '../../domain/import/version';

/**
 * Uploads from /imports arrive in pieces (so the page can show upload progress, and no single
 * request is larger than the server's body limit), then run as a job the page polls for progress.
 * Both are kept in the database, not in one server: behind a load balancer each piece, the start
 * of the job and each look at its progress may reach a different app server. The server that
 * starts the job puts the pieces together in a file of its own and imports it; the upload's rows
 * then go.
 */

/** Each piece of an upload; well under adapter-node's default 512 KB body limit. */
export const UPLOAD_PIECE_BYTES = 256 * 1024;
const EXPIRE_MS = 60 * 60 * 1000;
/** A running job whose server has said nothing for this long has stopped with it. */
const SILENT_MS = 5 * 60 * 1000;
/** How often a running job's progress is written down while it reads its file. */
const PROGRESS_EVERY_MS = 1000;
/** Pieces read back at a time when putting an upload together: 4 MB. */
const PIECES_AT_A_TIME = 16;
const UPLOAD_DIR = join(tmpdir(), 'triage-uploads');

/**
 * The folder uploads are put together in, made readable by this account alone. One another account
 * on the machine made first (to read the files, or swap them) is refused, not used.
 */
function uploadDir(): string {
	mkdirSync(UPLOAD_DIR, { recursive: true, mode: 0o700 });
	const made = statSync(UPLOAD_DIR);
	const me = process.getuid?.();
	if (me !== undefined && made.uid !== me) throw new Error(`The folder for uploads, ${UPLOAD_DIR}, belongs to another account on this machine.`);
	if ((made.mode & 0o077) !== 0) chmodSync(UPLOAD_DIR, 0o700);
	return UPLOAD_DIR;
}

export interface JobStatus {
	state: 'running' | 'finished' | 'failed';
	progress: ImportProgress;
	outcome: ImportOutcome | null;
	error: string | null;
}

const newId = () => randomBytes(12).toString('hex');

const EXPIRED = 'This upload has expired. Choose the file again.';
const BAD_OFFSET = 'The offset of the piece is missing or not a whole number of bytes. The piece was not kept; the pieces before it were.';
const NOT_WHOLE = 'The upload did not arrive whole. Nothing was imported: choose the file again.';

/**
 * Drops uploads abandoned for an hour with their pieces, and jobs finished that long ago. Files a
 * server put together for an import and never got to delete (it stopped part-way) go too.
 */
export async function forgetAbandoned(db: Db, now = Date.now()): Promise<void> {
	const old = now - EXPIRE_MS;
	for (const { id } of await db.selectFrom('uploads').select('id').where('created_ms', '<', old).execute()) await discard(db, id);
	await db.deleteFrom('import_jobs').where('created_ms', '<', old).where('state', '!=', 'running').execute();
	let names: string[];
	try {
		names = readdirSync(UPLOAD_DIR);
	} catch {
		return;
	}
	for (const name of names) {
		const path = join(UPLOAD_DIR, name);
		try {
			if (statSync(path).mtimeMs < old) rmSync(path, { force: true });
		} catch {
			// Gone already: another process cleaned it up.
		}
	}
}

/**
 * Forgets an upload and what it received, PIECES_AT_A_TIME pieces to a statement, letting the
 * server answer other requests in between: on SQLite each statement holds the event loop, and one
 * DELETE of an England-sized upload's 195 MB of pieces held it for over 100 ms.
 */
async function discard(db: Db, id: string): Promise<void> {
	for (;;) {
		const first = db.selectFrom('upload_pieces').select('offset').where('upload_id', '=', id).orderBy('offset').limit(PIECES_AT_A_TIME);
		const gone = await db.deleteFrom('upload_pieces').where('upload_id', '=', id).where('offset', 'in', first).executeTakeFirst();
		if (Number(gone.numDeletedRows) < PIECES_AT_A_TIME) break;
		await new Promise((resolve) => setImmediate(resolve));
	}
	await db.deleteFrom('uploads').where('id', '=', id).execute();
}

export type Result<T> = ({ ok: true } & T) | { ok: false; message: string };

export async function startUpload(db: Db, userId: number, fileName: unknown, size: unknown): Promise<Result<{ id: string; pieceBytes: number }>> {
	await forgetAbandoned(db);
	const max = importMaxBytes();
	if (typeof fileName !== 'string' || fileName.trim() === '') return { ok: false, message: 'Choose a file to import' };
	if (fileName.length > 255) return { ok: false, message: 'The file name is too long. Rename the file to something shorter, then choose it again.' };
	if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
		return { ok: false, message: 'The size of the file is missing or not a whole number of bytes. Choose the file again.' };
	if (size === 0) return { ok: false, message: 'The file is empty.' };
	if (size > max) return { ok: false, message: `The file is ${megabytes(size)}, which is over the limit of ${megabytes(max)}.` };
	const id = newId();
	await db.insertInto('uploads').values({ id, user_id: userId, file_name: fileName, size, received: 0, created_ms: Date.now() }).execute();
	return { ok: true, id, pieceBytes: UPLOAD_PIECE_BYTES };
}

/**
 * What `received` says of an upload once no piece may change it: a job has claimed it and is
 * putting it together (claimUpload), or a refused piece ended it and its pieces are being deleted.
 */
const CLAIMED = -1;
const REFUSED = -2;

/**
 * Pieces must arrive in order, each no larger than a piece; the bytes actually received are
 * counted, and a piece that would go past the declared size is refused. A refused piece ends the
 * upload and deletes what had arrived: the page starts again from the file. The count moves only
 * from the offset the piece was sent for, so the same piece sent twice (to two servers, or again
 * after its answer was lost) is kept once, and the second answered as the first was. A piece for
 * an upload a job has claimed is refused as expired and deletes nothing: the job has the pieces.
 */
export async function appendPiece(db: Db, id: string, userId: number, offset: number, bytes: Uint8Array): Promise<Result<{ received: number }>> {
	// Checked before anything is looked up: a piece that does not say where it goes changes nothing.
	if (!Number.isSafeInteger(offset) || offset < 0) return { ok: false, message: BAD_OFFSET };
	const u = await db.selectFrom('uploads').select(['user_id', 'size', 'received']).where('id', '=', id).executeTakeFirst();
	if (!u || u.user_id !== userId || u.received < 0) return { ok: false, message: EXPIRED };
	const refuse = async (message: string): Promise<Result<{ received: number }>> => {
		// Ended only while no job has claimed it: a stray piece must not delete pieces a job is putting together.
		const ended = await db.updateTable('uploads').set({ received: REFUSED }).where('id', '=', id).where('received', '>=', 0).executeTakeFirst();
		if (Number(ended.numUpdatedRows) !== 1) return { ok: false, message: EXPIRED };
		await discard(db, id);
		return { ok: false, message: `${message} Nothing was kept: choose the file again.` };
	};
	if (offset !== u.received) {
		const again = await keptAlready(db, id, offset, bytes);
		return again === null ? refuse(`Expected the piece at byte ${u.received}, not ${offset}.`) : { ok: true, received: again };
	}
	if (bytes.length > UPLOAD_PIECE_BYTES) return refuse(`A piece can be at most ${UPLOAD_PIECE_BYTES} bytes.`);
	if (u.received + bytes.length > u.size) return refuse('The file is larger than it said it was.');
	if (bytes.length === 0) return { ok: true, received: u.received };
	const received = u.received + bytes.length;
	const kept = await db.transaction().execute(async (trx) => {
		const moved = await trx.updateTable('uploads').set({ received }).where('id', '=', id).where('received', '=', offset).executeTakeFirst();
		if (Number(moved.numUpdatedRows) !== 1) return false;
		await trx.insertInto('upload_pieces').values({ upload_id: id, offset, bytes }).execute();
		return true;
	});
	if (kept) return { ok: true, received };
	// Another request moved the count first: the same piece, sent to two servers at once, is kept once.
	const again = await keptAlready(db, id, offset, bytes);
	return again === null ? refuse(`Expected the piece at byte ${offset} once, not twice.`) : { ok: true, received: again };
}

/**
 * The count of bytes received when `bytes` at `offset` are exactly the last piece the upload kept,
 * sent again; null otherwise (an older piece, a different one, or an upload a job has claimed).
 */
async function keptAlready(db: Db, id: string, offset: number, bytes: Uint8Array): Promise<number | null> {
	if (bytes.length === 0) return null;
	const u = await db.selectFrom('uploads').select('received').where('id', '=', id).executeTakeFirst();
	if (!u || u.received < 0 || offset + bytes.length !== u.received) return null;
	const last = await db.selectFrom('upload_pieces').select('bytes').where('upload_id', '=', id).where('offset', '=', offset).executeTakeFirst();
	return last && Buffer.compare(last.bytes, bytes) === 0 ? u.received : null;
}

export interface JobOptions {
	kind: ImportKind | null;
	year: number | null;
	version: Ks2Version | null;
}

/**
 * Puts a finished upload together in a file here and forgets the upload. Refused when the upload
 * is not there (expired, not this person's, or already started by another request), or when its
 * pieces do not make up the file from its first byte to its last, each where the one before ended:
 * a file cut short or spliced is never imported.
 */
async function claimUpload(db: Db, uploadId: string, userId: number): Promise<Result<{ path: string; fileName: string; size: number }>> {
	const u = await db.selectFrom('uploads').select(['user_id', 'file_name', 'size', 'received']).where('id', '=', uploadId).executeTakeFirst();
	if (!u || u.user_id !== userId) return { ok: false, message: EXPIRED };
	if (u.received !== u.size) return { ok: false, message: 'The upload is not complete. Choose the file again.' };
	// Only one request may start it: the first to mark it taken. No piece changes it after that (appendPiece).
	const taken = await db.updateTable('uploads').set({ received: CLAIMED }).where('id', '=', uploadId).where('received', '=', u.size).executeTakeFirst();
	if (Number(taken.numUpdatedRows) !== 1) return { ok: false, message: EXPIRED };
	const path = join(uploadDir(), `${newId()}.csv`);
	const file = await fs.open(path, 'w', 0o600);
	let at = 0;
	try {
		reading: while (at < u.size) {
			const pieces = await db
				.selectFrom('upload_pieces')
				.select(['offset', 'bytes'])
				.where('upload_id', '=', uploadId)
				.where('offset', '>=', at)
				.orderBy('offset')
				.limit(PIECES_AT_A_TIME)
				.execute();
			if (pieces.length === 0) break;
			for (const p of pieces) {
				// A piece missing: what follows would be spliced on where it was.
				if (p.offset !== at) break reading;
				await file.write(p.bytes);
				at += p.bytes.length;
			}
			// Gone as soon as they are in the file: deleting them all at the end would hold the event loop on SQLite (see discard).
			await db.deleteFrom('upload_pieces').where('upload_id', '=', uploadId).where('offset', '<', at).execute();
		}
	} finally {
		await file.close();
		await discard(db, uploadId);
		if (at !== u.size) rmSync(path, { force: true });
	}
	if (at !== u.size) return { ok: false, message: NOT_WHOLE };
	return { ok: true, path, fileName: u.file_name, size: u.size };
}

/**
 * Runs the import in the background, on a thread of its own (see off-thread.ts); the page polls
 * jobStatus, from whichever server. The file put together for it is deleted afterwards.
 */
export async function startJob(db: Db, uploadId: string, userId: number, options: JobOptions): Promise<Result<{ id: string }>> {
	const upload = await claimUpload(db, uploadId, userId);
	if (!upload.ok) return upload;
	const id = newId();
	const now = Date.now();
	const save = (changes: { state?: JobStatus['state']; progress?: ImportProgress; outcome?: ImportOutcome; error?: string }) =>
		db
			.updateTable('import_jobs')
			.set({
				...(changes.state ? { state: changes.state } : {}),
				...(changes.progress ? { progress_json: JSON.stringify(changes.progress) } : {}),
				...(changes.outcome ? { outcome_json: JSON.stringify(changes.outcome) } : {}),
				...(changes.error ? { error: changes.error } : {}),
				updated_ms: Date.now()
			})
			.where('id', '=', id)
			.execute();
	const first: ImportProgress = { phase: 'checking', bytesRead: 0, totalBytes: upload.size, rowsRead: 0 };
	await db
		.insertInto('import_jobs')
		.values({ id, user_id: userId, state: 'running', progress_json: JSON.stringify(first), outcome_json: null, error: null, created_ms: now, updated_ms: now })
		.execute();

	/**
	 * Progress is written down at most once a second, one write after another, and not at all once
	 * the import starts writing: on SQLite the import's transaction then holds the database.
	 */
	let saving: Promise<unknown> = Promise.resolve();
	let savedAt = 0;
	let writing = false;
	const progress = (p: ImportProgress) => {
		if (writing || Date.now() - savedAt < PROGRESS_EVERY_MS) return;
		savedAt = Date.now();
		saving = saving.then(() => save({ progress: p })).catch(() => {});
	};
	const beforeWrite = async () => {
		writing = true;
		await saving;
		await save({ progress: { phase: 'writing', bytesRead: upload.size, totalBytes: upload.size, rowsRead: 0 } }).catch(() => {});
	};
	runImportOffThread(db, { path: upload.path, fileName: upload.fileName, ...options, userId, onProgress: progress, beforeWrite })
		.then((outcome) =>
			save({ state: 'finished', outcome, progress: { phase: 'done', bytesRead: upload.size, totalBytes: upload.size, rowsRead: outcome.report.rowsRead } })
		)
		.catch((e: Error) => {
			// The error itself (a database's words, perhaps) goes to the server's log, not the page.
			console.error('An import stopped unexpectedly:', e);
			return save({
				state: 'failed',
				error: 'The import stopped unexpectedly and nothing was written. Import the file again; if it stops again, tell whoever runs Triage.'
			});
		})
		.catch(() => {})
		.finally(() => rmSync(upload.path, { force: true }));
	return { ok: true, id };
}

/** A job's progress, for its owner only. */
export async function jobStatus(db: Db, id: string, userId: number, now = Date.now()): Promise<JobStatus | null> {
	const j = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
	if (!j || j.user_id !== userId) return null;
	const status: JobStatus = {
		state: j.state,
		progress: JSON.parse(j.progress_json) as ImportProgress,
		outcome: j.outcome_json === null ? null : (JSON.parse(j.outcome_json) as ImportOutcome),
		error: j.error
	};
	// Its import is one transaction, so a server that stopped part-way wrote nothing.
	if (status.state === 'running' && now - j.updated_ms > SILENT_MS) {
		return {
			...status,
			state: 'failed',
			error: 'The import stopped unexpectedly, with the server running it, and nothing was written. Import the file again.'
		};
	}
	return status;
}

/** For the no-JavaScript form: the whole file arrives in one request. */
export async function saveWholeFile(file: File): Promise<string> {
	const path = join(uploadDir(), `${newId()}.csv`);
	await fs.writeFile(path, new Uint8Array(await file.arrayBuffer()), { mode: 0o600 });
	return path;
}
