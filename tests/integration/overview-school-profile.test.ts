import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addKs2, addSchool, addUser, smallLa, URNS } from './analysis-fixtures';
import { nowIso } from '../../src/lib/server/clock';
import type { SessionUser } from '../../src/lib/server/auth/session';
import {
	adoptDraft,
	agreeCategory,
	createDraft,
	getPolicyVersion,
	moderationList,
	overrideCategory,
	runAnalysis,
	saveDraft
} from '../../src/lib/server/analysis';
import { raiseDisagreement } from '../../src/lib/server/disagreements';
import { schoolProfile, type HeadteacherSchoolProfile, type StaffSchoolProfile } from '../../src/lib/server/school-profile';
import { englandRow, schoolYear } from '../../src/lib/domain/analysis/test-fixtures';

const TODAY = '2026-11-22';

/**
 * The analysis test LA with 2017 to 2019 results and the LA's averages. Elm has disadvantaged
 * pupils and progress scores in 2017/18 (none in 2018/19). A special school has results too.
 * 2017/18 is analysed and agreed; 2018/19 is analysed and waiting.
 */
async function world() {
	const db = await freshDb();
	const people = await smallLa(db);
	const lead = { id: people.lead.id, role: 'lead_adviser' as const };
	await addSchool(db, 100010, 'Hollybank Special School', { ageHigh: 16 });
	await addKs2(
		db,
		[schoolYear(2019, 20, { urn: 100010, recordType: 2, cohort: 8 })],
		[
			{ ...englandRow(2017), kind: 'la', laCode: '999', rwmExpected: 58, rwmHigh: 9, readExpected: 70, writExpected: 72, matExpected: 71 },
			{ ...englandRow(2018), kind: 'la', laCode: '999', rwmExpected: 62, rwmHigh: 9, readExpected: 72, writExpected: 74, matExpected: 73 },
			{ ...englandRow(2019), kind: 'la', laCode: '999', rwmExpected: 60, rwmHigh: 11, readExpected: 75, writExpected: 76, matExpected: 77 }
		]
	);
	await db
		.updateTable('ks2_comparators')
		.set({ read_expected: 73, writ_expected: 78, mat_expected: 79, rwm_expected_not_disadvantaged: 71 })
		.where('year', '=', 2019)
		.where('kind', '=', 'england_state')
		.execute();
	await db
		.updateTable('ks2_results')
		.set({
			cohort: 60,
			read_expected: 50,
			read_expected_code: null,
			writ_expected: null,
			writ_expected_code: 'SUPP',
			mat_expected: 80,
			disadvantaged_count: 12,
			rwm_expected_disadvantaged: 25
		})
		.where('urn', '=', URNS.focus)
		.where('year', '=', 2019)
		.execute();
	await db
		.updateTable('ks2_results')
		.set({
			read_progress: -4,
			read_progress_lower: -6,
			read_progress_upper: -2,
			read_progress_band: 5,
			writ_progress: 0.5,
			writ_progress_lower: -1.5,
			writ_progress_upper: 2.5,
			mat_progress: 1,
			mat_progress_lower: -1,
			mat_progress_upper: 3
		})
		.where('urn', '=', URNS.focus)
		.where('year', '=', 2018)
		.execute();
	await runAnalysis(db, { year: 2018, userId: people.analyst.id, today: '2018-10-01' });
	for (const item of await moderationList(db, 2018)) await agreeCategory(db, lead, { urn: item.urn, year: 2018 });
	await runAnalysis(db, { year: 2019, userId: people.analyst.id, today: '2019-10-01' });
	const head = await addUser(db, 'headteacher', 'Hana Head');
	const headUser: SessionUser = { id: head.id, email: 'h@example.org', name: 'Hana Head', role: 'headteacher', schoolUrns: [URNS.focus] };
	const leadUser: SessionUser = { id: people.lead.id, email: 'l@example.org', name: 'Lena Lead', role: 'lead_adviser', schoolUrns: [] };
	return { db, ...people, headUser, leadUser };
}

describe('a school’s KS2 results on its profile', () => {
	it('sets the latest year’s key figures against the LA and England, with significance in words', async () => {
		const { db, leadUser } = await world();
		const p = (await schoolProfile(db, leadUser, URNS.focus, TODAY))!;
		const r = p.results;
		expect([r.year, r.cohort, r.laLabel, r.special, r.newerYear]).toEqual([2019, 60, 'Testshire (LA)', false, null]);
		expect(r.keyFigures.map((f) => f.label)).toEqual([
			'Reading, writing and maths: expected standard',
			'Reading, writing and maths: higher standard',
			'Reading: expected standard',
			'Writing: expected standard',
			'Maths: expected standard'
		]);
		const [rwm, , read, writ, mat] = r.keyFigures;
		// Elm: 60% (65 - 5) of 60 pupils against England's 65% and the LA's 60%.
		expect(rwm).toMatchObject({ school: 60, la: 60, england: 65 });
		expect(rwm.vsEngland).toEqual({ difference: -5, tone: 'average', label: 'Not significantly different', detail: '5 points below England' });
		expect(rwm.vsLa).toMatchObject({ difference: 0, tone: 'average', detail: 'Level with Testshire (LA)' });
		expect(read.vsEngland).toMatchObject({ tone: 'below', label: 'Significantly below', detail: '23 points below England' });
		expect(mat.vsLa).toMatchObject({ tone: 'average', detail: '3 points above Testshire (LA)' });
		expect(writ).toMatchObject({ school: null, notPublished: 'suppressed (5 or fewer pupils)' });
		expect(writ.vsEngland).toMatchObject({ tone: null, label: 'Not tested' });
	});

	it('draws three years of RWM expected for the school, the LA and England', async () => {
		const { db, leadUser } = await world();
		const { trend } = (await schoolProfile(db, leadUser, URNS.focus, TODAY))!.results;
		expect(trend.years).toEqual([2017, 2018, 2019]);
		expect(trend.series).toEqual([
			{
				label: 'Elm Primary School',
				kind: 'school',
				points: [
					{ year: 2017, value: 49 },
					{ year: 2018, value: 53 },
					{ year: 2019, value: 60 }
				]
			},
			{
				label: 'Testshire (LA)',
				kind: 'la',
				points: [
					{ year: 2017, value: 58 },
					{ year: 2018, value: 62 },
					{ year: 2019, value: 60 }
				]
			},
			{
				label: 'England',
				kind: 'england',
				points: [
					{ year: 2017, value: 61 },
					{ year: 2018, value: 64 },
					{ year: 2019, value: 65 }
				]
			}
		]);
	});

	it('shows the latest year’s progress, and the most recent year with scores when the latest has none', async () => {
		const { db, leadUser } = await world();
		const r = (await schoolProfile(db, leadUser, URNS.focus, TODAY))!.results;
		expect(r.progress).toMatchObject({ year: 2019, published: false });
		expect(r.earlierProgress?.year).toBe(2018);
		expect(r.earlierProgress?.scores.map((s) => [s.subject, s.status, s.score])).toEqual([
			['reading', 'well_below', -4],
			['writing', 'average', 0.5],
			['maths', 'average', 1]
		]);
		const secure = (await schoolProfile(db, leadUser, URNS.secure, TODAY))!.results;
		expect(secure.earlierProgress).toBeNull();
	});

	it('works out the disadvantaged gap against England’s other pupils, year by year', async () => {
		const { db, leadUser } = await world();
		const r = (await schoolProfile(db, leadUser, URNS.focus, TODAY))!.results;
		expect(r.disadvantaged.find((d) => d.year === 2019)).toEqual({ year: 2019, pupils: 12, school: 25, englandOther: 71, gap: -46, flagged: true });
		expect(r.disadvantaged.find((d) => d.year === 2018)).toMatchObject({ pupils: null, school: null, gap: null, flagged: false });
	});

	it('flags the gap by the school’s own LA’s policy where it has one, as its category was worked out', async () => {
		const { db, leadUser } = await world();
		const la = (await db.selectFrom('schools').select('la_code').where('urn', '=', URNS.focus).executeTakeFirstOrThrow()).la_code!;
		const admin = await addUser(db, 'admin', 'An Admin');
		const id = await createDraft(db, admin.id, la);
		const draft = (await getPolicyVersion(db, id))!;
		await saveDraft(db, id, { ...draft.policy, thresholds: { ...draft.policy.thresholds, disadvantagedMinPupils: 20 } }, admin.id);
		await adoptDraft(db, id, admin.id, 'Small groups are not flagged here');
		const r = (await schoolProfile(db, leadUser, URNS.focus, TODAY))!.results;
		expect(r.disadvantaged.find((d) => d.year === 2019)).toMatchObject({ pupils: 12, gap: -46, flagged: false });
	});

	it('says why a school has no results, and marks a special school’s as not compared', async () => {
		const { db, leadUser } = await world();
		const infant = (await schoolProfile(db, leadUser, URNS.infant, TODAY))!.results;
		expect(infant).toMatchObject({
			year: null,
			keyFigures: [],
			noData: 'The school has no Year 6 pupils (it is an infant or first school), so it has no KS2 results.'
		});
		const special = (await schoolProfile(db, leadUser, 100010, TODAY))!.results;
		expect(special).toMatchObject({ year: 2019, special: true, cohort: 8 });
	});
});

describe('the category on the profile', () => {
	it('gives staff the working category with its proposal, and the open disagreements', async () => {
		const { db, leadUser, headUser } = await world();
		await raiseDisagreement(db, headUser, URNS.focus, { reasons: 'A very small group.', evidence: 'Tracking.', suggested: '' });
		await overrideCategory(
			db,
			{ id: (await db.selectFrom('users').select('id').where('name', '=', 'Otto Other').executeTakeFirstOrThrow()).id, role: 'adviser' },
			{
				urn: URNS.focus,
				year: 2019,
				category: 'light_touch',
				reason: 'Reading is the one concern.'
			}
		);
		const p = (await schoolProfile(db, leadUser, URNS.focus, TODAY)) as StaffSchoolProfile;
		expect(p.viewer).toBe('staff');
		expect(p.analysis.category?.state).toMatchObject({ year: 2019, category: 'light_touch', status: 'changed' });
		expect(p.analysis.category?.result?.firedRules.length).toBeGreaterThan(0);
		expect(p.analysis.register).toEqual([]);
		expect(p.openDisagreements).toBe(1);
	});

	it('gives the headteacher only the agreed category, with the reasons in words and no proposal', async () => {
		const { db, headUser, lead } = await world();
		const before = (await schoolProfile(db, headUser, URNS.focus, TODAY)) as HeadteacherSchoolProfile;
		expect(before.viewer).toBe('headteacher');
		expect(before.agreed).toMatchObject({ year: 2018, pendingYear: 2019, adviserReason: null });
		expect(before.agreed!.findings.length).toBeGreaterThan(0);
		expect(before.agreed!.findings.join(' ')).not.toMatch(/\b[IFLP]\d\b/);
		expect(before.history.map((h) => h.action)).toEqual(['agreed']);
		expect('analysis' in before).toBe(false);

		const otto = (await db.selectFrom('users').select('id').where('name', '=', 'Otto Other').executeTakeFirstOrThrow()).id;
		await overrideCategory(db, { id: otto, role: 'adviser' }, { urn: URNS.focus, year: 2019, category: 'light_touch', reason: 'Reading is the one concern.' });
		const changed = (await schoolProfile(db, headUser, URNS.focus, TODAY)) as HeadteacherSchoolProfile;
		expect(changed.agreed?.year).toBe(2018);
		expect(JSON.stringify(changed)).not.toContain('light_touch');

		await agreeCategory(db, lead, { urn: URNS.focus, year: 2019 });
		const agreed = (await schoolProfile(db, headUser, URNS.focus, TODAY)) as HeadteacherSchoolProfile;
		expect(agreed.agreed).toMatchObject({ year: 2019, category: 'light_touch', adviserReason: 'Reading is the one concern.', pendingYear: null });
		expect(agreed.history.map((h) => h.action)).toEqual(['agreed', 'agreed']);
	});

	it('says each finding once, when two rules fire on the same fact', async () => {
		const { db, lead, leadUser } = await world();
		await agreeCategory(db, lead, { urn: URNS.intensive, year: 2019 });
		const staff = (await schoolProfile(db, leadUser, URNS.intensive, TODAY)) as StaffSchoolProfile;
		const sentences = staff.analysis.category!.result!.firedRules.map((r) => r.sentence);
		expect(new Set(sentences).size).toBeLessThan(sentences.length);
		const head: SessionUser = { ...leadUser, role: 'headteacher', schoolUrns: [URNS.intensive] };
		const findings = ((await schoolProfile(db, head, URNS.intensive, TODAY)) as HeadteacherSchoolProfile).agreed!.findings;
		expect(findings).toEqual([...new Set(sentences)]);
	});

	it('marks a Secure Plus school holding a Quality Mark as one that could lead support', async () => {
		const { db, leadUser, lead } = await world();
		const now = nowIso();
		await db
			.insertInto('quality_marks')
			.values({
				urn: URNS.securePlus,
				framework_key: 'basic_skills',
				status: 'achieved',
				status_changed_on: '2025-01-01',
				award_date: '2025-01-31',
				expiry_date: '2028-01-31',
				visit_date: null,
				assessor_id: null,
				nominee_id: null,
				feedback: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await agreeCategory(db, lead, { urn: URNS.securePlus, year: 2019 });
		const p = (await schoolProfile(db, leadUser, URNS.securePlus, TODAY))!;
		expect(p.couldLeadSupport).toEqual({ frameworks: ['Basic Skills Quality Mark'] });
		expect(p.qualityMarks.map((q) => [q.frameworkKey, q.status])).toEqual([
			['basic_skills', 'achieved'],
			['professional_development', 'not_engaged']
		]);
		expect((await schoolProfile(db, leadUser, URNS.secure, TODAY))!.couldLeadSupport).toBeNull();
		expect(await schoolProfile(db, leadUser, 999999, TODAY)).toBeNull();
	});
});
