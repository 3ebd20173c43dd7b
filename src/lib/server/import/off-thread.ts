import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db';
import { databaseLocation, importTurn } from '../db/bulk';
import { runImport, type ImportOutcome, type ImportProgress, type ImportRequest } from './pipeline';

/** What the import thread is given: everything in the request but the progress callback, which stays here. */
export interface WorkerInput {
	/** The SQLite file or PostgreSQL URL, for createDb. */
	database: string;
	request: Omit<ImportRequest, 'onProgress'>;
}

export type WorkerMessage =
	| { type: 'started' }
	/** Ready to write: the thread waits for any message back before it starts its transaction. */
	| { type: 'write' }
	| { type: 'progress'; progress: ImportProgress }
	| { type: 'outcome'; outcome: ImportOutcome }
	| { type: 'error'; message: string };

const ENTRY = 'import-worker.mjs';

/**
 * Where the thread's entry is: beside this file when it runs from source (the dev server, the
 * tests), or in the checkout when it runs from the build (`npm start`), where this file is part
 * of a bundle in build/. Null when neither is there.
 */
function entry(): string | null {
	const beside = fileURLToPath(new URL(ENTRY, import.meta.url));
	return [beside, resolve('src/lib/server/import', ENTRY)].find((path) => existsSync(path)) ?? null;
}

let warned = false;

function warnOnce(reason: string) {
	if (!warned) console.warn(`Imports run on the server's own thread: the import thread did not start (${reason}).`);
	warned = true;
}

/**
 * Runs an import on a thread of its own, for the web server: parsing an England-sized file and
 * writing it in one transaction takes seconds of CPU, and the longest stretch without a turn of
 * the event loop (the write: about 2 s for England's EES data set) would otherwise stall every
 * other request. The thread opens its own connection to the same database; SQLite's WAL lets
 * the server go on reading meanwhile. If the thread cannot start at all (an in-memory database,
 * or no entry file), the import runs here instead, as the CLI runs it.
 */
export async function runImportOffThread(db: Db, req: ImportRequest): Promise<ImportOutcome> {
	const database = await databaseLocation(db);
	const path = entry();
	const turn = () => importTurn(db);
	let endTurn = () => {};
	const here = () =>
		runImport(db, {
			...req,
			beforeWrite: async () => {
				endTurn = await turn();
				await req.beforeWrite?.();
			}
		}).finally(() => endTurn());
	if (database === '') return here();
	if (path === null) {
		warnOnce(`no ${ENTRY} was found`);
		return here();
	}
	const { onProgress, beforeWrite: _, ...request } = req;
	return new Promise<ImportOutcome>((resolvePromise, reject) => {
		let started = false;
		let settled = false;
		const settle = (f: () => void) => {
			if (settled) return;
			settled = true;
			endTurn();
			f();
		};
		const worker = new Worker(path, { workerData: { database, request } satisfies WorkerInput });
		worker.on('message', (m: WorkerMessage) => {
			if (m.type === 'started') started = true;
			else if (m.type === 'write') {
				turn().then(async (end) => {
					if (settled) return end();
					endTurn = end;
					try {
						await req.beforeWrite?.();
					} finally {
						worker.postMessage('write');
					}
				});
			} else if (m.type === 'progress') onProgress?.(m.progress);
			else if (m.type === 'outcome') settle(() => resolvePromise(m.outcome));
			else settle(() => reject(new Error(m.message)));
		});
		worker.on('error', (e) => {
			if (started) return settle(() => reject(e));
			// It never ran: nothing was read or written, so run the import here.
			warnOnce(e.message);
			settle(() => here().then(resolvePromise, reject));
		});
		worker.on('exit', (code) => settle(() => reject(new Error(`the import's thread stopped (exit code ${code})`))));
	});
}
