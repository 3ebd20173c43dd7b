import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsv, quoteFreeRuns } from '../../src/lib/server/import/csv-source';
import { tempDir, writeFile } from './import-fixtures';

const field = fc.oneof(
	fc.stringMatching(/^[A-Za-z0-9 %.-]{0,8}$/),
	fc.constantFrom('SUPP', 'NA', ' ', '', '66%', '-1.9'),
	// Quoted fields with commas, doubled quotes and line breaks inside.
	fc.stringMatching(/^[A-Za-z ,\r\n"’]{0,12}$/).map((s) => `"${s.replace(/"/g, '""')}"`)
);
const csv = fc.array(fc.array(field, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 400 }).map((rows) => rows.map((r) => r.join(',')).join('\r\n'));

function raise(): never {
	throw new Error('the sink failed');
}

async function streamed(path: string): Promise<string[][]> {
	const rows: string[][] = [];
	await parseCsv(path, 'utf-8', { row: (cells) => (rows.push(cells), true), problem: () => undefined });
	return rows;
}

describe('streaming parse', () => {
	it('splitting text into quote-free runs loses nothing', () => {
		fc.assert(
			fc.property(csv, (text) => {
				expect([...quoteFreeRuns(text)].join('')).toBe(text);
			})
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
		// The 3-byte ’ of the row after the padding straddles the first 64 KB read.
		const padding = `1,${'x'.repeat((1 << 16) - 2 - 3 - Buffer.byteLength(head) - '1,\r\n2,"St Mary'.length)}\r\n`;
		const text = `${head}${padding}2,"St Mary’s, Alton"\r\n`;
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
		expect(bytes.indexOf(Buffer.from('’')) < 1 << 16 && bytes.indexOf(Buffer.from('’')) + 3 > 1 << 16).toBe(true);
		const rows = await streamed(writeFile(dir, 'bom.csv', bytes));
		expect(rows[0]).toEqual(['RECTYPE', 'URN']);
		expect(rows[2]).toEqual(['2', 'St Mary’s, Alton']);
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
