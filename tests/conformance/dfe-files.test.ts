// The real DfE files in ../shared/data/dfe, imported through the real pipeline, with real values
// checked. CI always has ../shared; a checkout without it runs one test that says so.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import type { Db } from '../../src/lib/server/db';
import { runImport, type ImportOutcome } from '../../src/lib/server/import/pipeline';
import { loadKs2ForAnalysis, schoolLinks } from '../../src/lib/server/import/ks2-repository';
import { setServedLas } from '../../src/lib/server/import/settings';
import { encodeCp1252 } from '../../src/lib/domain/import/cp1252';
import { tempDir, writeFile } from '../integration/import-fixtures';

const DFE = fileURLToPath(new URL('../../../shared/data/dfe', import.meta.url));
const ks2 = (name: string) => join(DFE, 'ks2', name);
const gias = (name: string) => join(DFE, 'gias', name);

async function load(db: Db, path: string, extra = {}): Promise<ImportOutcome> {
	return runImport(db, { path, fileName: path.split('/').pop()!, userId: null, ...extra });
}

async function imported(db: Db, path: string, extra = {}): Promise<ImportOutcome> {
	const outcome = await load(db, path, extra);
	expect(outcome.report.problems).toEqual([]);
	expect(outcome.status).toBe('imported');
	return outcome;
}

if (!existsSync(DFE)) {
	describe('real DfE files', () => {
		it('cannot be checked: ../shared/data/dfe is not beside this checkout', () => {
			console.warn(`Conformance tests need the real DfE files at ${DFE}. CI has them; nothing was checked here.`);
			expect(existsSync(DFE)).toBe(false);
		});
	});
} else {
	describe('real DfE files', () => {
		it('imports every KS2 and GIAS file there is', async () => {
			const db = await freshDb();
			const files = [
				...readdirSync(join(DFE, 'gias'))
					.filter((f) => f.endsWith('.csv'))
					.sort()
					.reverse()
					.map(gias), // the register before its links
				...readdirSync(join(DFE, 'ks2'))
					.filter((f) => f.endsWith('.csv'))
					.sort()
					.map(ks2)
			];
			expect(files.length).toBeGreaterThanOrEqual(6);
			for (const file of files) await imported(db, file);
			const { results } = await loadKs2ForAnalysis(db);
			expect(new Set(results.map((r) => r.year))).toEqual(new Set([2017, 2018, 2019, 2024]));
		});

		it('2018/19, Hampshire: LA 68% and England 65% meeting the expected standard in RWM; school rows as published', async () => {
			const db = await freshDb();
			const outcome = await imported(db, ks2('2018-2019_850_ks2final.csv'));
			expect(outcome.report).toMatchObject({ year: 2019, version: 'final', rowsRead: 334, resultsStored: 331, comparatorsStored: 3 });
			const { results, comparators } = await loadKs2ForAnalysis(db);
			const comparator = (kind: string) => comparators.find((c) => c.kind === kind)!;
			expect(comparator('la')).toMatchObject({ year: 2019, laCode: '850', rwmExpected: 68, rwmHigh: 13, cohort: 14855, readProgress: -0.4 });
			expect(comparator('england_state')).toMatchObject({ laCode: null, rwmExpected: 65, rwmHigh: 11, cohort: 644967, readProgress: null });
			expect(comparator('england_all')).toMatchObject({ rwmExpected: 65, cohort: 649249 });
			const urn = (u: number) => results.find((r) => r.urn === u)!;
			expect(urn(115851)).toMatchObject({
				year: 2019,
				recordType: 1,
				cohort: 60,
				rwmExpected: 63,
				rwmHigh: 0,
				readProgress: -1.9,
				readProgressLower: -3.4,
				readProgressUpper: -0.3,
				rwmExpectedDisadvantaged: 61
			});
			expect(urn(115852)).toMatchObject({ cohort: 90, rwmExpected: 59, rwmHigh: 12, readProgress: -3.6 });
			// Two pupils: suppressed, never 0.
			expect(urn(116294)).toMatchObject({ cohort: 2, rwmExpected: null, codes: expect.objectContaining({ rwmExpected: 'SUPP', readProgress: 'SUPP' }) });
			// A NEW school's short row: nothing published.
			expect(urn(147021)).toMatchObject({ cohort: null, rwmExpected: null, codes: expect.objectContaining({ cohort: 'NEW', rwmExpected: 'NEW' }) });
			expect(outcome.report.suppressed.PTRWM_EXP).toEqual({ SUPP: 3, NEW: 3 });
		});

		it('2017/18: LA 68%, England 64%; LOWCOV and SUPP progress kept as codes', async () => {
			const db = await freshDb();
			await imported(db, ks2('2017-2018_850_ks2final.csv'));
			const { results, comparators } = await loadKs2ForAnalysis(db);
			expect(comparators.find((c) => c.kind === 'la')).toMatchObject({ year: 2018, rwmExpected: 68 });
			expect(comparators.find((c) => c.kind === 'england_state')).toMatchObject({ rwmExpected: 64 });
			expect(results.find((r) => r.urn === 116633)).toMatchObject({
				cohort: 15,
				readProgress: null,
				readCoverage: null,
				codes: expect.objectContaining({ readProgress: 'LOWCOV', readCoverage: 'LOWCOV' })
			});
			expect(results.find((r) => r.urn === 116296)).toMatchObject({
				cohort: 6,
				rwmExpected: 33,
				readProgress: null,
				codes: expect.objectContaining({ readProgress: 'SUPP' })
			});
			expect(results.find((r) => r.urn === 115922)).toMatchObject({ cohort: 64, rwmExpected: 73, readProgress: 1.1, readProgressBand: expect.any(Number) });
		});

		it('2016/17: LA 66%, England 61%; no three-year columns that year', async () => {
			const db = await freshDb();
			const outcome = await imported(db, ks2('2016-2017_850_ks2final.csv'));
			const { results, comparators } = await loadKs2ForAnalysis(db);
			expect(comparators.find((c) => c.kind === 'la')).toMatchObject({ year: 2017, rwmExpected: 66 });
			expect(comparators.find((c) => c.kind === 'england_state')).toMatchObject({ rwmExpected: 61 });
			const school = results.find((r) => r.urn === 115976)!;
			expect(school).toMatchObject({ cohort: 109, rwmExpected: 72, readProgress: 1.2, readProgressLower: 0, cohort3yr: null, rwmExpected3yr: null });
			expect(school.codes.cohort3yr).toBeUndefined();
			expect(outcome.report.warnings.join(' ')).toContain('TELIG_3YR');
		});

		it('2023/24 excerpt (LF, no BOM): attainment only, no progress, year from the _23 columns', async () => {
			const db = await freshDb();
			const outcome = await imported(db, ks2('2023-2024_england_ks2final_excerpt.csv'));
			expect(outcome.report).toMatchObject({ year: 2024, resultsStored: 7, comparatorsStored: 2 });
			expect(outcome.report.warnings.join(' ')).toMatch(/no progress scores/);
			const { results, comparators } = await loadKs2ForAnalysis(db);
			expect(results.every((r) => r.readProgress === null && r.writProgress === null && r.matProgress === null)).toBe(true);
			expect(comparators.find((c) => c.kind === 'england_state')).toMatchObject({ year: 2024, rwmExpected: 61, rwmHigh: 8 });
			expect(results.find((r) => r.urn === 136223)).toMatchObject({ cohort: 62, rwmExpected: 52, readAverage: 102, rwmExpectedDisadvantaged: 36 });
			expect(results.find((r) => r.urn === 150744)).toMatchObject({ codes: expect.objectContaining({ rwmExpected: 'NEW' }) });
		});

		it('refuses the real 2018/19 file cut at 70,000 bytes and followed by random bytes, and keeps the year as it was', async () => {
			const db = await freshDb();
			await imported(db, ks2('2018-2019_850_ks2final.csv'));
			const before = await db.selectFrom('ks2_results').selectAll().orderBy('urn').execute();
			expect(before).toHaveLength(331);
			let seed = 1;
			const random = Buffer.from(Array.from({ length: 30_000 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) & 0xff));
			const damaged = writeFile(
				tempDir(),
				'2018-2019_850_ks2final.csv',
				Buffer.concat([readFileSync(ks2('2018-2019_850_ks2final.csv')).subarray(0, 70_000), random])
			);
			const outcome = await load(db, damaged);
			expect(outcome.status).toBe('rejected');
			expect(outcome.report.problems).toEqual([
				{ row: expect.any(Number), column: null, message: expect.stringMatching(/at byte 70,0\d\d\b.*damaged or cut short/) }
			]);
			expect(await db.selectFrom('ks2_results').selectAll().orderBy('urn').execute()).toEqual(before);
		});

		it('refuses the real 2018/19 file cut short in the middle of a row', async () => {
			const db = await freshDb();
			const text = readFileSync(ks2('2018-2019_850_ks2final.csv'));
			const cut = writeFile(tempDir(), '2018-2019_850_ks2final.csv', text.subarray(0, text.indexOf('\r\n', 200_000) + 700));
			const outcome = await load(db, cut);
			expect(outcome.status).toBe('rejected');
			expect(outcome.report.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/last row stops here.*cut short/));
			expect(await db.selectFrom('ks2_results').select('urn').execute()).toEqual([]);
		});

		it('refuses a year that the real file contradicts', async () => {
			const db = await freshDb();
			const outcome = await load(db, ks2('2018-2019_850_ks2final.csv'), { year: 2018 });
			expect(outcome.status).toBe('rejected');
			expect(outcome.report.problems[0].message).toMatch(/You said this file is for 2017\/18, but it is for 2018\/19/);
			expect(await db.selectFrom('ks2_results').select('urn').execute()).toEqual([]);
		});

		it('imports the GIAS search export: register fields, Ofsted, names with apostrophes', async () => {
			const db = await freshDb();
			const outcome = await imported(db, gias('2022-04-20_gias_search_export_850_936_primary.csv'));
			expect(outcome.report).toMatchObject({ rowsRead: 1096, schoolsAdded: 1096 });
			const row = await db.selectFrom('schools').selectAll().where('urn', '=', 115850).executeTakeFirstOrThrow();
			expect(row).toMatchObject({
				la_code: '850',
				la_name: 'Hampshire',
				establishment_number: '2000',
				name: 'Alton Infant School',
				type: 'Community school',
				phase: 'Primary',
				status: 'Open',
				age_low: 4,
				age_high: 7,
				head_name: 'Mr Richard Mead',
				street: 'Normandy Street',
				town: 'Alton',
				postcode: 'GU34 1DH',
				easting: 472080,
				northing: 139716,
				ofsted_rating: 'Good',
				ofsted_date: '2019-01-23'
			});
			expect((await db.selectFrom('schools').select('name').where('urn', '=', 115872).executeTakeFirstOrThrow()).name).toBe("Chandler's Ford Infant School");
			// The trust, for school-to-school support: never between two schools of one trust.
			expect(row.trust_name).toBeNull();
			expect((await db.selectFrom('schools').select('trust_name').where('urn', '=', 124964).executeTakeFirstOrThrow()).trust_name).toBe(
				'Voice Education Trust'
			);
		});

		it('limits the register to one LA when the admin says so', async () => {
			const db = await freshDb();
			await setServedLas(db, ['850'], null);
			const outcome = await imported(db, gias('2022-04-20_gias_search_export_850_936_primary.csv'));
			expect(outcome.report).toMatchObject({ schoolsAdded: 520, rowsOutsideLa: 576 });
		});

		it('imports the cp1252 links file: à, ° and ô survive, and academies keep their predecessors', async () => {
			const db = await freshDb();
			const outcome = await imported(db, gias('2025-04-22_edubasealldata_links_cp1252.csv'));
			expect(outcome.report).toMatchObject({ rowsRead: 33801, linksStored: 33801 });
			const names = (await db.selectFrom('school_links').select('link_name').where('urn', 'in', [108299, 109401, 400978]).execute()).map((r) => r.link_name);
			expect(names).toEqual(
				expect.arrayContaining(['St Thomas à Becket Catholic Secondary School, A Voluntary Academy', 'North Star 82°', 'Awel Y Môr Primary School'])
			);
			expect(await schoolLinks(db, [149557])).toEqual([
				{ urn: 149557, linkUrn: 126416, linkType: 'Predecessor', linkName: 'St Thomas à Becket Church of England Aided Primary School', linkDate: '2023-02-01' }
			]);
		});

		it('reads the full edubasealldata layout, before and after DfE dropped the Ofsted columns', async () => {
			const db = await freshDb();
			const dir = tempDir();
			const listed = readFileSync(gias('edubasealldata_columns_2025.txt'), 'latin1')
				.split('\n')
				.find((l) => l.startsWith('"URN"'))!;
			const all = listed
				.trim()
				.split(',')
				.map((c) => c.replace(/^"|"$/g, ''));
			const dropped = ['RSCRegion (name)', 'OfstedLastInsp', 'OfstedSpecialMeasures (code)', 'OfstedSpecialMeasures (name)', 'OfstedRating (name)'];
			const row = (columns: string[], values: Record<string, string>) => columns.map((c) => `"${values[c] ?? ''}"`).join(',');
			const school = {
				URN: '999001',
				'LA (code)': '850',
				'LA (name)': 'Hampshire',
				EstablishmentName: 'St Mary’s CE Primary School',
				'TypeOfEstablishment (code)': '02',
				'TypeOfEstablishment (name)': 'Voluntary aided school',
				'PhaseOfEducation (name)': 'Primary',
				'EstablishmentStatus (name)': 'Open',
				StatutoryLowAge: '4',
				StatutoryHighAge: '11',
				OfstedRating: '',
				'OfstedRating (name)': 'Good',
				OfstedLastInsp: '05-03-2024',
				Easting: '450000',
				Northing: '120000'
			};
			const before = writeFile(dir, 'edubasealldata20250101.csv', encodeCp1252([all.map((c) => `"${c}"`).join(','), row(all, school)].join('\r\n')));
			expect(all).toHaveLength(140);
			await imported(db, before);
			expect(await db.selectFrom('schools').select(['name', 'ofsted_rating', 'ofsted_date']).executeTakeFirstOrThrow()).toEqual({
				name: 'St Mary’s CE Primary School',
				ofsted_rating: 'Good',
				ofsted_date: '2024-03-05'
			});
			const after2025 = all.filter((c) => !dropped.includes(c));
			expect(after2025).toHaveLength(135);
			const later = writeFile(
				dir,
				'edubasealldata20250422.csv',
				encodeCp1252(
					[after2025.map((c) => `"${c}"`).join(','), row(after2025, { ...school, EstablishmentName: 'St Mary’s Church of England Primary School' })].join(
						'\r\n'
					)
				)
			);
			const outcome = await imported(db, later);
			expect(outcome.report.warnings).toEqual([expect.stringContaining('no Ofsted columns')]);
			expect(await db.selectFrom('schools').select(['name', 'ofsted_rating']).executeTakeFirstOrThrow()).toEqual({
				name: 'St Mary’s Church of England Primary School',
				ofsted_rating: 'Good'
			});
		});
	});
}
