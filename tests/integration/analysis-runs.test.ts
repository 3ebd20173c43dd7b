import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addKs2, addSchool, smallLa, URNS } from './analysis-fixtures';
import { categoryStates, currentCategories, runAnalysis, runResults } from '../../src/lib/server/analysis';
import { recordEntry } from '../../src/lib/server/soft-intelligence/repository';
import { englandRow, schoolYear } from '../../src/lib/domain/analysis/test-fixtures';
import { Refusal } from '../../src/lib/domain/refusal';

describe('running the analysis', () => {
	it('stores the run with its policy version and every open school’s result', async () => {
		const db = await freshDb();
		const { analyst } = await smallLa(db);
		const { run, results } = await runAnalysis(db, { userId: analyst.id });
		expect(run).toMatchObject({ year: 2019, policyId: 'afo-default-1', policyVersion: 1, schoolCount: 6, runBy: 'Andy Analyst', asOf: '2019-12-31' });
		const byUrn = Object.fromEntries(results.map((r) => [r.urn, r]));
		expect(byUrn[URNS.intensive]).toMatchObject({ category: 'intensive', decidingRule: 'I2' });
		expect(byUrn[URNS.focus]).toMatchObject({ category: 'focus', decidingRule: 'F2' });
		expect(byUrn[URNS.lightTouch]).toMatchObject({ category: 'light_touch', decidingRule: 'L1' });
		expect(byUrn[URNS.secure]).toMatchObject({ category: 'secure', decidingRule: null });
		expect(byUrn[URNS.securePlus]).toMatchObject({ category: 'secure_plus', decidingRule: 'P1' });
		expect(byUrn[URNS.infant]).toMatchObject({ category: 'secure', needsConfirmation: true, confidence: 'low' });
		expect(byUrn[100007]).toBeUndefined();
		expect(run.counts).toEqual({ secure_plus: 1, secure: 2, light_touch: 1, focus: 1, intensive: 1 });

		const stored = await runResults(db, run.id);
		expect(stored.size).toBe(6);
		expect(stored.get(URNS.intensive)?.firedRules[0].sentence).toMatch(/points below England/);
		expect(stored.get(URNS.intensive)?.evidence.policy).toEqual({ id: 'afo-default-1', version: 1 });

		const states = await categoryStates(db, 2019);
		expect(states.map((s) => [s.urn, s.category, s.status])).toContainEqual([URNS.focus, 'focus', 'proposed']);
		const history = await db.selectFrom('category_history').selectAll().where('urn', '=', URNS.intensive).execute();
		expect(history).toMatchObject([{ action: 'proposed', from_category: null, to_category: 'intensive', user_id: analyst.id, run_id: run.id }]);
		const audits = await db.selectFrom('audit_log').select('action').where('action', 'in', ['analysis.run', 'category.propose']).orderBy('id').execute();
		expect(audits.filter((a) => a.action === 'category.propose')).toHaveLength(6);
		expect(audits.filter((a) => a.action === 'analysis.run')).toHaveLength(1);
	});

	it('proposes exactly the same result when run again with nothing changed', async () => {
		const db = await freshDb();
		const { analyst } = await smallLa(db);
		const first = await runAnalysis(db, { userId: analyst.id });
		const second = await runAnalysis(db, { userId: analyst.id });
		expect(second.run.id).not.toBe(first.run.id);
		expect(second.changed).toBe(0);
		expect(second.results).toEqual(first.results);
		const stored = async (runId: number) =>
			await db
				.selectFrom('analysis_results')
				.select(['urn', 'category', 'confidence', 'needs_confirmation', 'deciding_rule', 'result_json'])
				.where('run_id', '=', runId)
				.orderBy('urn')
				.execute();
		expect(await stored(second.run.id)).toEqual(await stored(first.run.id));
		expect(await db.selectFrom('category_history').select('id').execute()).toHaveLength(6);
		expect((await categoryStates(db, 2019)).every((s) => s.runId === second.run.id)).toBe(true);
	});

	it('uses the latest year with data unless asked, and refuses a year with none', async () => {
		const db = await freshDb();
		const { analyst } = await smallLa(db);
		await addKs2(db, [schoolYear(2018, 50, { urn: 100099 })], []);
		expect((await runAnalysis(db, { userId: analyst.id })).run.year).toBe(2019);
		const earlier = await runAnalysis(db, { userId: analyst.id, year: 2018 });
		expect(earlier.run).toMatchObject({ year: 2018, asOf: '2018-12-31' });
		await expect(runAnalysis(db, { userId: analyst.id, year: 2016 })).rejects.toThrow(
			'There are no KS2 results for 2015/16. Years with results: 2018/19, 2017/18, 2016/17.'
		);
	});

	it('says what to do when there is nothing to analyse', async () => {
		const db = await freshDb();
		const error = await runAnalysis(db, { userId: null }).catch((e) => e);
		expect(error).toBeInstanceOf(Refusal);
		expect(error.message).toBe('There are no KS2 results yet. Import a KS2 file first.');
	});

	it('replaces an untouched proposal when the evidence changes, and asks for agreement again', async () => {
		const db = await freshDb();
		const { analyst, adviser } = await smallLa(db);
		await runAnalysis(db, { userId: analyst.id });
		await recordEntry(db, adviser, URNS.secure, { type: 'safeguarding', date: '2019-06-01', details: 'Referral to the LADO' });
		const second = await runAnalysis(db, { userId: analyst.id });
		expect(second.changed).toBe(1);
		const [state] = await categoryStates(db, 2019, URNS.secure);
		expect(state).toMatchObject({ category: 'intensive', proposedCategory: 'intensive', status: 'proposed' });
		const history = await db.selectFrom('category_history').selectAll().where('urn', '=', URNS.secure).orderBy('id').execute();
		expect(history.map((h) => [h.action, h.from_category, h.to_category])).toEqual([
			['proposed', null, 'secure'],
			['proposed', 'secure', 'intensive']
		]);
		expect(history[1].reason).toMatch(/safeguarding/i);
	});

	it('reads last year’s agreed category, so a school already on Focus is not “moving up”', async () => {
		const db = await freshDb();
		const { analyst } = await smallLa(db);
		await addKs2(db, [schoolYear(2019, 40, { urn: 100010, cohort: 8 })], []);
		await addSchool(db, 100010, 'Tiny Primary School');
		const first = await runAnalysis(db, { userId: analyst.id });
		const tiny = first.results.find((r) => r.urn === 100010)!;
		expect(tiny).toMatchObject({ confidence: 'low', needsConfirmation: true });
		expect(tiny.confirmationReason).toMatch(/on data alone at low confidence/);
		const run = await db.selectFrom('analysis_runs').select('id').executeTakeFirstOrThrow();
		await db
			.insertInto('school_categories')
			.values({
				urn: 100010,
				year: 2018,
				proposed_category: tiny.category,
				run_id: run.id,
				category: tiny.category,
				changed_by_adviser: 0,
				agreed_by: null,
				agreed_at: '2018-10-01T00:00:00Z',
				updated_at: '2018-10-01T00:00:00Z'
			})
			.execute();
		expect((await currentCategories(db, 2018)).get(100010)).toBe(tiny.category);
		const second = await runAnalysis(db, { userId: analyst.id });
		expect(second.results.find((r) => r.urn === 100010)).toMatchObject({ category: tiny.category, needsConfirmation: false });
	});

	it('judges a converted school on its predecessor’s results for the years it has none of its own', async () => {
		const db = await freshDb();
		const { analyst } = await smallLa(db);
		await addSchool(db, 140001, 'Ashdown Academy');
		await db.updateTable('schools').set({ status: 'Closed' }).where('urn', '=', URNS.intensive).execute();
		const imp = await db.selectFrom('imports').select('id').executeTakeFirstOrThrow();
		await db
			.insertInto('school_links')
			.values({
				urn: 140001,
				link_urn: URNS.intensive,
				link_type: 'Predecessor',
				link_name: 'Ashdown Primary School',
				link_date: '2019-09-01',
				import_id: imp.id
			})
			.execute();
		await addKs2(db, [schoolYear(2019, 43, { urn: 140001 })], [englandRow(2016)]);
		const { results } = await runAnalysis(db, { userId: analyst.id });
		const academy = results.find((r) => r.urn === 140001)!;
		expect(academy.signals.dataYears.map((d) => [d.year, d.gap])).toEqual([
			[2019, -22],
			[2018, -12],
			[2017, -25]
		]);
		expect(academy.category).toBe('intensive');
	});
});
