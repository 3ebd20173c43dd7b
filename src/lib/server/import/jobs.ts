import { randomBytes } from 'node:crypto';
import { mkdirSync, promises as fs, readdirSync, rmSync, statSync } from 'node:fs';
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
 * Both live in this process's memory: a restart loses only uploads in flight.
 */

/** Each piece of an upload; well under adapter-node's default 512 KB body limit. */
export const UPLOAD_PIECE_BYTES = 256 * 1024;
const EXPIRE_MS = 60 * 60 * 1000;
const UPLOAD_DIR = join(tmpdir(), 'triage-uploads');

interface Upload {
	userId: number;
	fileName: string;
	size: number;
	received: number;
	path: string;
	createdAt: number;
}

export interface JobStatus {
	state: 'running' | 'finished' | 'failed';
	progress: ImportProgress;
	outcome: ImportOutcome | null;
	error: string | null;
}

interface Job extends JobStatus {
	userId: number;
	createdAt: number;
}

const uploads = new Map<string, Upload>();
const jobs = new Map<string, Job>();

const newId = () => randomBytes(12).toString('hex');

/**
 * Drops uploads abandoned for an hour, and their pieces on disk. Pieces left by a process that
 * stopped (a restart, a crash) are in no map at all, so files in the folder older than that go too.
 */
export function forgetAbandoned(now = Date.now()): void {
	const old = now - EXPIRE_MS;
	for (const [id, u] of uploads) if (u.createdAt < old) discard(id);
	for (const [id, j] of jobs) if (j.createdAt < old) jobs.delete(id);
	const known = new Set([...uploads.values()].map((u) => u.path));
	let names: string[];
	try {
		names = readdirSync(UPLOAD_DIR);
	} catch {
		return;
	}
	for (const name of names) {
		const path = join(UPLOAD_DIR, name);
		try {
			if (!known.has(path) && statSync(path).mtimeMs < old) rmSync(path, { force: true });
		} catch {
			// Gone already: another process cleaned it up.
		}
	}
}

/** Forgets an upload and deletes what it received. */
function discard(id: string): void {
	const u = uploads.get(id);
	if (u) rmSync(u.path, { force: true });
	uploads.delete(id);
}

// On start-up: pieces a previous run of the server left behind.
forgetAbandoned();

export type Result<T> = ({ ok: true } & T) | { ok: false; message: string };

export async function startUpload(userId: number, fileName: unknown, size: unknown): Promise<Result<{ id: string; pieceBytes: number }>> {
	forgetAbandoned();
	const max = importMaxBytes();
	if (typeof fileName !== 'string' || fileName.trim() === '') return { ok: false, message: 'Choose a file to import' };
	if (fileName.length > 255) return { ok: false, message: 'The file name is too long. Rename the file to something shorter, then choose it again.' };
	if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
		return { ok: false, message: 'The size of the file is missing or not a whole number of bytes. Choose the file again.' };
	if (size === 0) return { ok: false, message: 'The file is empty.' };
	if (size > max) return { ok: false, message: `The file is ${megabytes(size)}, which is over the limit of ${megabytes(max)}.` };
	mkdirSync(UPLOAD_DIR, { recursive: true });
	const id = newId();
	const path = join(UPLOAD_DIR, `${id}.csv`);
	await fs.writeFile(path, new Uint8Array(0));
	uploads.set(id, { userId, fileName, size, received: 0, path, createdAt: Date.now() });
	return { ok: true, id, pieceBytes: UPLOAD_PIECE_BYTES };
}

/**
 * Pieces must arrive in order, each no larger than a piece; the bytes actually received are
 * counted, and a piece that would go past the declared size is refused. A refused piece ends the
 * upload and deletes what had arrived: the page starts again from the file.
 */
export async function appendPiece(id: string, userId: number, offset: number, bytes: Uint8Array): Promise<Result<{ received: number }>> {
	const u = uploads.get(id);
	if (!u || u.userId !== userId) return { ok: false, message: 'This upload has expired. Choose the file again.' };
	const refuse = (message: string): Result<{ received: number }> => {
		discard(id);
		return { ok: false, message: `${message} Nothing was kept: choose the file again.` };
	};
	if (offset !== u.received) return refuse(`Expected the piece at byte ${u.received}, not ${offset}.`);
	if (bytes.length > UPLOAD_PIECE_BYTES) return refuse(`A piece can be at most ${UPLOAD_PIECE_BYTES} bytes.`);
	if (u.received + bytes.length > u.size) return refuse('The file is larger than it said it was.');
	await fs.appendFile(u.path, bytes);
	u.received += bytes.length;
	return { ok: true, received: u.received };
}

export interface JobOptions {
	kind: ImportKind | null;
	year: number | null;
	version: Ks2Version | null;
}

/**
 * Runs the import in the background, on a thread of its own (see off-thread.ts); the page polls
 * jobStatus. The uploaded file is deleted afterwards.
 */
export function startJob(db: Db, uploadId: string, userId: number, options: JobOptions): Result<{ id: string }> {
	const u = uploads.get(uploadId);
	if (!u || u.userId !== userId) return { ok: false, message: 'This upload has expired. Choose the file again.' };
	if (u.received !== u.size) return { ok: false, message: 'The upload is not complete. Choose the file again.' };
	uploads.delete(uploadId);
	const id = newId();
	const job: Job = {
		userId,
		createdAt: Date.now(),
		state: 'running',
		progress: { phase: 'checking', bytesRead: 0, totalBytes: u.size, rowsRead: 0 },
		outcome: null,
		error: null
	};
	jobs.set(id, job);
	runImportOffThread(db, { path: u.path, fileName: u.fileName, ...options, userId, onProgress: (p) => (job.progress = p) })
		.then((outcome) => {
			job.outcome = outcome;
			job.state = 'finished';
		})
		.catch((e: Error) => {
			job.state = 'failed';
			job.error = `The import stopped unexpectedly and nothing was written: ${e.message}`;
		})
		.finally(() => rmSync(u.path, { force: true }));
	return { ok: true, id };
}

/** A job's progress, for its owner only. */
export function jobStatus(id: string, userId: number): JobStatus | null {
	const j = jobs.get(id);
	if (!j || j.userId !== userId) return null;
	return { state: j.state, progress: j.progress, outcome: j.outcome, error: j.error };
}

/** For the no-JavaScript form: the whole file arrives in one request. */
export async function saveWholeFile(file: File): Promise<string> {
	mkdirSync(UPLOAD_DIR, { recursive: true });
	const path = join(UPLOAD_DIR, `${newId()}.csv`);
	await fs.writeFile(path, new Uint8Array(await file.arrayBuffer()));
	return path;
}
