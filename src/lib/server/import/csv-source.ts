// Changes here are on the import's hot path: check them with `npm run bench:import`.
import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import { closeSync, openSync, promises as fs, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { binaryProblem, hasUtf8Bom } from '../../domain/import/bytes';
import type { ImportProblem } from '../../domain/import/report';
import { TextCheck } from './text-check';
import { count } from '../../domain/format';

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface FileFacts {
	sizeBytes: number;
	/** Null when the file has a BOM: then the hash is taken while parsing, saving a pass over the file. */
	sha256: string | null;
	encoding: TextEncoding;
	/**
	 * Whether every byte has been checked already (see TextCheck): a file without a BOM is read
	 * whole for its hash and encoding, and checked in that pass. A file with a BOM is checked as it is parsed.
	 */
	checked: boolean;
}

/** Small chunks keep few parsed rows alive at once, which keeps garbage collection cheap (measured). */
const READ_CHUNK = 1 << 16;

/**
 * The longest value a file may hold, in characters. The longest in any real DfE file in
 * ../shared/data is 449 (a column's description in a ks2_meta file); school names are under 100.
 * A longer value is a damaged file (a quote that never closes takes in everything after it), and
 * reading one to its end would cost time and memory for nothing.
 */
export const MAX_CELL_CHARS = 4000;

/**
 * The longest row, in characters: real rows are under 5,000 (a ks2final row of 326 columns).
 * At least a read chunk's worth, so that only a row carried from one chunk into the next can be
 * longer, and CsvSplitter need not measure every row.
 */
export const MAX_ROW_CHARS = 64 * 1024;

/** Reads between turns of the event loop in the first pass, as parseCsv does (see YIELD_EVERY). */
const INSPECT_YIELD_EVERY = 16;

/**
 * First look at a file, before it is parsed: size, SHA-256, and whether it is text at all.
 * UTF-8 is tried first (DfE's KS2 files are UTF-8 with a BOM); text that is not valid UTF-8 is
 * Windows-1252, which is what GIAS writes. Latin-1 would get 0x92 (’) wrong, so it is never used.
 * A file without a BOM is read whole here (its encoding depends on all of it), and every byte is
 * checked as it goes (see TextCheck); a file with a BOM is checked as it is parsed.
 */
export async function inspectFile(path: string, maxBytes: number): Promise<{ ok: true; facts: FileFacts } | { ok: false; problem: string; sizeBytes: number }> {
	const { size } = await fs.stat(path);
	if (size === 0) return { ok: false, problem: 'The file is empty.', sizeBytes: 0 };
	if (size > maxBytes) {
		return {
			ok: false,
			problem: `The file is ${megabytes(size)}, which is over the limit of ${megabytes(maxBytes)}. Check it is the right file: an England-wide ks2final file is about 21 MB, and the school performance data set from Explore Education Statistics about 200 MB.`,
			sizeBytes: size
		};
	}
	const check = new TextCheck('detect');
	const fd = openSync(path, 'r');
	try {
		const buffer = check.buffer;
		const first = readSync(fd, buffer, 0, Math.min(buffer.length, size), 0);
		const problem = binaryProblem(buffer.subarray(0, first));
		if (problem) return { ok: false, problem, sizeBytes: size };
		// A BOM says UTF-8: no need to read the whole file before parsing it.
		if (hasUtf8Bom(buffer.subarray(0, first))) return { ok: true, facts: { sizeBytes: size, sha256: null, encoding: 'utf-8', checked: false } };

		const hash = createHash('sha256');
		// Read with readSync, as parseCsv does and for the same reason; the first chunk is in the buffer already.
		for (let n = first, at = 0, reads = 1; n > 0; at += n, n = readSync(fd, buffer, 0, buffer.length, at), reads++) {
			const chunk = buffer.subarray(0, n);
			hash.update(chunk);
			const bad = check.check(chunk);
			if (bad) return { ok: false, problem: bad.message, sizeBytes: size };
			if (reads % INSPECT_YIELD_EVERY === 0) await new Promise(setImmediate);
		}
		const bad = check.end();
		if (bad) return { ok: false, problem: bad.message, sizeBytes: size };
		return { ok: true, facts: { sizeBytes: size, sha256: hash.digest('hex'), encoding: check.encoding, checked: true } };
	} finally {
		closeSync(fd);
	}
}

export function megabytes(bytes: number): string {
	return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} KB`;
}

export interface RowSink {
	/** Called for every row, the header first. `rowNumber` counts the header as row 1. Return false to stop. */
	row(cells: string[], rowNumber: number): boolean;
	/** A CSV syntax problem (broken quoting), a value or row too long, or a damaged byte. */
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

const QUOTE = 34;
const COMMA = 44;

/** Why the splitter stopped: the problem in words, and where the value at fault starts in its row (for its column), if a value is at fault. */
export interface SplitProblem {
	message: string;
	/** The row's text up to the value at fault, to count the columns before it; null when a whole row is at fault. */
	before: string | null;
}

/**
 * Cuts a file's text, as it arrives a chunk at a time, into pieces of whole rows for papaparse,
 * following its quoting rules, and stops as soon as a value or a row is longer than any real file
 * has (MAX_CELL_CHARS, MAX_ROW_CHARS) or a quoted value has text after its closing quote:
 * papaparse would otherwise read a quote that never closes to the end of the file, parsing the
 * growing value again with every chunk, and build a string as long as the file.
 *
 * Long runs of rows with no quote character are pieces of their own: papaparse parses a piece
 * with no quotes by splitting (its documented "fast mode"), several times faster than its
 * character scanner; pieces with quotes get the full parser. The row a chunk ends in is kept until
 * the next chunk completes it, so every piece is whole rows and papaparse has delivered every row
 * before the one the splitter stops at: the row at fault is the next.
 */
export class CsvSplitter {
	problem: SplitProblem | null = null;
	/** The row begun but not yet ended: carried into the next chunk's text. */
	private carry = '';
	/** Where scanning resumes in carry + the next text: the carry has been scanned up to here. */
	private scanFrom = 0;
	private inQuote = false;
	/** Where the open quoted value's opening quote is, in the carry. */
	private quoteAt = 0;
	/** Whether the carried row has a quote character in it (papaparse must then parse it in full). */
	private rowQuoted = false;

	constructor(
		readonly newline: string,
		private readonly maxCell = MAX_CELL_CHARS,
		private readonly maxRow = MAX_ROW_CHARS
	) {}

	/** Pieces of whole rows from what has arrived, passed to `emit`; false once a problem has stopped it (see `problem`). */
	feed(text: string, emit: (piece: string) => void): boolean {
		if (this.problem) return false;
		const buf = this.carry === '' ? text : this.carry + text;
		const nl = this.newline;
		const nlLength = nl.length;
		const { maxCell, maxRow } = this;
		let pos = this.scanFrom;
		let inQuote = this.inQuote;
		let quoteAt = this.quoteAt;
		let rowQuoted = this.rowQuoted;
		/** Where the current row starts: everything before it is whole rows. */
		let rowStart = 0;
		/** Text before this has been emitted. */
		let pieceStart = 0;
		const stop = (problem: SplitProblem, at = rowStart): false => {
			if (at > pieceStart) emit(buf.slice(pieceStart, at));
			this.problem = problem;
			this.carry = '';
			return false;
		};

		scan: for (;;) {
			if (!inQuote) {
				const q = buf.indexOf('"', pos);
				const end = q < 0 ? buf.length : q;
				// Rows ending before the next quote (or the end of the text).
				const last = end - pos >= nlLength ? buf.lastIndexOf(nl, end - nlLength) : -1;
				if (last >= pos) {
					const first = buf.indexOf(nl, pos);
					if (first - rowStart > maxRow) return stop({ message: rowTooLong(maxRow), before: null });
					if (last - first > maxRow) {
						const long = this.longRow(buf, first + nlLength, last);
						if (long >= 0) return stop({ message: rowTooLong(maxRow), before: null }, long);
					}
					// Whole rows with no quote: from this stretch's first row end (or the row's start, if
					// it has no quote before this stretch) to its last.
					const freeStart = rowQuoted ? first + nlLength : rowStart;
					const freeEnd = last + nlLength;
					if (freeEnd - freeStart >= MIN_FREE_RUN) {
						if (freeStart > pieceStart) emit(buf.slice(pieceStart, freeStart));
						emit(buf.slice(freeStart, freeEnd));
						pieceStart = freeEnd;
					}
					rowStart = freeEnd;
					rowQuoted = false;
				}
				if (q < 0) {
					// A line break cut between this text and the next is found from here next time.
					pos = Math.max(rowStart, buf.length - nlLength + 1);
					break;
				}
				rowQuoted = true;
				pos = q + 1;
				// A quote opens a quoted value only at the start of a value; elsewhere papaparse keeps it as text.
				if (q === rowStart || buf.charCodeAt(q - 1) === COMMA) {
					inQuote = true;
					quoteAt = q;
				}
				continue;
			}
			// In a quoted value: find the quote that closes it.
			let q = buf.indexOf('"', pos);
			for (;;) {
				if (q < 0) {
					pos = buf.length;
					break scan;
				}
				if (q === buf.length - 1) {
					// It cannot yet be told whether this quote closes the value: look again with the next text.
					pos = q;
					break scan;
				}
				if (buf.charCodeAt(q + 1) === QUOTE) {
					q = buf.indexOf('"', q + 2);
					continue;
				}
				// papaparse lets white space come between a closing quote and the comma or line break after it.
				let after = q + 1;
				while (after < buf.length && isSpace(buf.charCodeAt(after)) && !buf.startsWith(nl, after)) after++;
				if (buf.charCodeAt(after) !== COMMA && !buf.startsWith(nl, after)) {
					if (buf.length - after < nlLength && nl.startsWith(buf.slice(after))) {
						pos = q;
						break scan;
					}
					return stop({
						message: 'a quoted value has text after its closing quote. A " inside a value must be written as "".',
						before: buf.slice(rowStart, quoteAt)
					});
				}
				if (q - quoteAt - 1 > maxCell) return stop({ message: cellTooLong(maxCell), before: buf.slice(rowStart, quoteAt) });
				inQuote = false;
				pos = q + 1;
				continue scan;
			}
		}
		if (inQuote && buf.length - quoteAt - 1 > maxCell) return stop({ message: unclosed(maxCell), before: buf.slice(rowStart, quoteAt) });
		if (buf.length - rowStart > maxRow) return stop({ message: rowTooLong(maxRow), before: null });
		if (rowStart > pieceStart) emit(buf.slice(pieceStart, rowStart));
		this.carry = rowStart === 0 ? buf : buf.slice(rowStart);
		this.scanFrom = pos - rowStart;
		this.inQuote = inQuote;
		this.quoteAt = quoteAt - rowStart;
		this.rowQuoted = rowQuoted;
		return true;
	}

	/** The text of the last row, which has no line break after it (or a value that never closes); '' for none. */
	end(): string {
		const rest = this.problem ? '' : this.carry;
		this.carry = '';
		return rest;
	}

	/** Where a row in text[from, to), which has no quotes, starts that is longer than maxRow; -1 for none. */
	private longRow(text: string, from: number, to: number): number {
		for (let at = from; at < to;) {
			const next = text.indexOf(this.newline, at);
			if (next - at > this.maxRow) return at;
			at = next + this.newline.length;
		}
		return -1;
	}
}

/** White space as String.prototype.trim sees it, which is how papaparse tells it. */
function isSpace(c: number): boolean {
	return (
		c === 32 ||
		(c >= 9 && c <= 13) ||
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000 ||
		c === 0xfeff
	);
}

function cellTooLong(max: number): string {
	return `a value is over ${count(max)} characters long, far longer than any value in a real DfE file. The file may be damaged (a " missing or out of place).`;
}

function unclosed(max: number): string {
	return `a quoted value is never closed (a " is missing), or runs on for over ${count(max)} characters, far longer than any value in a real DfE file. The file may be damaged or cut short.`;
}

function rowTooLong(max: number): string {
	return `this row is over ${count(max)} characters long, far longer than any row of a real DfE file. The file may be damaged: a line break may be missing.`;
}

/**
 * The line break a file uses: the first one outside a quoted value, which ends the header. Told
 * to papaparse (rather than left to its guess, which a quote inside an unquoted value can
 * mislead) so that it and the splitter agree on where rows end.
 */
export function guessNewline(text: string): '\r\n' | '\n' | '\r' {
	let inQuote = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inQuote) {
			if (c === QUOTE) {
				if (text.charCodeAt(i + 1) === QUOTE) i++;
				else inQuote = false;
			}
		} else if (c === QUOTE) inQuote = i === 0 || text.charCodeAt(i - 1) === COMMA || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13;
		else if (c === 10) return '\n';
		else if (c === 13) return text.charCodeAt(i + 1) === 10 || i + 1 === text.length ? '\r\n' : '\r';
	}
	return '\r\n';
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

export interface ParseOptions {
	/** Check every byte as it is read (see TextCheck): for a file inspectFile did not read whole. */
	checkBytes?: boolean;
	/**
	 * A turn of the event loop after every read, not every YIELD_EVERY: for the CLI migrating a new
	 * PostgreSQL database while it reads (ImportRequest.newDatabase), whose next statement waits
	 * for a turn. Every 4 x 64 KB let through too few of the migrations' ~225 statements for them
	 * to end with the reading.
	 */
	yieldOften?: boolean;
}

/**
 * Streams the file through papaparse, one chunk at a time: rows are handed to the sink as they
 * are parsed and never kept, so memory stays flat whatever the file's size. Chunks are read with
 * readSync: an asynchronous read goes through a thread and a turn of the event loop for each
 * 64 KB, about 0.05 s of an England file's import spent waiting (the file was written moments
 * ago, so it is in the page cache and readSync does not wait on a disk).
 *
 * Reading stops at the first damaged byte (with `checkBytes`), value or row too long to be real,
 * or broken quote (see CsvSplitter): the problem names the row it is in, and no row from there on
 * reaches the sink.
 */
export async function parseCsv(path: string, encoding: TextEncoding, sink: RowSink, hash?: Hash, options: ParseOptions = {}): Promise<number> {
	// UTF-8 through StringDecoder, which keeps a character cut between chunks whole and is about
	// three times faster than a streaming TextDecoder; the BOM is skipped below. cp1252 has its own
	// decoder (see domain/import/cp1252.ts), loaded only for the files that need it.
	const cp1252 = encoding === 'windows-1252' ? (await import('../../domain/import/cp1252')).decodeCp1252 : null;
	const utf8 = new StringDecoder('utf8');
	const check = options.checkBytes ? new TextCheck(encoding === 'utf-8' ? 'utf-8' : 'detect') : null;
	const text = new Readable({ objectMode: true, read() {} });
	const push = (piece: string) => void text.push(piece);
	let bytesRead = 0;
	let stopped = false;
	/** The problem that stopped reading, reported once every row before it has been parsed. */
	const halted: { problem: SplitProblem | null } = { problem: null };
	let header: string[] = [];
	let splitter: CsvSplitter | null = null;
	let parsed: Promise<number> = Promise.resolve(0);

	// Started on the first text, whose line breaks papaparse is told, so it and the splitter agree.
	const start = (newline: string) => {
		splitter = new CsvSplitter(newline);
		parsed = new Promise<number>((resolve, reject) => {
			let rows = 0;
			Papa.parse(text as unknown as File, {
				delimiter: ',',
				quoteChar: '"',
				newline: newline as Papa.ParseConfig['newline'],
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
						if (rows === 1) header = cells;
						const long = longCell(cells);
						if (long >= 0) {
							sink.problem({ row: rows, column: header[long] ?? null, message: cellTooLong(MAX_CELL_CHARS) });
							stopped = true;
						}
						if (stopped || !sink.row(cells, rows)) {
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
	};
	const feed = (decoded: string) => {
		if (!splitter) start(guessNewline(decoded));
		if (!splitter!.feed(decoded, push)) halted.problem ??= splitter!.problem;
	};

	const fd = openSync(path, 'r');
	try {
		const buffer = check ? check.buffer : Buffer.allocUnsafe(READ_CHUNK);
		for (let reads = 1; !stopped && !halted.problem; reads++) {
			const n = readSync(fd, buffer, 0, READ_CHUNK, bytesRead);
			if (n === 0) break;
			bytesRead += n;
			let chunk = buffer.subarray(0, n);
			hash?.update(chunk);
			const damaged = check?.check(chunk);
			// The rows before a damaged byte are parsed, so the problem can name the row it is in.
			// (A character begun in the last chunk may be the damage: then none of this chunk is parsed.)
			if (damaged) chunk = chunk.subarray(0, Math.max(0, damaged.offset - (bytesRead - n)));
			const bom = bytesRead === n && !cp1252 && hasUtf8Bom(chunk) ? 3 : 0;
			feed(cp1252 ? cp1252(chunk) : utf8.write(chunk.subarray(bom)));
			if (damaged) halted.problem ??= { message: damaged.message, before: null };
			if (options.yieldOften || reads % YIELD_EVERY === 0) await new Promise(setImmediate);
		}
		if (!stopped && !halted.problem) {
			const rest = cp1252 ? '' : utf8.end();
			if (rest !== '') feed(rest);
			const damaged = check?.end();
			if (damaged) halted.problem ??= { message: damaged.message, before: null };
			const last = halted.problem ? '' : ((splitter as CsvSplitter | null)?.end() ?? '');
			if (last !== '') text.push(last);
		}
	} catch (e) {
		text.destroy();
		throw e;
	} finally {
		closeSync(fd);
	}
	text.push(null);
	const rows = await parsed;
	const problem = halted.problem;
	if (problem && !stopped) {
		sink.problem({ row: rows + 1, column: problem.before === null ? null : (header[columnOf(problem.before)] ?? null), message: problem.message });
	}
	return rows;
}

/** Index of the first value in a row longer than MAX_CELL_CHARS, or -1. */
function longCell(cells: readonly string[]): number {
	for (let i = 0; i < cells.length; i++) if (cells[i].length > MAX_CELL_CHARS) return i;
	return -1;
}

/** The column a value is in, from its row's text before it (which ends with the comma before the value). */
function columnOf(before: string): number {
	if (before === '') return 0;
	const cells = Papa.parse<string[]>(before, { delimiter: ',', quoteChar: '"' }).data[0] ?? [];
	return Math.max(0, cells.length - 1);
}
