import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import type { Db } from '../../src/lib/server/db';
import { encodeCp1252 } from '../../src/lib/domain/import/cp1252';
import { giasFile, giasSchool, importFile, ks2File, refused, school, tempDir, writeFile } from './import-fixtures';

/** A database that already holds data, so "unchanged" means something. */
async function loaded(): Promise<{ db: Db; dir: string }> {
	const db = await freshDb();
	const dir = tempDir();
	expect((await importFile(db, giasFile(dir, [giasSchool(100001), giasSchool(100002)]))).status).toBe('imported');
	expect((await importFile(db, await ks2File(dir, { name: 'first_ks2final.csv', year: 2018 }))).status).toBe('imported');
	return { db, dir };
}

/** The generated KS2 file as lines, for breaking it on purpose. */
async function ks2Lines(dir: string, schools = [school(100001), school(100002)]): Promise<string[]> {
	return readFileSync(await ks2File(dir, { schools, name: 'source.csv' }), 'utf8').split('\r\n');
}

describe('bad input writes nothing and says why', () => {
	it('an empty file', async () => {
		const { db, dir } = await loaded();
		expect(await refused(db, () => importFile(db, writeFile(dir, 'empty.csv', '')))).toEqual(['The file is empty.']);
		expect(await refused(db, () => importFile(db, writeFile(dir, 'bom-only.csv', '\uFEFF\r\n')))).toEqual(['The file is empty.']);
	});

	it('a binary file, such as an Excel workbook', async () => {
		const { db, dir } = await loaded();
		const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
		expect((await refused(db, () => importFile(db, writeFile(dir, 'results.xlsx', xlsx))))[0]).toMatch(/Excel workbook/);
		const junk = new Uint8Array(1000).map((_, i) => (i * 7919) % 256);
		expect((await refused(db, () => importFile(db, writeFile(dir, 'junk.csv', junk))))[0]).toMatch(/not a text file/);
	});

	it('the wrong kind of CSV', async () => {
		const { db, dir } = await loaded();
		const other = writeFile(dir, 'people.csv', 'Name,Email\r\nA,a@example.org\r\n');
		expect((await refused(db, () => importFile(db, other)))[0]).toMatch(/not a file the importer knows/);
		const ks2 = await ks2File(dir, { name: 'ks2.csv' });
		expect(await refused(db, () => importFile(db, ks2, { kind: 'gias' }))).toEqual([
			'Row 1: You chose the GIAS register, but this looks like a KS2 performance table.'
		]);
		const gias = giasFile(dir, [giasSchool(100009)], 'register.csv');
		expect(await refused(db, () => importFile(db, gias, { kind: 'ks2' }))).toEqual([
			'Row 1: You chose KS2 results, but this looks like a GIAS establishment file.'
		]);
	});

	it('missing required columns, named', async () => {
		const { db, dir } = await loaded();
		const lines = await ks2Lines(dir);
		const cut = lines.map((l) =>
			l
				.split(',')
				.filter((_, i) => lines[0].split(',')[i] !== 'PTRWM_EXP')
				.join(',')
		);
		const problems = await refused(db, () => importFile(db, writeFile(dir, '2018-2019_ks2final.csv', cut.join('\r\n'))));
		expect(problems).toEqual([expect.stringMatching(/^Row 1, column PTRWM_EXP: the file has no PTRWM_EXP column/)]);
		const gias = writeFile(dir, 'gias.csv', '"URN","LA (code)"\r\n100001,"850"\r\n');
		expect(await refused(db, () => importFile(db, gias))).toEqual([expect.stringMatching(/column EstablishmentName/)]);
	});

	it('broken quoting: a quote that never closes, or text after a closing quote', async () => {
		const { db, dir } = await loaded();
		const lines = await ks2Lines(dir);
		const unclosed = [...lines];
		unclosed[2] = unclosed[2].replace('School 100002', '"School 100002');
		const problems = await refused(db, () => importFile(db, writeFile(dir, '2018-2019_a_ks2final.csv', unclosed.join('\r\n'))));
		expect(problems.some((p) => /^Row 3, column SCHNAME: a quoted value is never closed/.test(p))).toBe(true);
		const trailing = [...lines];
		trailing[1] = trailing[1].replace('School 100001', '"School" 100001');
		const problems2 = await refused(db, () => importFile(db, writeFile(dir, '2018-2019_b_ks2final.csv', trailing.join('\r\n'))));
		expect(problems2.some((p) => /^Row 2, column SCHNAME: a quoted value has text after its closing quote/.test(p))).toBe(true);
	});

	it('a file over the size limit', async () => {
		const { db, dir } = await loaded();
		const path = await ks2File(dir, { name: 'big_ks2final.csv' });
		const problems = await refused(db, () => importFile(db, path, { maxBytes: 1000 }));
		expect(problems[0]).toMatch(/over the limit of 1 KB/);
	});

	it('a duplicate URN, naming both rows', async () => {
		const { db, dir } = await loaded();
		const path = await ks2File(dir, { schools: [school(100001), school(100002), school(100001)], name: '2018-2019_dup_ks2final.csv' });
		expect(await refused(db, () => importFile(db, path))).toEqual([
			'Row 4, column URN: URN 100001 appears twice (rows 2 and 4). Each school can have only one row.'
		]);
		const gias = giasFile(dir, [giasSchool(100005), giasSchool(100005)], 'dup.csv');
		expect(await refused(db, () => importFile(db, gias))).toEqual([
			'Row 3, column URN: URN 100005 appears twice (rows 2 and 3). Each school can have only one row.'
		]);
	});

	it('a year that disagrees with the file', async () => {
		const { db, dir } = await loaded();
		const path = await ks2File(dir, { year: 2019, name: 'ks2final.csv' });
		const problems = await refused(db, () => importFile(db, path, { year: 2018 }));
		expect(problems[0]).toMatch(/You said this file is for 2017\/18, but it is for 2018\/19: its column \w+_18 holds/);
	});

	it('a value that is not a number or a code, with its row and column', async () => {
		const { db, dir } = await loaded();
		const lines = await ks2Lines(dir);
		const header = lines[0].split(',');
		const cells = lines[1].split(',');
		cells[header.indexOf('PTRWM_EXP')] = '6O%';
		lines[1] = cells.join(',');
		expect(await refused(db, () => importFile(db, writeFile(dir, '2018-2019_c_ks2final.csv', lines.join('\r\n'))))).toEqual([
			'Row 2, column PTRWM_EXP: "6O%" is neither a number nor a DfE code such as SUPP or NA.'
		]);
	});

	// Until this changed, letters in a number column were kept as a code and stored as "not available",
	// with only a warning: `abc%` in PTRWM_EXP imported. Only DfE's own codes are codes now.
	it.each(['abc%', 'ABC', 'x', 'ZZ'])('a code DfE has never used (%j) in a number column, with its row and column', async (code) => {
		const { db, dir } = await loaded();
		const lines = await ks2Lines(dir);
		const header = lines[0].split(',');
		const cells = lines[2].split(',');
		cells[header.indexOf('PTRWM_EXP')] = code;
		lines[2] = cells.join(',');
		expect(await refused(db, () => importFile(db, writeFile(dir, '2018-2019_e_ks2final.csv', lines.join('\r\n'))))).toEqual([
			`Row 3, column PTRWM_EXP: "${code}" is neither a number nor a DfE code such as SUPP or NA.`
		]);
	});

	it('a header with no rows', async () => {
		const { db, dir } = await loaded();
		const lines = await ks2Lines(dir);
		expect(await refused(db, () => importFile(db, writeFile(dir, '2018-2019_d_ks2final.csv', lines[0])))).toEqual(['The file has no rows of results.']);
	});

	it('a school name with a line break in it (quoted, so the CSV itself is valid)', async () => {
		const { db, dir } = await loaded();
		const path = giasFile(dir, [giasSchool(100003, '850', { name: 'Oak "\r\nBEGIN:VEVENT\r\nSUMMARY:Fake' })], 'injected.csv');
		expect(await refused(db, () => importFile(db, path))).toEqual([
			"Row 2, column EstablishmentName: the school's name contains a line break, which no real school name has. Check the file has not been edited by hand."
		]);
	});

	it('Windows-1252 text is decoded, not rejected: ’ survives', async () => {
		const { db, dir } = await loaded();
		const path = giasFile(dir, [giasSchool(100001, '850', { name: 'St Mary’s CE Primary School', headLastName: 'O’Neill' })], 'cp1252.csv');
		expect(readFileSync(path).includes(0x92)).toBe(true);
		expect((await importFile(db, path)).status).toBe('imported');
		const row = await db.selectFrom('schools').select(['name', 'head_name']).where('urn', '=', 100001).executeTakeFirstOrThrow();
		expect(row).toEqual({ name: 'St Mary’s CE Primary School', head_name: 'Mrs Jane O’Neill' });
		// The same bytes as UTF-8 would have been invalid; cp1252 text that happens to be ASCII is just ASCII.
		expect(encodeCp1252('St Mary’s')[7]).toBe(0x92);
	});
});
