// Browser side of an import: send the file in pieces (so progress can be shown and no request is
// too large), start the import, then poll its progress until the report is ready.
import type { ImportOutcome, ImportProgress } from '$lib/server/import/pipeline';
import { count } from '$lib/domain/format';

export interface ClientProgress {
	stage: 'uploading' | 'processing';
	/** 0 to 1. */
	fraction: number;
	text: string;
}

type Reply<T> = ({ ok: true } & T) | { ok: false; message: string };

async function post<T>(url: string, body: BodyInit, type: string): Promise<Reply<T>> {
	const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': type } });
	return (await res.json().catch(() => ({ ok: false, message: `The server answered ${res.status}.` }))) as Reply<T>;
}

const PHASES: Record<ImportProgress['phase'], string> = {
	checking: 'Checking the file',
	reading: 'Reading and checking every row',
	writing: 'Saving',
	done: 'Done'
};

export async function uploadAndImport(
	file: File,
	options: { kind: string; year: string; version: string },
	onProgress: (p: ClientProgress) => void
): Promise<ImportOutcome> {
	const started = await post<{ id: string; pieceBytes: number }>(
		'/imports/upload',
		JSON.stringify({ fileName: file.name, size: file.size }),
		'application/json'
	);
	if (!started.ok) throw new Error(started.message);
	for (let offset = 0; offset < file.size; offset += started.pieceBytes) {
		const piece = file.slice(offset, offset + started.pieceBytes);
		const sent = await post<{ received: number }>(`/imports/upload/${started.id}?offset=${offset}`, piece, 'application/octet-stream');
		if (!sent.ok) throw new Error(sent.message);
		onProgress({ stage: 'uploading', fraction: sent.received / file.size, text: `Uploaded ${Math.round((100 * sent.received) / file.size)}%` });
	}
	const job = await post<{ id: string }>('/imports/jobs', JSON.stringify({ uploadId: started.id, ...options }), 'application/json');
	if (!job.ok) throw new Error(job.message);
	for (;;) {
		await new Promise((r) => setTimeout(r, 250));
		const res = await fetch(`/imports/jobs/${job.id}`);
		if (!res.ok) throw new Error('The import could not be followed. Check the history below before trying again.');
		const status = (await res.json()) as { state: string; progress: ImportProgress; outcome: ImportOutcome | null; error: string | null };
		if (status.state === 'failed') throw new Error(status.error ?? 'The import failed; nothing was written.');
		if (status.state === 'finished' && status.outcome) return status.outcome;
		const p = status.progress;
		const fraction = p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 0;
		onProgress({ stage: 'processing', fraction, text: `${PHASES[p.phase]}: ${count(p.rowsRead)} rows read` });
	}
}
