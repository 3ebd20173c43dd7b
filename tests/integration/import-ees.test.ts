import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import type { Db } from '../../src/lib/server/db';
import type { ImportOutcome } from '../../src/lib/server/import/pipeline';
import { rollbackImport } from '../../src/lib/server/import/rollback';
import { importHistory } from '../../src/lib/server/import/history';
import { loadKs2ForAnalysis } from '../../src/lib/server/import/ks2-repository';
import { setServedLas } from '../../src/lib/server/import/settings';
import { importFile, ks2File, refused, school, snapshot, tempDir, writeFile } from './import-fixtures';
import {
	EES_SCHOOLS,
	eesInformationFile,
	eesLaInformationFile,
	eesLaPerformanceFile,
	eesPerformanceFile,
	informationOf,
	rwmOf,
	schoolRows
} from './import-ees-fixtures';

async function imported(db: Db, path: string, extra = {}): Promise<Extract<ImportOutcome, { status: 'imported' }>> {
	const outcome = await importFile(db, path, extra);
	if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome.report.problems));
	return outcome;
}

const THREE_YEARS = [
	{ year: 2023, version: 'Final' },
	{ year: 2024, version: 'Final' },
	{ year: 2025, version: 'Provisional' }
];

/** The results the analysis reads, without the codes, for comparing databases. */
async function analysed(db: Db) {
	const { results, comparators } = await loadKs2ForAnalysis(db);
	return { results, comparators };
}

describe('EES school performance: one import per year', () => {
	it('makes a history row per year with the version from the file, and stores what ks2final would', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const outcome = await imported(db, await eesPerformanceFile(dir, 'ees_ks2_school_performance.csv', THREE_YEARS));
		expect(outcome.importIds).toHaveLength(3);
		expect(outcome.report).toMatchObject({
			format: 'ees_school_performance',
			year: null,
			version: null,
			rowsRead: 3 * 3 * 4 * 5,
			resultsStored: 9,
			schoolsAdded: 9
		});
		expect(outcome.report.parts.map((p) => [p.year, p.version, p.importId, p.resultsStored])).toEqual([
			[2023, 'final', outcome.importIds[0], 3],
			[2024, 'final', outcome.importIds[1], 3],
			[2025, 'provisional', outcome.importIds[2], 3]
		]);
		const history = await importHistory(db);
		expect(history.map((h) => [h.id, h.format, h.year, h.version, h.laCodes])).toEqual([
			[outcome.importIds[2], 'ees_school_performance', 2025, 'provisional', ['850', '936']],
			[outcome.importIds[1], 'ees_school_performance', 2024, 'final', ['850', '936']],
			[outcome.importIds[0], 'ees_school_performance', 2023, 'final', ['850', '936']]
		]);
		// Each year can be rolled back on its own: they do not overlap.
		expect(history.every((h) => h.blockedBy === null)).toBe(true);

		const { results } = await loadKs2ForAnalysis(db);
		const row = results.find((r) => r.urn === 100001 && r.year === 2023)!;
		expect(row).toMatchObject({
			recordType: 1,
			rwmExpected: rwmOf(100001, 2023),
			rwmHigh: 7,
			readExpected: rwmOf(100001, 2023) + 10,
			readAverage: 105,
			readProgress: -2,
			readProgressLower: -3.5,
			readProgressUpper: -0.5,
			readProgressBand: 4,
			writProgress: 0.5,
			writProgressBand: 3,
			matAverage: 104,
			rwmExpectedDisadvantaged: rwmOf(100001, 2023) - 15,
			rwmExpectedNotDisadvantaged: rwmOf(100001, 2023) + 5,
			cohort: null,
			disadvantagedCount: null
		});
		// No cohort column at all: value and code both null, so the school information data set can fill it.
		expect(row.codes.cohort).toBeUndefined();
		expect(results.find((r) => r.urn === 100001 && r.year === 2024)).toMatchObject({
			readProgress: null,
			codes: expect.objectContaining({ readProgress: 'z' })
		});
		expect(await db.selectFrom('ks2_results').select('la_code').where('urn', '=', 100004).distinct().execute()).toEqual([{ la_code: '936' }]);

		const display = await db
			.selectFrom('ks2_school_breakdowns')
			.select('figures_json')
			.where('urn', '=', 100001)
			.where('year', '=', 2023)
			.executeTakeFirstOrThrow();
		const figures = JSON.parse(display.figures_json);
		expect(Object.keys(figures)).toEqual(['Total', 'Disadvantaged', 'Not disadvantaged', 'Boys']);
		expect(figures.Total.Reading).toEqual([rwmOf(100001, 2023) + 10, 7, 105, -2, -3.5, -0.5, 1, 'z', 'z', 'z', 4]);
		expect(figures.Boys['Grammar, punctuation and spelling']).toEqual([rwmOf(100001, 2023) + 10, 7, 106]);
		expect(outcome.report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/no progress scores for 2023\/24 and 2024\/25/)]));
	});

	it('imports the files in any order, to the same analysis', async () => {
		const dir = tempDir();
		const files = [
			await eesInformationFile(dir, 'info.csv', [2023, 2024]),
			await eesLaPerformanceFile(dir, 'la-2023.csv', 2023, 'Final'),
			await eesLaInformationFile(dir, 'la-info-2023.csv', 2023),
			await eesPerformanceFile(dir, 'perf.csv', THREE_YEARS.slice(0, 2))
		];
		const orders = [files, [...files].reverse(), [files[3], files[0], files[2], files[1]]];
		const seen = [];
		for (const order of orders) {
			const db = await freshDb();
			for (const f of order) await imported(db, f);
			seen.push(await analysed(db));
		}
		expect(seen[1]).toEqual(seen[0]);
		expect(seen[2]).toEqual(seen[0]);
		expect(seen[0].results.find((r) => r.urn === 100002 && r.year === 2024)).toMatchObject({
			cohort: 23,
			disadvantagedCount: 8,
			disadvantagedPct: 35,
			cohort3yr: 69,
			rwmExpected: rwmOf(100002, 2024)
		});
	});

	it('rolls back one year of a file exactly, restoring the ks2final results it replaced', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const ks2 = await imported(
			db,
			await ks2File(dir, { year: 2024, columnSet: '2025', name: '2023-2024_850_ks2final.csv', schools: [school(100001), school(100002), school(100003)] })
		);
		const before = await snapshot(db);
		const ks2Rows = (await loadKs2ForAnalysis(db)).results;
		const ees = await imported(db, await eesPerformanceFile(dir, 'perf.csv', THREE_YEARS));
		const [y2023, y2024, y2025] = ees.importIds;
		expect(ees.report.parts[1]).toMatchObject({ year: 2024, schoolsUpdated: 2, schoolsAdded: 1 });
		const history = await importHistory(db);
		expect(history.find((h) => h.id === ks2.importId)).toMatchObject({ replacedBy: y2024, blockedBy: y2024 });
		expect(await rollbackImport(db, ks2.importId, null)).toEqual({ ok: false, message: expect.stringContaining(`Import ${y2024} came later`) });
		// 100003 is in LA 850, so the EES file for LA 850 replaced it too (as a later ks2final would).
		expect((await loadKs2ForAnalysis(db, { fromYear: 2024, upToYear: 2024 })).results.map((r) => [r.urn, r.rwmExpected])).toEqual(
			EES_SCHOOLS.map((s) => [s.urn, rwmOf(s.urn, 2024)])
		);

		expect((await rollbackImport(db, y2024, null)).ok).toBe(true);
		const after = await snapshot(db);
		const year = (table: string, y: number) => (after[table] as string[]).filter((r) => JSON.parse(r).year === y);
		for (const table of ['ks2_results', 'ks2_comparators', 'ks2_school_breakdowns']) {
			expect(year(table, 2024)).toEqual((before[table] as string[]).filter((r) => JSON.parse(r).year === 2024));
		}
		expect(after.ks2_results_replaced).toEqual([]);
		expect(after.ks2_school_breakdowns_replaced).toEqual([]);
		expect((await loadKs2ForAnalysis(db, { fromYear: 2024, upToYear: 2024 })).results).toEqual(ks2Rows);
		// The other years of the file are untouched.
		expect(year('ks2_results', 2023).map((r) => JSON.parse(r).import_id)).toEqual([y2023, y2023, y2023]);
		expect(year('ks2_school_breakdowns', 2025)).toHaveLength(3);
		const ids = (await importHistory(db)).filter((h) => !h.rolledBackAt).map((h) => h.id);
		expect(ids.sort()).toEqual([ks2.importId, y2023, y2025].sort());
	});

	it('says "unchanged" for the same file again; after one year is rolled back, puts back only that year', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const path = await eesPerformanceFile(dir, 'perf.csv', THREE_YEARS);
		const first = await imported(db, path);
		const before = await snapshot(db);
		expect(await importFile(db, path)).toMatchObject({ status: 'unchanged', importId: first.importIds[0] });
		expect(await snapshot(db)).toEqual(before);
		expect((await rollbackImport(db, first.importIds[1], null)).ok).toBe(true);
		const again = await imported(db, path);
		expect(again.report.parts.map((p) => p.year)).toEqual([2024]);
		expect(await importFile(db, path)).toMatchObject({ status: 'unchanged' });
		expect((await loadKs2ForAnalysis(db)).results).toHaveLength(9);
	});

	it('keeps GSS symbols as codes, never as numbers and never as 0', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const rows = (s: { urn: number }) =>
			schoolRows(s.urn, 2023).map((r) => {
				if (r.breakdown === 'Total' && r.subject === 'Reading, writing and maths')
					return { ...r, cells: { expected_standard_pupil_percent: 'c', higher_standard_pupil_percent: 'low' } };
				if (r.breakdown === 'Total' && r.subject === 'Reading')
					return {
						...r,
						cells: {
							...r.cells,
							progress_measure_score: 'u',
							progress_measure_lower_conf_interval: 'u',
							progress_measure_upper_conf_interval: 'u',
							progress_measure_description: 'u'
						}
					};
				if (r.breakdown === 'Total' && r.subject === 'Maths')
					return { ...r, cells: { ...r.cells, average_scaled_score: 'x', expected_standard_pupil_percent: ':' } };
				return r;
			});
		const outcome = await imported(db, await eesPerformanceFile(dir, 'gss.csv', [{ year: 2023, version: 'Final', schools: EES_SCHOOLS.slice(0, 1), rows }]));
		const stored = await db.selectFrom('ks2_results').selectAll().executeTakeFirstOrThrow();
		expect(stored).toMatchObject({
			rwm_expected: null,
			rwm_expected_code: 'c',
			rwm_high: null,
			rwm_high_code: 'low',
			read_progress: null,
			read_progress_code: 'u',
			read_progress_band: null,
			read_progress_band_code: 'u',
			mat_average: null,
			mat_average_code: 'x',
			mat_expected: null,
			mat_expected_code: ':'
		});
		expect(outcome.report.suppressed.expected_standard_pupil_percent).toMatchObject({ c: 1, ':': 1 });
		const { results } = await loadKs2ForAnalysis(db);
		expect(results[0]).toMatchObject({
			rwmExpected: null,
			rwmHigh: null,
			codes: expect.objectContaining({ rwmExpected: 'c', rwmHigh: 'low', readProgress: 'u' })
		});
		const display = JSON.parse((await db.selectFrom('ks2_school_breakdowns').select('figures_json').executeTakeFirstOrThrow()).figures_json);
		expect(display.Total['Reading, writing and maths']).toEqual(['c', 'low']);
	});

	it('limits the rows to the LA the register is limited to', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await setServedLas(db, ['850'], null);
		const outcome = await imported(db, await eesPerformanceFile(dir, 'perf.csv', [{ year: 2024, version: 'Final' }]));
		expect(outcome.report).toMatchObject({ resultsStored: 2, rowsOutsideLa: 20 });
		expect(outcome.importIds).toHaveLength(1);
		expect((await importHistory(db))[0].laCodes).toEqual(['850']);
	});
});

describe('EES and ks2final for the same year', () => {
	it('an EES file replaces ks2final results of the same year and LAs, and follows the same version rules', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const ks2 = await ks2File(dir, { year: 2024, columnSet: '2025', name: '2023-2024_850_ks2final.csv', schools: [school(100001), school(100002)] });
		const first = await imported(db, ks2);
		// A provisional EES year may not replace final ks2final results...
		const provisional = await eesPerformanceFile(dir, 'provisional.csv', [{ year: 2024, version: 'Provisional' }]);
		expect((await refused(db, () => importFile(db, provisional)))[0]).toMatch(
			new RegExp(`^2023/24 already has final results \\(import ${first.importId}, .*\\)\\. These provisional results are older`)
		);
		// ...a final one may.
		const final = await imported(db, await eesPerformanceFile(dir, 'final.csv', [{ year: 2024, version: 'final' }]));
		expect(final.report).toMatchObject({ schoolsUpdated: 2, schoolsAdded: 1 });
		// And a provisional ks2final may not then replace the final EES results.
		const older = await ks2File(dir, { year: 2024, columnSet: '2025', name: '2023-2024_850_ks2provisional.csv', seed: 9 });
		// (Import ids come from the database: a refused import may use one up, as on PostgreSQL.)
		expect((await refused(db, () => importFile(db, older)))[0]).toMatch(
			new RegExp(`already has final results \\(import ${final.importId}, .*\\)\\. These provisional results are older`)
		);
		// A revised EES file replaces a provisional one of the same year, as ks2final does.
		const db2 = await freshDb();
		await imported(db2, await eesPerformanceFile(dir, 'p.csv', [{ year: 2025, version: 'Provisional' }]));
		expect((await imported(db2, await eesPerformanceFile(dir, 'r.csv', [{ year: 2025, version: 'Revised', shift: 2 }]))).report.schoolsUpdated).toBe(3);
		expect((await loadKs2ForAnalysis(db2)).results.map((r) => r.rwmExpected)).toEqual(EES_SCHOOLS.map((s) => rwmOf(s.urn, 2025, 2)));
	});

	it('a file refused for one of its years reports nothing stored for any of them', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await imported(db, await eesPerformanceFile(dir, 'final.csv', [{ year: 2024, version: 'Final' }]));
		const before = await snapshot(db);
		const outcome = await importFile(
			db,
			await eesPerformanceFile(dir, 'two.csv', [
				{ year: 2023, version: 'Final' },
				{ year: 2024, version: 'Provisional' }
			])
		);
		expect(outcome.status).toBe('rejected');
		expect(outcome.report).toMatchObject({ parts: [], resultsStored: 0, comparatorsStored: 0, schoolsAdded: 0, schoolsUpdated: 0, schoolsNotInRegister: 0 });
		expect(outcome.report.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^2023\/24 already has final results/)]);
		expect(await snapshot(db)).toEqual(before);
	});

	it('treats ks2final and EES LA performance as writing the same comparators', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const ks2 = await imported(db, await ks2File(dir, { year: 2023, columnSet: '2025', name: '2022-2023_850_ks2final.csv' }));
		const la = await imported(db, await eesLaPerformanceFile(dir, 'la.csv', 2023, 'Final', 60));
		expect(la.report).toMatchObject({ comparatorsStored: 2 });
		const history = await importHistory(db);
		expect(history.find((h) => h.id === ks2.importId)).toMatchObject({ blockedBy: la.importId, replacedBy: null });
		const { comparators } = await loadKs2ForAnalysis(db);
		expect(comparators.find((c) => c.kind === 'england_state')).toMatchObject({
			year: 2023,
			rwmExpected: 60,
			rwmHigh: 8,
			readAverage: 105,
			readProgress: 0,
			rwmExpectedNotDisadvantaged: 67
		});
		expect(comparators.find((c) => c.kind === 'la' && c.laCode === '850')).toMatchObject({ rwmExpected: 63 });
		// ks2final's all-schools England row stays: the EES file has only state-funded schools.
		expect(comparators.find((c) => c.kind === 'england_all')).toBeDefined();
		const area = await db.selectFrom('ks2_area_breakdowns').select(['area', 'figures_json']).orderBy('area').execute();
		expect(area.map((a) => a.area)).toEqual(['850', 'england']);
		expect(Object.keys(JSON.parse(area[0].figures_json))).toEqual(['All state funded', 'Academies']);
		expect((await rollbackImport(db, la.importId, null)).ok).toBe(true);
		expect((await loadKs2ForAnalysis(db)).comparators.find((c) => c.kind === 'england_state')).toMatchObject({ rwmExpected: 65 });
		expect(await db.selectFrom('ks2_area_breakdowns').selectAll().execute()).toEqual([]);
	});
});

describe('a year with no England figures', () => {
	const LA_PERFORMANCE =
		'the local authority performance data set from Explore Education Statistics ("Key stage 2 institutional level - Local authority (performance)"), whose National rows are England\'s figures';
	const UNTIL =
		"Until then the analysis cannot compare these results with England's, and a school with no other year to go on is not judged on its KS2 results.";

	it('the school performance data set alone: the report names the years with none, and the data set that brings them', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await imported(db, await eesLaPerformanceFile(dir, 'la-2023.csv', 2023, 'Final'));
		const outcome = await imported(db, await eesPerformanceFile(dir, 'perf.csv', THREE_YEARS));
		expect(outcome.report.warnings).toContain(
			`There are no England figures for 2023/24 and 2024/25 yet: this data set has none. Import ${LA_PERFORMANCE}, for those years. ${UNTIL}`
		);
		// With England's figures for every year, nothing is said.
		const all = await freshDb();
		for (const year of [2023, 2024, 2025]) await imported(all, await eesLaPerformanceFile(dir, `la-${year}.csv`, year, 'Final'));
		const complete = await imported(all, await eesPerformanceFile(dir, 'perf.csv', THREE_YEARS));
		expect(complete.report.warnings.filter((w) => w.includes('England figures'))).toEqual([]);
	});

	it('a ks2final file with no England rows, and none stored for its year', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const full = readFileSync(await ks2File(dir, { name: 'full.csv' }), 'utf8').split('\r\n');
		const rectype = full[0].split(',').findIndex((c) => c.replace(/^\uFEFF/, '').toUpperCase() === 'RECTYPE');
		const withoutEngland = full.filter((line) => !['4', '5'].includes(line.split(',')[rectype]));
		expect(withoutEngland.length).toBeLessThan(full.length);
		const outcome = await imported(db, writeFile(dir, '2018-2019_850_ks2final.csv', withoutEngland.join('\r\n')));
		expect(outcome.report.warnings).toContain(
			`There are no England figures for 2018/19 yet: this file has no England rows (RECTYPE 4 or 5). Import the KS2 performance table for England for that year, or ${LA_PERFORMANCE}. ${UNTIL}`
		);
		const whole = await imported(await freshDb(), await ks2File(dir));
		expect(whole.report.warnings.filter((w) => w.includes('England figures'))).toEqual([]);
	});
});

describe('EES information data sets', () => {
	it('the analysis takes the cohort from the school information data set where the results have no cohort column', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await imported(
			db,
			await ks2File(dir, { year: 2023, columnSet: '2025', name: '2022-2023_850_ks2final.csv', schools: [school(100001, '850', { cohort: 40 })] })
		);
		await imported(db, await eesPerformanceFile(dir, 'perf.csv', [{ year: 2024, version: 'Final' }]));
		const info = await imported(db, await eesInformationFile(dir, 'info.csv', [2023, 2024], EES_SCHOOLS, (s) => (s.urn === 100004 ? 2 : 1)));
		expect(info.report).toMatchObject({ contextStored: 6 });
		const { results } = await loadKs2ForAnalysis(db);
		const ks2Row = results.find((r) => r.year === 2023)!;
		// ks2final's own TELIG wins: the context only fills a row with no cohort column.
		expect(ks2Row.cohort).not.toBe(Number(informationOf(100001, 2023).telig));
		expect(ks2Row.cohort).toBeGreaterThan(0);
		expect(results.find((r) => r.urn === 100001 && r.year === 2024)).toMatchObject({
			cohort: 22,
			disadvantagedCount: 7,
			disadvantagedPct: 32,
			cohort3yr: 66,
			recordType: 1
		});
		// rectype 2 in the information data set marks a special school, as RECTYPE does in ks2final.
		expect(results.find((r) => r.urn === 100004 && r.year === 2024)).toMatchObject({ recordType: 2 });
		const stored = await db
			.selectFrom('ks2_school_context')
			.select(['figures_json'])
			.where('urn', '=', 100001)
			.where('year', '=', 2024)
			.executeTakeFirstOrThrow();
		expect(JSON.parse(stored.figures_json)).toMatchObject({ totpups: 154, telig: 22, ptfsm6cla1a: 32, psenele: 'c', tks1average: 'z' });
	});

	it('a school information file alone, with no results for its year, is kept with a warning', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const outcome = await imported(db, await eesInformationFile(dir, 'info.csv', [2025]));
		expect(outcome.report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^No school results are stored for 2024\/25 yet/)]));
		expect((await loadKs2ForAnalysis(db)).results).toEqual([]);
		await imported(db, await eesPerformanceFile(dir, 'perf.csv', [{ year: 2025, version: 'Final' }]));
		expect((await loadKs2ForAnalysis(db)).results.map((r) => r.cohort)).toEqual(EES_SCHOOLS.map((s) => Number(informationOf(s.urn, 2025).telig)));
	});

	it('LA information fills the comparators, and rolls back on its own', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await imported(db, await eesLaPerformanceFile(dir, 'la.csv', 2023, 'Final'));
		const info = await imported(db, await eesLaInformationFile(dir, 'la-info.csv', 2023));
		expect((await loadKs2ForAnalysis(db)).comparators.map((c) => [c.kind, c.cohort, c.disadvantagedPct])).toEqual([
			['england_state', 640000, 25],
			['la', 14000, 25]
		]);
		expect((await rollbackImport(db, info.importId, null)).ok).toBe(true);
		expect((await loadKs2ForAnalysis(db)).comparators.map((c) => c.cohort)).toEqual([null, null]);
	});
});

describe('bad EES files write nothing and say why', () => {
	async function loaded(): Promise<{ db: Db; dir: string }> {
		const db = await freshDb();
		const dir = tempDir();
		await imported(db, await eesPerformanceFile(dir, 'first.csv', [{ year: 2023, version: 'Final' }]));
		return { db, dir };
	}

	/** The generated school performance file as lines, for breaking it on purpose. */
	async function lines(dir: string): Promise<string[]> {
		return readFileSync(await eesPerformanceFile(dir, 'source.csv', THREE_YEARS), 'utf8')
			.trimEnd()
			.split('\r\n');
	}

	function withCell(all: string[], row: number, column: string, value: string): string {
		const header = all[0].split(',');
		// Rows quote their subject ("Reading, writing and maths"); row 2 of the fixture does, so split after it.
		const quoted = all[row - 1].split('"');
		const cells = [...quoted[0].split(',').slice(0, -1), `"${quoted[1]}"`, ...quoted[2].split(',').slice(1)];
		cells[header.indexOf(column)] = value;
		const copy = [...all];
		copy[row - 1] = cells.join(',');
		return copy.join('\r\n');
	}

	it.each([
		[
			'SUPP',
			'expected_standard_pupil_percent',
			'Row 2, column expected_standard_pupil_percent: "SUPP" is neither a number nor a GSS symbol (z, x, c, low, u, :).'
		],
		['q', 'higher_standard_pupil_percent', 'Row 2, column higher_standard_pupil_percent: "q" is neither a number nor a GSS symbol (z, x, c, low, u, :).'],
		['7O', 'expected_standard_pupil_percent', 'Row 2, column expected_standard_pupil_percent: "7O" is neither a number nor a GSS symbol (z, x, c, low, u, :).'],
		['140', 'expected_standard_pupil_percent', 'Row 2, column expected_standard_pupil_percent: 140 should be a percentage between 0 and 100.'],
		[
			'Great',
			'progress_measure_description',
			'Row 2, column progress_measure_description: "Great" is neither a number, a progress band such as "Below average", nor a GSS symbol (z, x, c, low, u, :).'
		],
		['2023', 'time_period', 'Row 2, column time_period: "2023" is not an academic year as EES writes it: six digits, such as 202425 for 2024/25.'],
		['Draft', 'version', 'Row 2, column version: "Draft" is not a version: it should be Provisional, Revised or Final.'],
		[
			'85020',
			'school_laestab',
			'Row 2, column school_laestab: "85020" is not a LAESTAB: it should be seven digits, the LA code then the establishment number (such as 8502000).'
		],
		['', 'breakdown', 'Row 2, column breakdown: is blank: every row names what its figures are for.']
	])('an unknown symbol or malformed value %j in %s, named by row and column', async (value, column, problem) => {
		const { db, dir } = await loaded();
		const bad = writeFile(dir, 'bad.csv', withCell(await lines(dir), 2, column, value));
		expect(await refused(db, () => importFile(db, bad))).toEqual([problem]);
	});

	it.each(['expected_standard_pupil_percent', 'school_urn', 'time_period', 'version'])('a file with no %s column', async (column) => {
		const { db, dir } = await loaded();
		const all = await lines(dir);
		const drop = all[0].split(',').indexOf(column);
		// Cut the column out of every line, quoted subjects and all.
		const cut = all.map((l) => {
			const cells: string[] = [];
			for (const m of l.matchAll(/("[^"]*"|[^,]*)(,|$)/g)) if (m.index! < l.length || m[1] !== '') cells.push(m[1]);
			return cells.filter((_, i) => i !== drop).join(',');
		});
		const problems = await refused(db, () => importFile(db, writeFile(dir, 'cut.csv', cut.join('\r\n'))));
		expect(problems).toEqual([
			`Row 1, column ${column}: the file has no ${column} column, which the school performance data set from Explore Education Statistics has and the analysis needs.`
		]);
	});

	it('two versions of one year, or a school with a repeated row', async () => {
		const { db, dir } = await loaded();
		const mixed = await eesPerformanceFile(dir, 'mixed.csv', [
			{ year: 2024, version: 'Final', schools: EES_SCHOOLS.slice(0, 1) },
			{ year: 2024, version: 'Revised', schools: EES_SCHOOLS.slice(1, 2) }
		]);
		expect(await refused(db, () => importFile(db, mixed))).toEqual([
			'Row 22, column version: 2023/24 has final results (from row 2) and revised results here. A file can hold only one version of each year: import each version as its own file.'
		]);
		const twice = await eesPerformanceFile(dir, 'twice.csv', [{ year: 2024, version: 'Final', schools: [EES_SCHOOLS[0], EES_SCHOOLS[0]] }]);
		const problems = await refused(db, () => importFile(db, twice));
		expect(problems[0]).toBe(
			'Row 22: URN 100001 has a second row for Total, Reading, writing and maths in 2023/24 (the first is row 2). Each school has one row per breakdown and subject each year.'
		);
		expect(problems).toHaveLength(20);
	});

	it('a year the person gave that the file contradicts', async () => {
		const { db, dir } = await loaded();
		const path = await eesPerformanceFile(dir, 'perf.csv', THREE_YEARS);
		expect(await refused(db, () => importFile(db, path, { year: 2024 }))).toEqual([
			'column time_period: You said this file is for 2023/24, but it holds 2022/23, 2023/24 and 2024/25. Leave the year blank to import every year in the file.'
		]);
	});

	it('the wrong kind', async () => {
		const { db, dir } = await loaded();
		const path = await eesPerformanceFile(dir, 'perf.csv', THREE_YEARS);
		expect(await refused(db, () => importFile(db, path, { kind: 'gias' }))).toEqual([
			'Row 1: You chose the GIAS register, but this looks like a KS2 school performance data set from Explore Education Statistics.'
		]);
	});
});

describe('the CLI', () => {
	it('prints every import a file of several years made, and what each year stored', async () => {
		const dir = tempDir();
		const env = { ...process.env, DATABASE_URL: `${dir}/cli.sqlite` };
		const path = await eesPerformanceFile(dir, 'ees_ks2_school_performance.csv', THREE_YEARS);
		const run = spawnSync(process.execPath, ['scripts/triage.mjs', 'import', path, '--kind', 'ks2'], { env, encoding: 'utf8' });
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('a KS2 school performance data set from Explore Education Statistics for 2022/23, 2023/24 and 2024/25 (imports 1, 2, 3)');
		expect(run.stdout).toContain('2024/25 (provisional), import 3: 3 school results');
	});
});
