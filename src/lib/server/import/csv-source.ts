import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, openSync, promises as fs, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { binaryProblem, hasUtf8Bom } from '../../domain/import/bytes';
import type { ImportProblem } from '../../domain/import/report';

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface FileFacts {
	sizeBytes: number;
	/** Null when the file has a BOM: then the hash is taken while parsing, saving a pass over the file. */
	sha256: string | null;
	encoding: TextEncoding;
}

/** Small chunks keep few parsed rows alive at once, which keeps garbage collection cheap (measured). */
const READ_CHUNK = 1 << 16;

/**
 * First look at a file, before it is parsed: size, SHA-256, and whether it is text at all.
 * UTF-8 is tried first (DfE's KS2 files are UTF-8 with a BOM); text that is not valid UTF-8 is
 * Windows-1252, which is what GIAS writes. Latin-1 would get 0x92 (’) wrong, so it is never used.
 */
export async function inspectFile(path: string, maxBytes: number): Promise<{ ok: true; facts: FileFacts } | { ok: false; problem: string; sizeBytes: number }> {
	const { size } = await fs.stat(path);
	if (size === 0) return { ok: false, problem: 'The file is empty.', sizeBytes: 0 };
	if (size > maxBytes) {
		return { ok: false, problem: `The file is ${megabytes(size)}, which is over the limit of ${megabytes(maxBytes)}. Check it is the right file: an England-wide ks2final file is about 21 MB, and the school performance data set from Explore Education Statistics about 200 MB.`, sizeBytes: size };
	}
	const head = Buffer.alloc(Math.min(size, READ_CHUNK));
	const handle = await fs.open(path, 'r');
	try {
		await handle.read(head, 0, head.length, 0);
	} finally {
		await handle.close();
	}
	const problem = binaryProblem(head);
	if (problem) return { ok: false, problem, sizeBytes: size };
	// A BOM says UTF-8: no need to read the whole file before parsing it.
	if (hasUtf8Bom(head)) return { ok: true, facts: { sizeBytes: size, sha256: null, encoding: 'utf-8' } };

	const hash = createHash('sha256');
	let utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
	let encoding: TextEncoding = 'utf-8';
	for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		if (utf8) {
			try {
				utf8.decode(chunk, { stream: true });
			} catch {
				utf8 = null;
				encoding = 'windows-1252';
			}
		}
	}
	return { ok: true, facts: { sizeBytes: size, sha256: hash.digest('hex'), encoding } };
}

export function megabytes(bytes: number): string {
	return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} KB`;
}

export interface RowSink {
	/** Called for every row, the header first. `rowNumber` counts the header as row 1. Return false to stop. */
	row(cells: string[], rowNumber: number): boolean;
	/** A CSV syntax problem (broken quoting). */
	problem(p: ImportProblem): void;
	progress?(bytesRead: number): void;
}

/**
 * A quote-free run shorter than this stays with the quoted text around it: each piece costs
 * papaparse a call (it copies its settings and builds a regex per call), which outweighs fast mode
 * on a few hundred characters. An EES file quotes a subject every other line; a ks2final file
 * quotes a few school names in rows of over a kilobyte.
 */
const MIN_FREE_RUN = 1024;

/**
 * Splits decoded text so that long runs of lines with no quote character are separate pieces.
 * papaparse parses a piece with no quotes by splitting (its documented "fast mode"), several
 * times faster than its character scanner; pieces with quotes get the full parser. The split is
 * only a speed-up: papaparse joins a row cut between pieces, so any split parses the same.
 */
export function* quoteFreeRuns(text: string, minRun = MIN_FREE_RUN): Generator<string> {
	// Text before `start` has been yielded; from `start` to `scan` is quoted text not yet yielded.
	let start = 0;
	let scan = 0;
	while (scan < text.length) {
		const quote = text.indexOf('"', scan);
		if (quote < 0) break;
		const lineStart = text.lastIndexOf('\n', quote) + 1;
		if (lineStart - scan >= minRun) {
			if (scan > start) yield text.slice(start, scan);
			yield text.slice(scan, lineStart);
			start = lineStart;
		}
		// Take whole lines until the quotes balance, so a quoted field with a line break stays whole.
		let end = Math.max(lineStart, scan);
		let quotes = 0;
		do {
			const next = text.indexOf('\n', end);
			if (next < 0) {
				end = text.length;
				break;
			}
			for (let i = text.indexOf('"', end); i >= 0 && i < next; i = text.indexOf('"', i + 1)) quotes++;
			end = next + 1;
		} while (quotes % 2 === 1);
		scan = end;
	}
	if (text.length - scan >= minRun && scan > start) {
		yield text.slice(start, scan);
		start = scan;
	}
	if (start < text.length) yield text.slice(start);
}

const QUOTE_PROBLEMS: Record<string, string> = {
	MissingQuotes: 'a quoted value is never closed (a " is missing), so the rest of the file cannot be read.',
	InvalidQuotes: 'a quoted value has text after its closing quote. A " inside a value must be written as "".'
};

/**
 * Reads between turns of the event loop, so a web server importing a file still answers requests:
 * 4 x 64 KB, about 4 ms of parsing.
 */
const YIELD_EVERY = 4;

/**
 * Streams the file through papaparse, one chunk at a time: rows are handed to the sink as they
 * are parsed and never kept, so memory stays flat whatever the file's size. Chunks are read with
 * readSync: an asynchronous read goes through a thread and a turn of the event loop for each
 * 64 KB, about 0.05 s of an England file's import spent waiting (the file was written moments
 * ago, so it is in the page cache and readSync does not wait on a disk).
 */
export async function parseCsv(path: string, encoding: TextEncoding, sink: RowSink, hash?: Hash): Promise<number> {
	// UTF-8 through StringDecoder, which keeps a character cut between chunks whole and is about
	// three times faster than a streaming TextDecoder; the BOM is skipped below. cp1252 has its own
	// decoder (see domain/import/cp1252.ts), loaded only for the files that need it.
	const cp1252 = encoding === 'windows-1252' ? (await import('../../domain/import/cp1252')).decodeCp1252 : null;
	const utf8 = new StringDecoder('utf8');
	const text = new Readable({ objectMode: true, read() {} });
	let bytesRead = 0;
	let stopped = false;
	const parsed = new Promise<number>((resolve, reject) => {
		let rows = 0;
		Papa.parse(text as unknown as File, {
			delimiter: ',',
			quoteChar: '"',
			header: false,
			skipEmptyLines: false,
			chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
				const before = rows;
				for (const e of results.errors) {
					const message = QUOTE_PROBLEMS[e.code] ?? `${e.message}.`;
					sink.problem({ row: e.row === undefined ? null : before + e.row + 1, column: null, message });
				}
				for (const cells of results.data) {
					rows++;
					// A blank line (including a final newline) is not a row of data.
					if (cells.length === 1 && cells[0] === '') continue;
					if (!sink.row(cells, rows)) {
						stopped = true;
						parser.abort();
						return;
					}
				}
				sink.progress?.(bytesRead);
			},
			complete: () => resolve(rows),
			error: (e: Error) => reject(e)
		});
	});
	// papaparse reports a sink that throws through `parsed`, perhaps while a chunk is being read:
	// stop reading then too. The caller still gets the error, from the promise returned below.
	parsed.catch(() => (stopped = true));

	const fd = openSync(path, 'r');
	try {
		const buffer = Buffer.allocUnsafe(READ_CHUNK);
		for (let reads = 1; !stopped; reads++) {
			const n = readSync(fd, buffer, 0, READ_CHUNK, bytesRead);
			if (n === 0) break;
			bytesRead += n;
			const chunk = buffer.subarray(0, n);
			hash?.update(chunk);
			const bom = bytesRead === n && !cp1252 && hasUtf8Bom(chunk) ? 3 : 0;
			for (const run of quoteFreeRuns(cp1252 ? cp1252(chunk) : utf8.write(chunk.subarray(bom)))) {
				if (stopped) break;
				text.push(run);
			}
			if (reads % YIELD_EVERY === 0) await new Promise(setImmediate);
		}
		if (!stopped) {
			const rest = cp1252 ? '' : utf8.end();
			if (rest !== '') text.push(rest);
		}
	} catch (e) {
		text.destroy();
		throw e;
	} finally {
		closeSync(fd);
	}
	text.push(null);
	return parsed;
}
