// The desktop analysis end to end on the real Hampshire files in ../shared/data/dfe: the GIAS register
// (limited to LA 850) and its links, then three years of KS2 results, imported through the real importer,
// then a real run. Schools below were checked by hand against the published figures.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { Db } from '../../src/lib/server/db';
import { runImport } from '../../src/lib/server/import/pipeline';
import { setServedLas } from '../../src/lib/server/import/settings';
import { runAnalysis, type RunOutcome } from '../../src/lib/server/analysis';
import { CATEGORIES } from '../../src/lib/domain/analysis/categories';

const DFE = fileURLToPath(new URL('../../../shared/data/dfe', import.meta.url));
const FILES = [
	'gias/2022-04-20_gias_search_export_850_936_primary.csv',
	'gias/2025-04-22_edubasealldata_links_cp1252.csv',
	'ks2/2016-2017_850_ks2final.csv',
	'ks2/2017-2018_850_ks2final.csv',
	'ks2/2018-2019_850_ks2final.csv'
];

if (!existsSync(DFE)) {
	describe('the analysis on real Hampshire data', () => {
		it('cannot be checked: ../shared/data/dfe is not beside this checkout', () => {
			expect(existsSync(DFE)).toBe(false);
		});
	});
} else {
	describe('the analysis on real Hampshire data, 2016/17 to 2018/19', () => {
		let dir: string;
		let db: Db;
		let outcome: RunOutcome;
		const school = (urn: number) => {
			const found = outcome.results.find((r) => r.urn === urn);
			if (!found) throw new Error(`URN ${urn} was not analysed`);
			return found;
		};

		beforeAll(async () => {
			dir = mkdtempSync(join(tmpdir(), 'triage-hampshire-'));
			db = createDb(join(dir, 'hampshire.sqlite'));
			await migrateToLatest(db);
			await setServedLas(db, ['850'], null);
			for (const file of FILES) {
				const path = join(DFE, file);
				const imported = await runImport(db, { path, fileName: file.split('/').pop()!, userId: null });
				if (imported.status !== 'imported') throw new Error(`${file} was not imported: ${JSON.stringify(imported.report.problems)}`);
			}
			outcome = await runAnalysis(db, { userId: null });
		}, 120_000);

		afterAll(async () => {
			await db?.destroy();
			rmSync(dir, { recursive: true, force: true });
		});

		it('analyses 2018/19, the latest year, for every open Hampshire school in the register, and uses every category', () => {
			expect(outcome.run).toMatchObject({ year: 2019, policyId: 'afo-default-1', policyVersion: 1 });
			expect(outcome.run.schoolCount).toBeGreaterThan(400);
			for (const category of CATEGORIES) expect(outcome.run.counts[category], category).toBeGreaterThan(0);
			// Infant schools have no KS2 results: judged on what advisers know, and flagged for them.
			const infant = school(115850);
			expect(infant.signals.noKs2Data).toBe('infant_school');
			expect(infant.needsConfirmation).toBe(true);
		});

		it('puts a school at least 20 points below England in 2018/19, and 10 or more below in 2 of the last 3 years, in Intensive support (I2)', () => {
			// Woodcroft Primary: RWM 26% against England's 65% (39 below), 37% against 64% in 2017/18, 50% against 61% in 2016/17.
			const woodcroft = school(135529);
			expect(woodcroft.signals.dataYears.map((d) => [d.year, d.gap])).toEqual([
				[2019, -39],
				[2018, -27],
				[2017, -11]
			]);
			expect(woodcroft).toMatchObject({ category: 'intensive', decidingRule: 'I2', confidence: 'high' });
			expect(woodcroft.firedRules[0].sentence).toContain('39 points below England (65%) in 2018/19');
			// Leesland CE Junior: 32, 16 and 21 points below.
			expect(school(116334)).toMatchObject({ category: 'intensive', decidingRule: 'I2' });
		});

		it('puts a school below England in 2 of the last 3 years, but in line now, in Focus support (F2)', () => {
			// The Holme CE Primary: 18 and 14 points below in 2016/17 and 2017/18, 6 below in 2018/19.
			const holme = school(139920);
			expect(holme.signals.dataYears.map((d) => d.gap)).toEqual([-6, -14, -18]);
			expect(holme).toMatchObject({ category: 'focus', decidingRule: 'F2' });
		});

		it('puts a school below England only in the latest year, and not declining, in Light touch support (L1)', () => {
			// Bursledon Junior: level with England, 8 above, then 12 below.
			expect(school(116027)).toMatchObject({ category: 'light_touch', decidingRule: 'L1' });
			expect(school(116027).signals.dataYears.map((d) => d.gap)).toEqual([-12, 8, 0]);
		});

		it('puts a school 10 or more points above England every year, with high attainment and no weak progress, in Secure Plus (P1)', () => {
			// Church Crookham Junior: 10, 16 and 11 points above; RWM high 17% against England's 11%.
			expect(school(115976)).toMatchObject({ category: 'secure_plus', decidingRule: 'P1' });
			// Elvetham Heath Primary: Outstanding (2010), 17, 19 and 11 points above.
			expect(school(132801)).toMatchObject({ category: 'secure_plus', decidingRule: 'P1' });
		});

		it('leaves a school in line with England and with sound progress in Secure', () => {
			// Castle Primary: 1 above, 1 below, 2 above; Poulner Junior: 3 above, 1 above, level.
			expect(school(116083)).toMatchObject({ category: 'secure', decidingRule: null, firedRules: [] });
			expect(school(115999)).toMatchObject({ category: 'secure', decidingRule: null });
		});

		it('reads GIAS Ofsted ratings as imported soft intelligence, only from the day of the inspection', async () => {
			const entries = await db.selectFrom('soft_intelligence').select(['urn', 'grade', 'date', 'source']).where('source', '=', 'gias_import').execute();
			expect(entries.length).toBeGreaterThan(300);
			// Vigo Primary: Requires improvement (23 May 2019), and 35 points below England: Intensive on both counts.
			expect(entries.find((e) => e.urn === 115970)).toMatchObject({ grade: 'requires_improvement', date: '2019-05-23' });
			expect(school(115970)).toMatchObject({ category: 'intensive' });
			// Ashford Hill: Serious weaknesses in November 2021, after this analysis: not counted for 2018/19.
			expect(entries.find((e) => e.urn === 115921)).toMatchObject({ grade: 'inadequate', date: '2021-11-12' });
			expect(school(115921)).toMatchObject({ category: 'secure_plus' });
		});

		it('proposes the same again when nothing has changed', async () => {
			const again = await runAnalysis(db, { userId: null });
			expect(again.changed).toBe(0);
			expect(again.results).toEqual(outcome.results);
		});
	});
}
