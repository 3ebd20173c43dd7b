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

	it('reports the row of a quote that never closes', async () => {
		const dir = tempDir();
		const path = writeFile(dir, 'broken.csv', 'A,B\r\n1,2\r\n3,"four\r\n5,6\r\n');
		const problems: (number | null)[] = [];
		await parseCsv(path, 'utf-8', { row: () => true, problem: (p) => problems.push(p.row) });
		expect(problems).toEqual([3]);
		expect(readFileSync(path, 'utf8')).toContain('"four');
	});
});
