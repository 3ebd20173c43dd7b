import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../db/connection';
import { runImport, type ImportProgress } from './pipeline';
import type { WorkerInput, WorkerMessage } from './off-thread';

/**
 * Runs one import on a thread of its own, with its own connection to the database, and reports
 * back to the thread that started it (see off-thread.ts): progress now and then, then the outcome.
 */
const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);
const { database, request } = workerData as WorkerInput;

/** Progress at most this often while reading: a message per 64 KB chunk would be thousands. */
const PROGRESS_EVERY_MS = 100;

send({ type: 'started' });
const db = createDb(database);
let sent = 0;
let phase: ImportProgress['phase'] | null = null;
try {
	const outcome = await runImport(db, {
		...request,
		// Another import may be writing: wait for this thread's turn (see off-thread.ts).
		beforeWrite: () =>
			new Promise<void>((resolve) => {
				port.once('message', () => resolve());
				send({ type: 'write' });
			}),
		onProgress(progress) {
			const now = Date.now();
			if (progress.phase === phase && now - sent < PROGRESS_EVERY_MS) return;
			sent = now;
			phase = progress.phase;
			send({ type: 'progress', progress });
		}
	});
	send({ type: 'outcome', outcome });
} catch (e) {
	send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
} finally {
	await db.destroy();
}
