// The real excerpts of DfE's KS2 data sets on Explore Education Statistics, in ../shared/data/dfe/ees-ks2,
// imported through the real pipeline, with real values checked. CI always has ../shared; a checkout
// without it runs one test that says so.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import type { Db } from '../../src/lib/server/db';
import { runImport, type ImportOutcome } from '../../src/lib/server/import/pipeline';
import { loadKs2ForAnalysis } from '../../src/lib/server/import/ks2-repository';
import { importHistory } from '../../src/lib/server/import/history';

const EES = fileURLToPath(new URL('../../../shared/data/dfe/ees-ks2', import.meta.url));
const file = (name: string) => join(EES, name);

async function imported(db: Db, path: string): Promise<ImportOutcome> {
	const outcome = await runImport(db, { path, fileName: path.split('/').pop()!, userId: null });
	expect(outcome.report.problems).toEqual([]);
	expect(outcome.status).toBe('imported');
	return outcome;
}

if (!existsSync(EES)) {
	describe('real EES data sets', () => {
		it('cannot be checked: ../shared/data/dfe/ees-ks2 is not beside this checkout', () => {
			console.warn(`Conformance tests need the real DfE files at ${EES}. CI has them; nothing was checked here.`);
			expect(existsSync(EES)).toBe(false);
		});
	});
} else {
	describe('real EES data sets', () => {
		it('imports every excerpt there is, in any order', async () => {
			const files = readdirSync(EES)
				.filter((f) => f.endsWith('.csv'))
				.sort();
			expect(files).toHaveLength(3);
			for (const order of [files, [...files].reverse()]) {
				const db = await freshDb();
				for (const f of order) await imported(db, file(f));
				expect((await importHistory(db)).map((h) => h.format).sort()).toEqual(['ees_la_information', 'ees_la_performance', 'ees_school_performance']);
			}
		});

		it('2024/25 school performance, The Aldgate School: RWM 77%, reading 93% with a scaled score of 108, no progress scores', async () => {
			const db = await freshDb();
			const outcome = await imported(db, file('2024-2025_ks2_school_performance_excerpt.csv'));
			expect(outcome.report).toMatchObject({ format: 'ees_school_performance', year: 2025, version: 'final', rowsRead: 5, resultsStored: 1 });
			expect(outcome.report.warnings.join(' ')).toMatch(/no progress scores for 2024\/25/);
			const { results } = await loadKs2ForAnalysis(db);
			expect(results).toEqual([
				expect.objectContaining({
					urn: 100000,
					year: 2025,
					recordType: 1,
					rwmExpected: 77,
					rwmHigh: 10,
					readExpected: 93,
					readHigh: 47,
					readAverage: 108,
					writExpected: 80,
					writHigh: 13,
					matExpected: 93,
					matHigh: 37,
					matAverage: 108,
					readProgress: null,
					cohort: null
				})
			]);
			expect(results[0].codes).toMatchObject({ readProgress: 'z', readProgressBand: 'z', writProgress: 'z' });
			expect(await db.selectFrom('ks2_results').select('la_code').executeTakeFirst()).toEqual({ la_code: '201' });
			const display = JSON.parse((await db.selectFrom('ks2_school_breakdowns').select('figures_json').executeTakeFirstOrThrow()).figures_json);
			expect(display.Total).toEqual({
				'Reading, writing and maths': [77, 10],
				Reading: [93, 47, 108, 'z', 'z', 'z', 0],
				Writing: [80, 13, 'z', 'z', 'z', 'z', 'z', 20, 0],
				Maths: [93, 37, 108, 'z', 'z', 'z', 0],
				'Grammar, punctuation and spelling': [87, 50, 108, 'z', 'z', 'z', 0]
			});
		});

		it('2022/23 LA performance, City of London: the "All state funded" rows become the LA comparator, progress and all', async () => {
			const db = await freshDb();
			const outcome = await imported(db, file('2022-2023_ks2_la_performance_excerpt.csv'));
			expect(outcome.report).toMatchObject({ format: 'ees_la_performance', year: 2023, version: 'final', comparatorsStored: 1 });
			const { comparators } = await loadKs2ForAnalysis(db);
			expect(comparators).toEqual([
				expect.objectContaining({
					year: 2023,
					kind: 'la',
					laCode: '201',
					rwmExpected: 76,
					rwmHigh: 16,
					readAverage: 108,
					readProgress: -0.1,
					readProgressLower: -1.8,
					readProgressUpper: 1.5,
					writProgress: 0.5,
					writProgressLower: -1.1,
					writProgressUpper: 2.1,
					matAverage: 107,
					matProgress: 0.1,
					readExpected: null
				})
			]);
		});

		it('2023/24 LA information, North Lincolnshire: 2,031 eligible pupils, 652 (32%) disadvantaged', async () => {
			const db = await freshDb();
			const outcome = await imported(db, file('2023-2024_ks2_la_information_excerpt.csv'));
			expect(outcome.report).toMatchObject({ format: 'ees_la_information', year: 2024, contextStored: 1 });
			const row = await db.selectFrom('ks2_area_context').selectAll().executeTakeFirstOrThrow();
			expect(row).toMatchObject({
				year: 2024,
				kind: 'la',
				area: '813',
				cohort: 2031,
				disadvantaged_count: 652,
				disadvantaged_pct: 32,
				cohort_3yr: null,
				cohort_3yr_code: null
			});
			expect(JSON.parse(row.figures_json)).toMatchObject({ totpups: 12967, pbelig: 50, tks1average: 'z', psenele: 4, telig_23: 2044, ptnotfsm6cla1a_23: 65 });
			expect(outcome.report.suppressed.tks1average).toEqual({ z: 1 });
		});
	});
}
