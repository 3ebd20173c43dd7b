// Files damaged, cut short or built to stall the importer: each is refused, says where, and writes nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import type { Db } from '../../src/lib/server/db';
import type { ImportProgress } from '../../src/lib/server/import/pipeline';
import { MAX_CELL_CHARS } from '../../src/lib/server/import/csv-source';
import { encodeCp1252 } from '../../src/lib/domain/import/cp1252';
import { seededRandom } from '../../scripts/demo/random';
import { giasFile, giasSchool, importFile, ks2File, refused, school, snapshot, tempDir, writeFile } from './import-fixtures';
import { eesPerformanceFile } from './import-ees-fixtures';

/** A database holding a year of KS2 results (2017/18, for 120 schools) that a bad file must not replace. */
async function loaded(): Promise<{ db: Db; dir: string }> {
	const db = await freshDb();
	const dir = tempDir();
	const outcome = await importFile(db, await ks2File(dir, { year: 2018, name: 'first_ks2final.csv', schools: schools(120) }));
	expect(outcome.status).toBe('imported');
	expect(outcome.report.resultsStored).toBe(120);
	return { db, dir };
}

const schools = (n: number, from = 100001) => Array.from({ length: n }, (_, i) => school(from + i, i % 3 === 0 ? '936' : '850'));

/** A 2017/18 ks2final file (UTF-8 with a BOM, CRLF, no final newline) of 120 schools, about 150 KB. */
async function ks2Bytes(dir: string, o: { seed?: number } = {}): Promise<Buffer> {
	return readFileSync(await ks2File(dir, { year: 2018, name: 'source.csv', schools: schools(120), seed: o.seed ?? 7 }));
}

/** Imports, recording how far the reading got. */
async function importWatched(db: Db, path: string): Promise<{ problems: string[]; rowsRead: number; furthest: number }> {
	let furthest = 0;
	let rowsRead = 0;
	const problems = await refused(db, async () => {
		const outcome = await importFile(db, path, { onProgress: (p: ImportProgress) => (furthest = Math.max(furthest, p.bytesRead)) });
		rowsRead = outcome.report.rowsRead;
		return outcome;
	});
	return { problems, rowsRead, furthest };
}

describe('a damaged file writes nothing, and says where it is damaged', () => {
	it('the first 70,000 bytes of a real-format ks2final file, then random bytes: refused at the first bad byte, the year left as it was', async () => {
		const { db, dir } = await loaded();
		const random = seededRandom(3);
		const tail = Buffer.from(Array.from({ length: 30_000 }, () => Math.floor(random() * 256)));
		const path = writeFile(dir, '2017-2018_850_ks2final.csv', Buffer.concat([(await ks2Bytes(dir)).subarray(0, 70_000), tail]));
		const problems = await refused(db, () => importFile(db, path));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(
			/^Row \d+: The (file has a control character \(0x[0-9A-F]{2}\)|text is not valid UTF-8) at byte 70,0\d\d\b.*damaged or cut short/
		);
	});

	it('a control character far past the first 64 KB of a file with a BOM', async () => {
		const { db, dir } = await loaded();
		const bytes = await ks2Bytes(dir);
		const at = bytes.indexOf('\r\n', 100_000) - 3;
		bytes[at] = 0x00;
		const row = bytes.subarray(0, at).toString('utf8').split('\r\n').length;
		expect(await refused(db, () => importFile(db, writeFile(dir, '2017-2018_nul_ks2final.csv', bytes)))).toEqual([
			`Row ${row}: The file has a control character (0x00) at byte ${(at + 1).toLocaleString('en-GB')}, which no CSV text has. The file may be damaged or cut short: download it again, and check it opens as text.`
		]);
		bytes[at] = 0x0c; // a form feed is no better
		expect((await refused(db, () => importFile(db, writeFile(dir, '2017-2018_ff_ks2final.csv', bytes))))[0]).toMatch(/control character \(0x0C\)/);
	});

	it('text that is not UTF-8 in a file whose BOM says it is, far past the first 64 KB', async () => {
		const { db, dir } = await loaded();
		const bytes = await ks2Bytes(dir);
		const at = bytes.indexOf('School 1001', 120_000);
		bytes[at + 3] = 0x92; // Windows-1252's ’
		expect(await refused(db, () => importFile(db, writeFile(dir, '2017-2018_cp_ks2final.csv', bytes)))).toEqual([
			expect.stringMatching(
				new RegExp(`^Row \\d+: The text is not valid UTF-8 at byte ${(at + 4).toLocaleString('en-GB')}, though the file starts with UTF-8's byte-order mark`)
			)
		]);
	});

	it('a Windows-1252 file (no BOM, not UTF-8) with a byte Windows-1252 does not define', async () => {
		const { db, dir } = await loaded();
		const path = giasFile(dir, [giasSchool(100001, '850', { name: 'St Mary’s CE Primary School' }), giasSchool(100002)], 'cp1252.csv');
		const bytes = readFileSync(path);
		expect(bytes.includes(0x92)).toBe(true);
		bytes[bytes.indexOf('School 100002')] = 0x8d;
		expect(await refused(db, () => importFile(db, writeFile(dir, 'undefined.csv', bytes)))).toEqual([
			expect.stringMatching(
				/^The file is not UTF-8, so it was read as Windows-1252, but byte [\d,]+ \(0x8D\) is not a character in Windows-1252\. The file may be damaged or cut short/
			)
		]);
	});

	it('a UTF-8 file cut off part-way through a character', async () => {
		const { db, dir } = await loaded();
		const path = await eesPerformanceFile(dir, 'ees.csv', [
			{
				year: 2024,
				version: 'Final',
				schools: [
					{ urn: 100001, laestab: '8502001', name: 'School 100001' },
					{ urn: 100002, laestab: '8502002', name: 'St Mary’s' }
				]
			}
		]);
		const bytes = readFileSync(path);
		const cut = bytes.lastIndexOf(Buffer.from('’')) + 1;
		expect(await refused(db, () => importFile(db, writeFile(dir, 'cut.csv', bytes.subarray(0, cut))))).toEqual([
			expect.stringMatching(/^The file ends part-way through a character \(from byte [\d,]+\), so it has been cut short/)
		]);
	});
});

describe('a file cut short is refused', () => {
	it('a ks2final file whose last row stops part-way through the figures', async () => {
		const { db, dir } = await loaded();
		const bytes = await ks2Bytes(dir);
		const text = bytes.toString('utf8');
		// Cut 40 characters into the figures of row 60: 18 values in.
		const start = text.split('\r\n', 59).join('\r\n').length + 2;
		let at = start;
		for (let i = 0; i < 30; i++) at = text.indexOf(',', at) + 1;
		const header = text.slice(1, text.indexOf('\r\n')).split(',');
		const path = writeFile(dir, '2017-2018_cut_ks2final.csv', Buffer.from(text.slice(0, at + 2), 'utf8'));
		expect(await refused(db, () => importFile(db, path))).toEqual([
			`Row 60, column ${header[30]}: the file's last row stops here, after 31 of the header's ${header.length} columns, part-way through the figures, where no real row stops (no other row in the file stops there). The file may have been cut short: download it again.`
		]);
	});

	it('but not one that ends with a NEW school, whose row stops at TOTPUPS, nor one whose rows are all short alike', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const newSchool = school(100200, '850', { firstYear: 2030 });
		const path = await ks2File(dir, { year: 2018, name: 'new.csv', schools: [...schools(3), newSchool] });
		// Only the schools: the file ends with the NEW school's short row.
		const lines = readFileSync(path, 'utf8').split('\r\n');
		const ending = writeFile(dir, '2017-2018_new_ks2final.csv', lines.slice(0, 5).join('\r\n'));
		expect(lines[4]).toMatch(/,NEW$/);
		const outcome = await importFile(db, ending);
		expect(outcome.report.problems).toEqual([]);
		expect(outcome.status).toBe('imported');
		// Every row 20 values short (as in DfE's 2023/24 file, where no row has the last block of columns).
		const short = lines.map((l, i) => (i === 0 ? l : l.split(',').slice(0, -20).join(',')));
		const trimmed = await importFile(await freshDb(), writeFile(dir, '2017-2018_short_ks2final.csv', short.join('\r\n')));
		expect(trimmed.report.problems).toEqual([]);
		expect(trimmed.status).toBe('imported');
	});

	it('a data set from Explore Education Statistics whose last row is cut off', async () => {
		const { db, dir } = await loaded();
		const path = await eesPerformanceFile(dir, 'ees.csv', [{ year: 2024, version: 'Final' }]);
		const text = readFileSync(path, 'utf8');
		const lines = text.split('\r\n');
		const width = lines[0].split(',').length;
		const last = lines.length - 2; // the file ends with a line break
		// Cut two characters into the third figure from the end.
		let at = text.length;
		for (let i = 0; i < 3; i++) at = text.lastIndexOf(',', at - 1);
		const cut = text.slice(0, at + 2);
		expect(await refused(db, () => importFile(db, writeFile(dir, 'cut.csv', cut)))).toEqual([
			expect.stringMatching(
				new RegExp(
					`^Row ${last + 1}, column \\w+: this row stops after ${width - 2} of the header's ${width} columns, but every row of a data set from Explore Education Statistics has them all\\. The file may have been cut short`
				)
			)
		]);
	});
});

describe('a value or a row far longer than any real file has is refused at once', () => {
	/** The generated ks2final file's lines, with row 3's school name replaced. */
	async function withName(dir: string, name: Buffer): Promise<string> {
		const bytes = await ks2Bytes(dir);
		const at = bytes.indexOf('School 100002');
		return writeFile(dir, '2017-2018_long_ks2final.csv', Buffer.concat([bytes.subarray(0, at), name, bytes.subarray(at + 'School 100002'.length)]));
	}

	it('a quoted value of 60 MB: the problem names its row and column, and reading stops long before its end', async () => {
		const { db, dir } = await loaded();
		const path = await withName(dir, Buffer.concat([Buffer.from('"'), Buffer.alloc(60 * 1024 * 1024, 'a'), Buffer.from('"')]));
		const { problems, rowsRead, furthest } = await importWatched(db, path);
		expect(problems).toEqual([
			`Row 3, column SCHNAME: a quoted value is never closed (a " is missing), or runs on for over ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters, far longer than any value in a real DfE file. The file may be damaged or cut short.`
		]);
		expect(rowsRead).toBe(1);
		expect(furthest).toBeLessThan(256 * 1024);
	});

	it('a quote that never closes, in a large file: found within the limit, not at the end of the file', async () => {
		const { db, dir } = await loaded();
		const bytes = await ks2Bytes(dir);
		const text = bytes.toString('utf8');
		const body = text.slice(text.indexOf('\r\n') + 2);
		const path = writeFile(dir, '2017-2018_unclosed_ks2final.csv', text.replace('School 100002', '"School 100002') + `\r\n${body}`.repeat(60));
		const { problems, rowsRead, furthest } = await importWatched(db, path);
		expect(problems).toEqual([expect.stringMatching(/^Row 3, column SCHNAME: a quoted value is never closed/)]);
		expect(rowsRead).toBe(1);
		expect(furthest).toBeLessThan(256 * 1024);
	});

	it('a value longer than the limit, quoted or not, and a row over 64 KB', async () => {
		const { db, dir } = await loaded();
		const long = 'a'.repeat(MAX_CELL_CHARS + 1);
		expect(await refused(db, async () => importFile(db, await withName(dir, Buffer.from(`"${long}"`))))).toEqual([
			expect.stringMatching(/^Row 3, column SCHNAME: a value is over 4,000 characters long, far longer than any value in a real DfE file/)
		]);
		expect(await refused(db, async () => importFile(db, await withName(dir, Buffer.from(long))))).toEqual([
			expect.stringMatching(/^Row 3, column SCHNAME: a value is over 4,000 characters long/)
		]);
		const wide = Buffer.from(Array(20).fill('a'.repeat(3500)).join(','));
		expect(await refused(db, async () => importFile(db, await withName(dir, wide)))).toEqual([
			expect.stringMatching(/^Row 3: this row is over 65,536 characters long, far longer than any row of a real DfE file/)
		]);
	});
});

describe('what real files have is still read', () => {
	it('a quoted value just under the limit, with line breaks, commas and doubled quotes, and a literal quote inside an unquoted value', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const name = `"${'x'.repeat(MAX_CELL_CHARS - 30)}, ""A"" \r\n B"`;
		const bytes = await ks2Bytes(dir);
		const at = bytes.indexOf('School 100002');
		const path = writeFile(
			dir,
			'2017-2018_ok_ks2final.csv',
			Buffer.concat([bytes.subarray(0, at), Buffer.from(name), bytes.subarray(at + 13)])
				.toString('utf8')
				.replace('School 100003', 'School 5" 100003')
		);
		const before = await snapshot(db);
		const outcome = await importFile(db, path);
		expect(outcome.report.problems).toEqual([]);
		expect(outcome.status).toBe('imported');
		expect(await snapshot(db)).not.toEqual(before);
	});
});

it('a Windows-1252 file is still Windows-1252', async () => {
	const db = await freshDb();
	const dir = tempDir();
	const path = writeFile(
		dir,
		'links.csv',
		encodeCp1252('URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\r\n100001,100002,St Thomas à Becket’s,Predecessor,01-02-2023\r\n')
	);
	const outcome = await importFile(db, path);
	expect(outcome.report.problems).toEqual([]);
	expect(outcome.status).toBe('imported');
});
