import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvSplitter, parseCsv } from '../../src/lib/server/import/csv-source';
import type { ImportProblem } from '../../src/lib/domain/import/report';
import { tempDir, writeFile } from './import-fixtures';

const field = fc.oneof(
	fc.stringMatching(/^[A-Za-z0-9 %.-]{0,8}$/),
	fc.constantFrom('SUPP', 'NA', ' ', '', '66%', '-1.9'),
	// Quoted fields with commas, doubled quotes and line breaks inside.
	fc.stringMatching(/^[A-Za-z ,\r\n"’]{0,12}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
	// A quote inside an unquoted value is kept as text (papaparse's rule), and does not open a quoted value.
	fc.stringMatching(/^[A-Za-z0-9]{1,4}"[A-Za-z ]{0,4}$/),
	// White space after a closing quote is allowed.
	fc.stringMatching(/^[A-Za-z ]{0,5}$/).map((s) => `"${s}" \t`)
);
const csv = fc
	.array(fc.array(field, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 400 })
	.map((rows) => rows.map((r) => r.join(',')).join('\r\n'));

function raise(): never {
	throw new Error('the sink failed');
}

async function streamed(path: string): Promise<string[][]> {
	const rows: string[][] = [];
	await parseCsv(path, 'utf-8', { row: (cells) => (rows.push(cells), true), problem: () => undefined });
	return rows;
}

describe('streaming parse', () => {
	it('splitting text into pieces of whole rows loses nothing, however the text arrives', () => {
		fc.assert(
			fc.property(csv, fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }), (text, cuts) => {
				const splitter = new CsvSplitter('\r\n', 1e9, 1e9);
				const pieces: string[] = [];
				for (let at = 0, i = 0; at < text.length; at += cuts[i++ % cuts.length]) {
					expect(splitter.feed(text.slice(at, at + cuts[i % cuts.length]), (p) => pieces.push(p))).toBe(true);
				}
				const last = splitter.end();
				expect(pieces.join('') + last).toBe(text);
				// Every piece ends where a row ends, so papaparse reads the same rows from the pieces one by one.
				for (const piece of pieces) expect(piece.endsWith('\r\n')).toBe(true);
				const parse = (t: string) => Papa.parse<string[]>(t, { delimiter: ',', newline: '\r\n' }).data.filter((r) => !(r.length === 1 && r[0] === ''));
				expect([...pieces, last].flatMap(parse)).toEqual(parse(text));
			}),
			{ numRuns: 500 }
		);
	});

	it('parses exactly as papaparse parses the whole text at once, across chunk boundaries', async () => {
		const dir = tempDir();
		await fc.assert(
			fc.asyncProperty(csv, fc.integer({ min: 1, max: 400 }), async (text, repeat) => {
				// Repeated so the file spans several read chunks, with rows cut at chunk edges.
				const whole = Array(repeat).fill(text).join('\r\n');
				const path = writeFile(dir, 'random.csv', whole);
				const expected = Papa.parse<string[]>(whole, { delimiter: ',', newline: '\r\n' }).data.filter((r) => !(r.length === 1 && r[0] === ''));
				expect(await streamed(path)).toEqual(expected);
			}),
			{ numRuns: 25 }
		);
	});

	it('skips a UTF-8 BOM before a quoted header, and keeps a character cut between read chunks whole', async () => {
		const dir = tempDir();
		const head = '"RECTYPE","URN"\r\n';
		// The 3-byte ’ of the row after the padding straddles the first 64 KB read. Rows of 100
		// characters: a value over MAX_CELL_CHARS would stop the parse.
		const length = (1 << 16) - 2 - 3 - Buffer.byteLength(head) - '2,"St Mary'.length;
		const row = `1,${'x'.repeat(96)}\r\n`;
		const padding = row.repeat(Math.floor(length / 100) - 1) + `1,${'x'.repeat(length - 100 * (Math.floor(length / 100) - 1) - 4)}\r\n`;
		expect(padding.length).toBe(length);
		const text = `${head}${padding}2,"St Mary’s, Alton"\r\n`;
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
		expect(bytes.indexOf(Buffer.from('’')) < 1 << 16 && bytes.indexOf(Buffer.from('’')) + 3 > 1 << 16).toBe(true);
		const rows = await streamed(writeFile(dir, 'bom.csv', bytes));
		expect(rows[0]).toEqual(['RECTYPE', 'URN']);
		expect(rows.at(-1)).toEqual(['2', 'St Mary’s, Alton']);
	});

	it('stops at bad UTF-8 that straddles two read chunks, naming its row and byte, with every row before it read', async () => {
		const dir = tempDir();
		const line = `1,${'x'.repeat(96)}\r\n`;
		const head = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`A,B\r\n${line.repeat(700)}`)]);
		// A character begun in the last byte of the first 64 KB read, and not continued in the next.
		const before = head.subarray(0, (1 << 16) - 1 - 2);
		const bytes = Buffer.concat([before, Buffer.from([0x32, 0x2c, 0xe2, 0x41, 0x0d, 0x0a]), Buffer.from(line.repeat(10))]);
		expect(bytes[(1 << 16) - 1]).toBe(0xe2);
		const rows: string[][] = [];
		const problems: ImportProblem[] = [];
		await parseCsv(writeFile(dir, 'straddle.csv', bytes), 'utf-8', { row: (cells) => (rows.push(cells), true), problem: (p) => problems.push(p) }, undefined, {
			checkBytes: true
		});
		const complete = before.toString('utf8').split('\r\n').length - 1;
		expect(rows).toHaveLength(complete);
		expect(problems).toEqual([{ row: complete + 1, column: null, message: expect.stringMatching(/^The text is not valid UTF-8 at byte 65,536,/) }]);
	});

	it('passes on an error from the sink, and stops reading', async () => {
		const dir = tempDir();
		const path = writeFile(dir, 'many.csv', 'A,B\r\n'.repeat(50_000));
		let rows = 0;
		const sink = { row: () => (++rows > 10 ? raise() : true), problem: () => undefined };
		await expect(parseCsv(path, 'utf-8', sink)).rejects.toThrow('the sink failed');
		expect(rows).toBe(11);
	});

	it('reports the row of a quote that never closes', async () => {
		const dir = tempDir();
		const path = writeFile(dir, 'broken.csv', 'A,B\r\n1,2\r\n3,"four\r\n5,6\r\n');
		const problems: (number | null)[] = [];
		await parseCsv(path, 'utf-8', { row: () => true, problem: (p) => problems.push(p.row) });
		expect(problems).toEqual([3]);
		expect(readFileSync(path, 'utf8')).toContain('"four');
	});
});
