import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addKs2, addUser, smallLa, URNS } from './analysis-fixtures';
import { addInspection, schoolsWithStatuses } from './intervention-fixtures';
import type { Db } from '../../src/lib/server/db';
import { nowIso } from '../../src/lib/server/clock';
import { agreeCategory, moderationList, runAnalysis } from '../../src/lib/server/analysis';
import { raiseDisagreement } from '../../src/lib/server/disagreements';
import { chooseScatterYear, staffOverview } from '../../src/lib/server/overview';
import { mySchools } from '../../src/lib/server/school-profile';
import { englandRow } from '../../src/lib/domain/analysis/test-fixtures';

const TODAY = '2026-11-22';

/** An engagement as the planner would have stored it. */
async function engagement(db: Db, urn: number, adviserId: number, date: string, status: 'planned' | 'completed' | 'cancelled', label = 'Initial visit') {
	const now = nowIso();
	await db
		.insertInto('engagements')
		.values({
			year: 2027,
			plan_key: `${urn}/x/${date}`,
			urn,
			adviser_id: adviserId,
			template_id: 'focus.initial_visit',
			category: 'focus',
			activity: 'visit',
			label,
			mode: 'on_site',
			date,
			days: 1,
			half_term: null,
			sequence: 1,
			status,
			fulfils_template_id: null,
			fulfils_sequence: null,
			confirmed_at: null,
			confirmed_by: null,
			cancelled_at: null,
			cancelled_by: null,
			cancel_reason: status === 'cancelled' ? 'School closed' : null,
			completed_at: null,
			completed_by: null,
			created_at: now,
			updated_at: now
		} as never)
		.execute();
}

async function softIntelligence(db: Db, urn: number, type: string, date: string, endDate: string | null, details: string) {
	await db
		.insertInto('soft_intelligence')
		.values({
			urn,
			type: type as never,
			date,
			end_date: endDate,
			details,
			source: 'adviser',
			grade: null,
			areas_json: null,
			safeguarding_met: null,
			created_by: null,
			created_at: nowIso(),
			ended_by: null,
			ended_at: null
		})
		.execute();
}

/**
 * The analysis test LA with 2017 to 2019 results: 2017/18 analysed and agreed, 2018/19 analysed
 * and waiting. 2017/18 has progress scores; 2018/19 has none. The LA's own averages are added.
 */
async function world() {
	const db = await freshDb();
	const people = await smallLa(db);
	const lead = { id: people.lead.id, role: 'lead_adviser' as const };
	await addKs2(
		db,
		[],
		[
			{ ...englandRow(2017), kind: 'la', laCode: '999', rwmExpected: 58 },
			{ ...englandRow(2018), kind: 'la', laCode: '999', rwmExpected: 62 },
			{ ...englandRow(2019), kind: 'la', laCode: '999', rwmExpected: 60 }
		]
	);
	await db
		.updateTable('ks2_results')
		.set({
			read_progress: 2,
			read_progress_lower: 1,
			read_progress_upper: 3,
			writ_progress: 1,
			writ_progress_lower: 0,
			writ_progress_upper: 2,
			mat_progress: 0,
			mat_progress_lower: -1,
			mat_progress_upper: 1
		})
		.where('year', '=', 2018)
		.execute();
	await runAnalysis(db, { year: 2018, userId: people.analyst.id, today: '2018-10-01' });
	for (const item of await moderationList(db, 2018)) await agreeCategory(db, lead, { urn: item.urn, year: 2018 });
	await runAnalysis(db, { year: 2019, userId: people.analyst.id, today: '2019-10-01' });
	return { db, ...people };
}

describe('chooseScatterYear', () => {
	const years = [
		{ year: 2025, withProgress: false },
		{ year: 2024, withProgress: false },
		{ year: 2023, withProgress: true }
	];

	it('uses the latest year with progress scores when the latest has none, and says so', () => {
		expect(chooseScatterYear(years, null)).toEqual({
			year: 2023,
			note: 'There are no progress scores for 2024/25, the latest results, so this shows 2022/23, the latest year with progress scores. Choose another year to see it.'
		});
	});

	it('uses the year asked for, saying when it has no progress scores', () => {
		expect(chooseScatterYear(years, 2024)).toEqual({
			year: 2024,
			note: 'There are no progress scores for 2023/24, so schools are placed by attainment alone.'
		});
		expect(chooseScatterYear(years, 2023)).toEqual({ year: 2023, note: null });
		expect(chooseScatterYear(years, 1999)?.year).toBe(2023);
		// A year with no results at all is said, not passed over.
		expect(chooseScatterYear([{ year: 2025, withProgress: true }], 2021)).toEqual({
			year: 2025,
			note: 'There are no school results for 2020/21, so this shows 2024/25.'
		});
	});

	it('falls back to the latest year when no year has progress, and to nothing without results', () => {
		expect(chooseScatterYear([{ year: 2025, withProgress: false }], null)?.year).toBe(2025);
		expect(chooseScatterYear([], null)).toBeNull();
	});
});

describe('the staff overview', () => {
	it('counts each category against last year, and shows how schools moved', async () => {
		const { db } = await world();
		const o = await staffOverview(db, { scatterYear: null, today: TODAY });
		expect(o.year).toBe(2019);
		const current = await moderationList(db, 2019);
		expect(o.counts?.current.label).toBe('2018/19');
		expect(o.counts?.previous?.label).toBe('2017/18');
		expect(Object.values(o.counts!.current.counts).reduce((a, b) => a + b, 0)).toBe(current.length);
		expect(o.counts?.waiting).toBe(current.length);
		for (const [category, n] of Object.entries(o.counts!.current.counts)) expect(current.filter((i) => i.category === category)).toHaveLength(n);
		const moved = o.flow!.flows.reduce((n, f) => n + f.count, 0);
		expect(moved).toBe(current.filter((i) => i.lastYear !== null).length);
		for (const f of o.flow!.flows) expect(current.filter((i) => i.lastYear === f.from && i.category === f.to)).toHaveLength(f.count);
		// Open schools: Gone Primary School is closed.
		expect(o.register.total).toBe(6);
	});

	it('plots the latest year with progress scores when the latest has none, one dot per analysed school', async () => {
		const { db } = await world();
		const o = await staffOverview(db, { scatterYear: null, today: TODAY });
		expect(o.scatter?.year).toBe(2018);
		expect(o.scatter?.categoryYear).toBe(2018);
		expect(o.scatter?.note).toContain('There are no progress scores for 2018/19');
		expect(o.scatter?.years).toEqual([2019, 2018, 2017]);
		const elm = o.scatter!.schools.find((s) => s.urn === URNS.focus)!;
		// Elm was 11 points below England (64%) in 2017/18; its progress averages +1 (2, 1 and 0).
		expect(elm.attainment).toBe(-11);
		expect(elm.progress).toEqual({ score: 1, lower: 0, upper: 2 });
		expect(o.scatter!.schools.find((s) => s.urn === URNS.infant)).toMatchObject({ attainment: null, progress: null });
		const chosen = await staffOverview(db, { scatterYear: 2019, today: TODAY });
		expect(chosen.scatter?.year).toBe(2019);
		expect(chosen.scatter!.schools.every((s) => s.progress === null)).toBe(true);
	});

	it('draws the LA against England for every year with figures', async () => {
		const { db } = await world();
		const o = await staffOverview(db, { scatterYear: null, today: TODAY });
		expect(o.trend).toEqual([
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

	it('lists what needs attention, each kind with its count, and leaves out what is done', async () => {
		const { db, adviser, lead } = await world();
		const head = await addUser(db, 'headteacher', 'Hana Head');
		await db.insertInto('user_schools').values({ user_id: head.id, urn: URNS.focus }).execute();
		await raiseDisagreement(db, { id: head.id, email: 'h@example.org', name: 'Hana Head', role: 'headteacher', schoolUrns: [URNS.focus] }, URNS.focus, {
			reasons: 'Our Year 6 were a very small group.',
			evidence: 'Internal tracking.',
			suggested: ''
		});
		await engagement(db, URNS.intensive, adviser.id, '2026-11-02', 'planned', 'Initial visit');
		await engagement(db, URNS.secure, adviser.id, '2026-11-03', 'completed');
		await engagement(db, URNS.secure, adviser.id, '2026-11-04', 'cancelled');
		await engagement(db, URNS.secure, adviser.id, '2026-12-01', 'planned');
		const now = nowIso();
		await db
			.insertInto('quality_marks')
			.values([
				{
					urn: URNS.securePlus,
					framework_key: 'basic_skills',
					status: 'achieved',
					status_changed_on: '2024-01-01',
					award_date: '2024-01-31',
					expiry_date: '2027-01-31',
					visit_date: null,
					assessor_id: null,
					nominee_id: null,
					feedback: null,
					created_at: now,
					updated_at: now
				},
				{
					urn: URNS.secure,
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
				}
			])
			.execute();
		await softIntelligence(db, URNS.lightTouch, 'self_referral', '2026-10-01', null, 'We would like help with writing.');
		await softIntelligence(db, URNS.secure, 'self_referral', '2026-01-01', '2026-03-01', 'Help with maths, now given.');
		await softIntelligence(db, URNS.focus, 'governance', '2026-10-01', null, 'Not a self-referral.');

		const o = await staffOverview(db, { scatterYear: null, today: TODAY });
		const a = o.attention;
		expect(a.year).toBe(2019);
		// As the page shows them: each thing links to where it is dealt with.
		const groups = Object.fromEntries(o.attentionGroups.map((g) => [g.title, g]));
		expect(groups['Categories waiting to be agreed'].more?.href).toBe('/analysis?year=2019');
		expect(groups['Disagreements from schools'].lines).toMatchObject([{ href: `/schools/${URNS.focus}/disagreement`, text: 'Elm Primary School' }]);
		expect(groups['Overdue engagements'].lines).toMatchObject([
			{ href: '/schedule/engagements/1', text: 'Initial visit', detail: 'Ashdown Primary School, due 2 November 2026, Ada Adviser' }
		]);
		expect(groups['Quality Marks expiring within 6 months'].lines).toMatchObject([
			{ href: `/quality-mark/${URNS.securePlus}/basic_skills`, detail: 'Basic Skills Quality Mark, expires 31 January 2027' }
		]);
		expect(groups['Schools asking for support'].lines).toMatchObject([{ href: `/schools/${URNS.lightTouch}#soft-intelligence`, text: 'Dale Primary School' }]);
		expect(a.awaiting.total).toBe((await moderationList(db, 2019)).length);
		expect(a.awaiting.items.length).toBeLessThanOrEqual(5);
		const movedUp = (await moderationList(db, 2019)).filter(
			(i) =>
				i.lastYear !== null &&
				['secure_plus', 'secure', 'light_touch', 'focus', 'intensive'].indexOf(i.category) >
					['secure_plus', 'secure', 'light_touch', 'focus', 'intensive'].indexOf(i.lastYear)
		);
		expect(a.movedUp.total).toBe(movedUp.length);
		expect(a.disagreements.items).toMatchObject([{ urn: URNS.focus, name: 'Elm Primary School', status: 'open' }]);
		expect(a.overdue.items).toMatchObject([
			{ urn: URNS.intensive, name: 'Ashdown Primary School', label: 'Initial visit', date: '2026-11-02', adviser: 'Ada Adviser' }
		]);
		expect(a.expiring.items).toEqual([
			{ urn: URNS.securePlus, name: 'Cedar Primary School', frameworkKey: 'basic_skills', framework: 'Basic Skills Quality Mark', expiryDate: '2027-01-31' }
		]);
		expect(a.selfReferrals.items).toMatchObject([
			{ urn: URNS.lightTouch, name: 'Dale Primary School', date: '2026-10-01', details: 'We would like help with writing.' }
		]);

		// Agreeing a category shows at once: the overview is rebuilt when what it reads changes.
		const waiting = a.awaiting.total;
		await agreeCategory(db, lead, { urn: a.awaiting.items[0].urn, year: 2019 });
		expect((await staffOverview(db, { scatterYear: null, today: TODAY })).attention.awaiting.total).toBe(waiting - 1);
		await db
			.updateTable('soft_intelligence')
			.set({ end_date: '2026-11-20', ended_at: nowIso() })
			.where('type', '=', 'self_referral')
			.where('end_date', 'is', null)
			.execute();
		expect((await staffOverview(db, { scatterYear: null, today: TODAY })).attention.selfReferrals.total).toBe(0);
	});

	it('counts the Secure Plus schools holding a Quality Mark, who could lead support', async () => {
		const { db, lead } = await world();
		expect((await staffOverview(db, { scatterYear: null, today: TODAY })).couldLeadSupport).toBe(0);
		const now = nowIso();
		await db
			.insertInto('quality_marks')
			.values({
				urn: URNS.securePlus,
				framework_key: 'professional_development',
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
		expect((await staffOverview(db, { scatterYear: null, today: TODAY })).couldLeadSupport).toBe(1);
	});

	it('shows the register alone before the first analysis', async () => {
		const db = await freshDb();
		await smallLa(db);
		const o = await staffOverview(db, { scatterYear: null, today: TODAY });
		expect(o.year).toBeNull();
		expect(o.counts).toBeNull();
		expect(o.flow).toBeNull();
		expect(o.scatter).toBeNull();
		expect(o.register.total).toBe(6);
		expect(o.attention.awaiting.total).toBe(0);
		expect(o.interventions).toEqual({ special_measures: 0, requires_significant_improvement: 0, rise_targeted: 0 });
	});

	it('counts the schools in each DfE intervention status today, analysed or not, and follows a new inspection at once', async () => {
		const { db } = await world();
		const counts = async () => (await staffOverview(db, { scatterYear: null, today: TODAY })).interventions;
		expect(await counts()).toEqual({ special_measures: 0, requires_significant_improvement: 0, rise_targeted: 0 });
		await schoolsWithStatuses(db);
		expect(await counts()).toEqual({ special_measures: 1, requires_significant_improvement: 1, rise_targeted: 1 });
		// A closed school's report card does not count; once open (again), a school with no category counts.
		await addInspection(db, 100007, {
			type: 'ofsted_report_card',
			date: '2026-09-15',
			areas: [
				{ area: 'Achievement', grade: 'urgent_improvement' },
				{ area: 'Leadership and governance', grade: 'urgent_improvement' }
			]
		});
		expect(await counts()).toEqual({ special_measures: 1, requires_significant_improvement: 1, rise_targeted: 1 });
		await db.updateTable('schools').set({ status: 'Open' }).where('urn', '=', 100007).execute();
		expect(await counts()).toEqual({ special_measures: 2, requires_significant_improvement: 1, rise_targeted: 1 });
		// Counted as of the day asked for: before any of these inspections there were none.
		expect((await staffOverview(db, { scatterYear: null, today: '2020-01-01' })).interventions).toEqual({
			special_measures: 0,
			requires_significant_improvement: 0,
			rise_targeted: 0
		});
	});
});

describe('a headteacher’s My school', () => {
	it('has their own school only: no other school’s name anywhere, and only the agreed category', async () => {
		const { db, adviser } = await world();
		const head = await addUser(db, 'headteacher', 'Hana Head');
		await engagement(db, URNS.focus, adviser.id, '2026-12-01', 'planned', 'Project Board');
		const user = { id: head.id, email: 'h@example.org', name: 'Hana Head', role: 'headteacher' as const, schoolUrns: [URNS.focus] };
		const [mine, ...others] = await mySchools(db, user, TODAY);
		expect(others).toEqual([]);
		expect(mine.viewer).toBe('headteacher');
		expect(mine.school.name).toBe('Elm Primary School');
		// 2018/19 is still waiting for agreement: the school sees 2017/18's agreed category, and that a new one is coming.
		expect(mine.agreed).toMatchObject({ year: 2018, pendingYear: 2019 });
		expect(mine.history.every((h) => ['agreed', 'disagreed', 'disagreement_reviewed', 'disagreement_decided'].includes(h.action))).toBe(true);
		expect(mine.engagements.engagements.map((e) => e.label)).toEqual(['Project Board']);
		const text = JSON.stringify(mine);
		for (const other of ['Ashdown', 'Birchwood', 'Cedar', 'Dale', 'Fern', 'Gone']) expect(text).not.toContain(other);
		expect(text).not.toContain('"proposed"');
	});
});
