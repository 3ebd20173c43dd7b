// Lists, exports and counts for staff who serve some LAs take in those LAs' schools only, and
// for staff who serve every LA (as everyone in a one-LA installation does) every school as before.
// Two LAs: 850 (Ashgrove and Birchfield, adviser A) and 936 (the other four, adviser B).
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addUser } from '../helpers/fixtures';
import { agreeCategories, BEFORE_YEAR, scheduleWorld, type ScheduleWorld } from './schedule-fixtures';
import { laComparison } from '../../src/lib/server/la-comparison';
import { brokerageView, supportCounts } from '../../src/lib/server/brokerage';
import {
	calendarLaOf,
	capacityView,
	listEngagements,
	overdueEngagements,
	planScopeOf,
	planYear,
	reassignSchools,
	saveTermDates
} from '../../src/lib/server/schedule';
import { Refusal } from '../../src/lib/domain/refusal';
import { defaultTermDates } from '../../src/lib/domain/calendar/default-term-dates';
import { staffOverview } from '../../src/lib/server/overview';
import { interventionStatuses } from '../../src/lib/server/intervention';
import { listAdvisers } from '../../src/lib/server/schedule';
import { requireAdviserWithin } from '../../src/lib/server/users';
import { allMatchingSchools, filterOptions, parseListQuery, schoolListView } from '../../src/lib/server/school-list';
import { agreeUnchanged, moderationList } from '../../src/lib/server/analysis/moderation';
import { runAnalysis } from '../../src/lib/server/analysis';
import { addSchool, smallLa, URNS } from './analysis-fixtures';
import { recordEntry } from '../../src/lib/server/soft-intelligence/repository';
import { summariesForYear } from '../../src/lib/server/self-evaluation';
import { qualityMarkDashboard, qualityMarkTable } from '../../src/lib/server/quality-mark/table';
import { advisersFor, listNotifications, notify, unreadCount } from '../../src/lib/server/notifications';
import { seesSeveralLas, servedUrns, usersServing } from '../../src/lib/server/la-scope';
import { servedLas } from '../../src/lib/domain/access';
import type { Db } from '../../src/lib/server/db';
import type { SessionUser } from '../../src/lib/server/auth/session';

const TODAY = '2027-03-01';

let db: Db;
let w: ScheduleWorld;
let lead936: SessionUser;
let lead850: SessionUser;
let hampshire: number[];
let surrey: number[];

async function serve(user: SessionUser, ...las: string[]): Promise<SessionUser> {
	for (const la_code of las) await db.insertInto('user_las').values({ user_id: user.id, la_code }).execute();
	return { ...user, laCodes: las };
}

// Each test has a database of its own (helpers/db.ts closes it after the test).
beforeEach(async () => {
	db = await freshDb();
	w = await scheduleWorld(db);
	hampshire = [w.urns.focus, w.urns.secure];
	surrey = [w.urns.intensive, w.urns.lightTouch, w.urns.securePlus, w.urns.otherSecure];
	await db.updateTable('schools').set({ la_code: '850', la_name: 'Hampshire' }).where('urn', 'in', hampshire).execute();
	await db.updateTable('schools').set({ la_code: '936', la_name: 'Surrey' }).where('urn', 'in', surrey).execute();
	// Adviser A serves 850 only, adviser B 936 only; but A's link schools include two in 936, as
	// happens while links are being moved: their work shows to 936's staff, A's other work does not.
	await serve(w.adviserA, '850');
	await serve(w.adviserB, '936');
	lead936 = await serve(await addUser(db, 'lead_adviser'), '936');
	lead850 = await serve(await addUser(db, 'lead_adviser'), '850');
	await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
}, 60_000);

describe('staff who serve some LAs see only those LAs in lists', () => {
	it('the served LAs come from the person: none listed means every LA', async () => {
		expect(servedLas(lead936)).toEqual(['936']);
		expect(servedLas(w.lead)).toBeNull();
		expect(await servedUrns(db, w.lead)).toBeNull();
		expect([...(await servedUrns(db, lead936))!].sort()).toEqual([...surrey].sort());
		const advisers = await usersServing(db, ['936']);
		expect(advisers!.has(w.adviserB.id)).toBe(true);
		expect(advisers!.has(w.adviserA.id)).toBe(false);
		// Those who serve every LA work alongside everyone.
		expect(advisers!.has(w.lead.id)).toBe(true);
	});

	it('the school list, its filters and its CSV', async () => {
		const { list } = await schoolListView(db, new URLSearchParams(''), TODAY, ['936']);
		expect(list.rows.map((r) => r.urn).sort()).toEqual([...surrey].sort());
		expect(list.total).toBe(4);
		expect(list.options.las).toEqual([{ code: '936', name: 'Surrey' }]);
		expect(list.options.advisers.map((a) => a.id)).not.toContain(w.adviserA.id);
		expect(list.options.advisers.map((a) => a.id)).toContain(w.adviserB.id);
		// Asking for the other LA by its filter finds nothing, rather than that LA's schools.
		expect((await schoolListView(db, new URLSearchParams('la=850'), TODAY, ['936'])).list.total).toBe(0);
		const csv = await allMatchingSchools(db, { ...parseListQuery(new URLSearchParams('')), served: ['936'] }, TODAY);
		expect(csv.rows.map((r) => r.urn).sort()).toEqual([...surrey].sort());
		// Everyone else: every school, both LAs offered.
		expect((await schoolListView(db, new URLSearchParams(''), TODAY)).list.total).toBe(6);
		expect((await filterOptions(db)).las.map((l) => l.code)).toEqual(['850', '936']);
	});

	it('the overview counts and lists the served LAs’ schools', async () => {
		const mine = await staffOverview(db, { scatterYear: null, today: TODAY, las: ['850'] });
		const all = await staffOverview(db, { scatterYear: null, today: TODAY, las: null });
		expect(mine.register.total).toBe(2);
		expect(all.register.total).toBe(6);
		const sum = (counts: Record<string, number>) => Object.values(counts).reduce((n, c) => n + c, 0);
		expect(sum(mine.counts!.current.counts)).toBe(2);
		expect(sum(all.counts!.current.counts)).toBe(6);
		expect(mine.trend.filter((t) => t.kind === 'la').map((t) => t.label)).toEqual(['Hampshire (LA)']);
		// Every engagement before 1 March is overdue (none was confirmed): only 850's are listed.
		const overdue = mine.attention.overdue;
		expect(overdue.total).toBeGreaterThan(0);
		expect(overdue.total).toBe((await overdueEngagements(db, TODAY, { las: ['850'] })).length);
		expect(overdue.items.every((i) => hampshire.includes(i.urn))).toBe(true);
		expect(all.attention.overdue.total).toBeGreaterThan(overdue.total);
	});

	it('the latest year is the served LAs’ own: another LA analysed a year ahead does not empty the lists', async () => {
		// 936 has its 2026/27 results analysed; 850 has only 2025/26 (the world's year).
		await agreeCategories(db, 2027, Object.fromEntries(surrey.map((urn) => [urn, 'secure' as const])));
		const mine = await staffOverview(db, { scatterYear: null, today: TODAY, las: ['850'] });
		expect(mine.counts!.current.label).toBe('2025/26');
		expect((await staffOverview(db, { scatterYear: null, today: TODAY, las: ['936'] })).counts!.current.label).toBe('2026/27');
		const { list } = await schoolListView(db, new URLSearchParams(''), TODAY, ['850']);
		expect(list.year).toBe(2026);
		expect(list.rows.every((r) => r.category !== null)).toBe(true);
		expect((await laComparison(db, lead850, TODAY)).year).toBe(2026);
		expect((await supportCounts(db, ['850'])).year).toBe(2026);
		expect((await brokerageView(db, lead850)).year).toBe(2026);
	});

	it('the schedule and the self-evaluation list', async () => {
		const engagements = await listEngagements(db, { year: w.year, las: ['936'] });
		expect(engagements.length).toBeGreaterThan(0);
		expect(engagements.every((e) => surrey.includes(e.urn))).toBe(true);
		expect(new Set((await listEngagements(db, { year: w.year })).map((e) => e.urn)).size).toBe(6);
		expect((await summariesForYear(db, w.year, ['850'])).map((r) => r.urn).sort()).toEqual([...hampshire].sort());
	});

	it('Quality Marks: the table, its CSV and the dashboard', async () => {
		const served = await servedUrns(db, lead850);
		const rows = await qualityMarkTable(db, { framework: '' as never, status: 'all' }, TODAY, served);
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows.map((r) => r.urn))).toEqual(new Set(hampshire));
		const dashboard = await qualityMarkDashboard(db, TODAY, 6, served);
		for (const c of dashboard.coverage) expect(c.schools).toBe(2);
	});

	it('capacity and workload: the served LAs’ advisers and the work at their schools', async () => {
		const mine = await capacityView(db, w.year, await planScopeOf(db, lead936));
		const ids = mine.summary.byAdviser.map((a) => a.adviserId);
		expect(ids).toContain(w.adviserB.id);
		expect(ids).not.toContain(w.adviserA.id);
		expect(mine.result.engagements.every((e) => surrey.includes(e.urn))).toBe(true);
		const everyone = await capacityView(db, w.year);
		expect(everyone.summary.byAdviser.map((a) => a.adviserId)).toContain(w.adviserA.id);
		expect(everyone.result.engagements.length).toBeGreaterThan(mine.result.engagements.length);
	});

	it('capacity and workload count days on the term dates of the one LA someone serves', async () => {
		// Hampshire goes back a fortnight after everyone else.
		const calendar = defaultTermDates(w.year);
		calendar.halfTerms[0] = { ...calendar.halfTerms[0], start: '2026-09-14' };
		await saveTermDates(db, w.admin.id, calendar, '850');
		expect(calendarLaOf(lead850)).toBe('850');
		expect(calendarLaOf(w.lead)).toBeNull();
		expect(calendarLaOf(w.lead, '936')).toBe('936');
		const scope = await planScopeOf(db, lead850);
		const own = await capacityView(db, w.year, scope, calendarLaOf(lead850));
		const shared = await capacityView(db, w.year, scope, null);
		expect(own.summary.total.available).toBeLessThan(shared.summary.total.available);
	});

	it('an admin who serves one LA links only its schools, and only to an adviser who serves it', async () => {
		const admin850 = await serve(await addUser(db, 'admin'), '850');
		const refusedWith = async (work: () => Promise<unknown>) => ((await work().catch((e) => e)) as Refusal).message;
		// Adviser B serves 936 only.
		expect(await refusedWith(() => reassignSchools(db, admin850, [hampshire[0]], w.adviserB.id))).toBe(
			'Choose an adviser who serves your LAs to give the schools to.'
		);
		expect(await refusedWith(() => reassignSchools(db, admin850, [surrey[0]], w.adviserA.id))).toBe(
			'Some of those schools are no longer in the register. Reload the page and try again.'
		);
		expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'school.link_adviser').execute()).toEqual([]);
		expect(await reassignSchools(db, admin850, [hampshire[0]], w.lead.id)).toBe(1);
		// Their advisers' link schools are counted in their LA only: the lead adviser (every LA) now has two in 850 and one in 936.
		const linked = async (las: string[] | null) => (await listAdvisers(db, las)).find((a) => a.id === w.lead.id)!.schoolCount;
		await db.updateTable('schools').set({ link_adviser_id: w.lead.id }).where('urn', 'in', [hampshire[1], surrey[1]]).execute();
		expect([await linked(null), await linked(['850'])]).toEqual([3, 2]);
		// Capacity and days off: their own LA's adviser, not one other LAs' plans count on too.
		await requireAdviserWithin(db, admin850, { id: w.adviserA.id, role: 'adviser' });
		expect(await refusedWith(() => requireAdviserWithin(db, admin850, { id: w.lead.id, role: 'lead_adviser' }))).toBe(
			'This adviser serves every LA, so only an admin who serves every LA can change their days'
		);
		await requireAdviserWithin(db, w.admin, { id: w.lead.id, role: 'lead_adviser' });
		// An admin of every LA too: a school's link adviser serves its LA, or its visits go to someone who cannot open its page.
		expect(await refusedWith(() => reassignSchools(db, w.admin, [hampshire[1]], w.adviserB.id))).toMatch(/^That adviser does not serve the LA of /);
		expect(await reassignSchools(db, w.admin, [surrey[0]], w.adviserB.id)).toBeLessThanOrEqual(1);
	});

	it('leaves closed schools out of the comparison and the overview’s counts, with their Ofsted outcome', async () => {
		const before = await laComparison(db, w.lead, TODAY);
		const overview = await staffOverview(db, { scatterYear: null, today: TODAY, las: null });
		// Rated Inadequate while open, then closed (GIAS keeps it, with that rating).
		await addSchool(db, 990001, 'Closed Infant School');
		await db.updateTable('schools').set({ la_code: '850', la_name: 'Hampshire' }).where('urn', '=', 990001).execute();
		await recordEntry(db, w.lead, 990001, {
			type: 'ofsted_legacy',
			date: '2024-01-10',
			details: '',
			grade: 'inadequate',
			categoryOfConcern: 'special_measures'
		});
		await db.updateTable('schools').set({ status: 'Closed' }).where('urn', '=', 990001).execute();
		expect((await interventionStatuses(db, TODAY)).get(990001)?.status).toBeDefined();
		const after = await laComparison(db, w.lead, TODAY);
		expect(after.rows.map((r) => [r.code, r.schools])).toEqual(before.rows.map((r) => [r.code, r.schools]));
		expect(after.rows).toEqual(before.rows);
		const later = await staffOverview(db, { scatterYear: null, today: TODAY, las: null });
		expect(later.register).toEqual(overview.register);
		expect(later.interventions).toEqual(overview.interventions);
	});

	it('notifications: only the lead advisers who serve the school’s LA hear of it, and none shows another LA’s school', async () => {
		const told = await advisersFor(db, w.urns.intensive);
		expect(told).toContain(lead936.id);
		expect(told).toContain(w.lead.id);
		expect(told).not.toContain(lead850.id);
		// One from before lead 850's LAs were set, about a 936 school: kept, but not shown or counted.
		await notify(db, [lead850.id], { kind: 'self_referral', message: 'Cedar Lane Primary asked for support', link: null, urn: w.urns.intensive });
		await notify(db, [lead850.id], { kind: 'self_referral', message: 'Ashgrove Primary asked for support', link: null, urn: w.urns.focus });
		expect((await listNotifications(db, lead850.id, 100, ['850'])).map((n) => n.message)).toEqual(['Ashgrove Primary asked for support']);
		expect(await unreadCount(db, lead850.id, ['850'])).toBe(1);
		expect(await unreadCount(db, lead850.id)).toBe(2);
	});
});

describe('the comparison of LAs', () => {
	beforeEach(async () => {
		// Last year's categories: Ashgrove and Cedar Lane needed less support then, Elmhurst more;
		// Birchfield is unchanged, and Dove Street and Fernhill had none.
		await agreeCategories(db, 2025, { [w.urns.focus]: 'secure', [w.urns.secure]: 'secure', [w.urns.intensive]: 'focus', [w.urns.securePlus]: 'secure' });
	});

	it('puts the LAs side by side, each figure from its own schools', async () => {
		const { year, planYear, rows } = await laComparison(db, w.lead, TODAY);
		expect(year).toBe(2026);
		expect(planYear).toBe(w.year);
		expect(rows.map((r) => [r.code, r.name, r.schools])).toEqual([
			['850', 'Hampshire', 2],
			['936', 'Surrey', 4]
		]);
		const [hants, surreyRow] = rows;
		expect(hants.byCategory).toMatchObject({ focus: 1, secure: 1, intensive: 0, none: 0 });
		expect(surreyRow.byCategory).toMatchObject({ intensive: 1, light_touch: 1, secure_plus: 1, secure: 1, none: 0 });
		expect(hants.movement).toEqual({ more: 1, less: 0, same: 1, new: 0 });
		expect(surreyRow.movement).toEqual({ more: 1, less: 1, same: 0, new: 2 });
		// Adviser A serves 850, adviser B 936, and the lead adviser (every LA) both.
		for (const row of rows) {
			expect(row.days!.planned).toBeGreaterThan(0);
			expect(row.days!.available).toBeGreaterThan(row.days!.planned);
		}
		const perLa = await Promise.all(['850', '936'].map(async (la) => (await capacityView(db, w.year, await planScopeOf(db, w.lead, la))).summary.total));
		expect(rows.map((r) => r.days)).toEqual(perLa.map((t) => ({ planned: t.planned, available: t.available })));
	});

	it('shows only the LAs someone serves, and says whether there is anything to compare', async () => {
		expect((await laComparison(db, lead936, TODAY)).rows.map((r) => r.code)).toEqual(['936']);
		expect(await seesSeveralLas(db, lead936)).toBe(false);
		expect(await seesSeveralLas(db, w.lead)).toBe(true);
		expect(await seesSeveralLas(db, { ...w.lead, laCodes: ['850', '936'] })).toBe(true);
		await db.updateTable('schools').set({ la_code: '936' }).execute();
		expect(await seesSeveralLas(db, w.lead)).toBe(false);
	});

	it('each movement figure is the school list filtered the same way', async () => {
		const { rows } = await laComparison(db, w.lead, TODAY);
		for (const row of rows) {
			for (const moved of ['more', 'less', 'same', 'new'] as const) {
				const { list } = await schoolListView(db, new URLSearchParams(`la=${row.code}&moved=${moved}`), TODAY);
				expect(list.total, `${row.code} ${moved}`).toBe(row.movement[moved]);
			}
			const { list } = await schoolListView(db, new URLSearchParams(`la=${row.code}&category=focus`), TODAY);
			expect(list.total).toBe(row.byCategory.focus);
		}
		const moreInSurrey = await schoolListView(db, new URLSearchParams('la=936&moved=more'), TODAY);
		expect(moreInSurrey.list.rows.map((r) => r.urn)).toEqual([w.urns.intensive]);
	});
});

describe('the desktop analysis for staff who serve some LAs', () => {
	it('lists, and agrees in bulk, only the served LAs’ proposals', async () => {
		const analysis = await freshDb();
		const people = await smallLa(analysis);
		await runAnalysis(analysis, { userId: people.analyst.id });
		const ours = [URNS.intensive, URNS.secure, URNS.securePlus];
		await analysis.updateTable('schools').set({ la_code: '850' }).where('urn', 'in', ours).execute();
		await analysis.updateTable('schools').set({ la_code: '936' }).where('urn', 'not in', ours).execute();
		expect((await moderationList(analysis, 2019, ['850'])).map((i) => i.urn).sort()).toEqual([...ours].sort());
		const everything = await moderationList(analysis, 2019);
		expect(everything.length).toBeGreaterThan(ours.length);

		await analysis.insertInto('user_las').values({ user_id: people.lead.id, la_code: '850' }).execute();
		const lead = { ...people.lead, laCodes: ['850'] };
		const unchanged = everything.filter((i) => i.unchanged);
		const agreed = await agreeUnchanged(analysis, lead, 2019);
		expect(agreed).toBeGreaterThan(0);
		expect(agreed).toBe(unchanged.filter((i) => ours.includes(i.urn as never)).length);
		const after = await moderationList(analysis, 2019);
		for (const i of after) expect(i.status === 'agreed', `${i.urn}`).toBe(ours.includes(i.urn as never) && unchanged.some((u) => u.urn === i.urn));
	});
});
