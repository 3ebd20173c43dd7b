// Each LA may have its own term dates, closure days and engagement templates, and its own plan of
// a school year. Two LAs: 850 (Ashgrove and Birchfield) and 936 (the other four). Adviser A links
// schools in both, so planning one LA must leave room for A's work in the other.
import { beforeEach, describe, expect, it } from 'vitest';
import { startOfISOWeek } from 'date-fns';
import { freshDb } from '../helpers/db';
import { BEFORE_YEAR, scheduleWorld, type ScheduleWorld } from './schedule-fixtures';
import {
	addClosure,
	buildPlanInput,
	capacityView,
	closuresFor,
	latestPlanRun,
	planCounts,
	storedPlan,
	liveEngagementRows,
	loadCalendar,
	loadTemplates,
	planScopes,
	planYear,
	removeClosure,
	resetTemplates,
	resetTermDates,
	saveTemplate,
	saveTermDates,
	schoolsChangedSince,
	setCapacity
} from '../../src/lib/server/schedule';
import { defaultTermDates } from '../../src/lib/domain/calendar/default-term-dates';
import type { Db } from '../../src/lib/server/db';
import { Refusal } from '../../src/lib/domain/refusal';

let db: Db;
let w: ScheduleWorld;
let in850: number[];
let in936: number[];

beforeEach(async () => {
	db = await freshDb();
	w = await scheduleWorld(db);
	in850 = [w.urns.focus, w.urns.secure];
	in936 = [w.urns.intensive, w.urns.lightTouch, w.urns.securePlus, w.urns.otherSecure];
	await db.updateTable('schools').set({ la_code: '850', la_name: 'Hampshire' }).where('urn', 'in', in850).execute();
	await db.updateTable('schools').set({ la_code: '936', la_name: 'Surrey' }).where('urn', 'in', in936).execute();
}, 60_000);

/** Surrey's own 2026/27: it goes back a fortnight after everyone else. */
function lateStart() {
	const calendar = defaultTermDates(2027);
	calendar.halfTerms[0] = { ...calendar.halfTerms[0], start: '2026-09-14' };
	return calendar;
}

/** An adviser's days of live work, week by week. */
function weeksOf(rows: { adviser_id: number | null; date: string; days: number }[], adviserId: number): Map<string, number> {
	const weeks = new Map<string, number>();
	for (const r of rows.filter((r) => r.adviser_id === adviserId)) {
		const week = startOfISOWeek(new Date(`${r.date}T12:00:00Z`)).toISOString();
		weeks.set(week, (weeks.get(week) ?? 0) + r.days);
	}
	return weeks;
}

const refusalOf = async (work: () => Promise<unknown>): Promise<string> => {
	try {
		await work();
	} catch (e) {
		if (e instanceof Refusal) return e.message;
		throw e;
	}
	throw new Error('expected a refusal');
};

describe('term dates, closure days and templates of an LA', () => {
	it('an LA with term dates of its own uses them; the others use the installation’s, and go back to them when reset', async () => {
		await saveTermDates(db, w.admin.id, lateStart(), '936');
		expect(await loadCalendar(db, 2027, '936')).toEqual({ calendar: lateStart(), saved: true, from: '936' });
		expect(await loadCalendar(db, 2027, '850')).toEqual({ calendar: defaultTermDates(2027), saved: false, from: '' });
		expect(await loadCalendar(db, 2027)).toEqual({ calendar: defaultTermDates(2027), saved: false, from: '' });

		const installation = defaultTermDates(2027);
		installation.halfTerms[5] = { ...installation.halfTerms[5], end: '2027-07-16' };
		await saveTermDates(db, w.admin.id, installation);
		expect((await loadCalendar(db, 2027, '850')).calendar).toEqual(installation);
		expect((await loadCalendar(db, 2027, '936')).calendar).toEqual(lateStart());

		await resetTermDates(db, w.admin.id, 2027, '936');
		expect(await loadCalendar(db, 2027, '936')).toEqual({ calendar: installation, saved: true, from: '' });
		const log = await db.selectFrom('audit_log').select(['action', 'after_json', 'before_json']).where('entity', '=', 'term_dates').orderBy('id').execute();
		expect(log.map((l) => l.action)).toEqual(['term_dates.update', 'term_dates.update', 'term_dates.reset']);
		expect(JSON.parse(log[0].after_json!).la).toBe('936');
		expect(JSON.parse(log[2].before_json!).la).toBe('936');
	});

	it('a closure day of every LA applies to each; an LA’s own applies to it alone', async () => {
		await addClosure(db, w.admin.id, '2026-11-13', 'Staff training day');
		await addClosure(db, w.admin.id, '2026-11-20', 'Surrey conference', '936');
		expect(await closuresFor(db, 2027, '936')).toEqual([
			{ date: '2026-11-13', reason: 'Staff training day', la: '' },
			{ date: '2026-11-20', reason: 'Surrey conference', la: '936' }
		]);
		expect(await closuresFor(db, 2027, '850')).toEqual([{ date: '2026-11-13', reason: 'Staff training day', la: '' }]);
		expect(await refusalOf(() => addClosure(db, w.admin.id, '2026-11-13', 'Again', '936'))).toBe(
			'Friday 13 November 2026 is already a closure day for every LA.'
		);
		expect(await refusalOf(() => addClosure(db, w.admin.id, '2026-11-20', 'Again', '936'))).toBe('Friday 20 November 2026 is already a closure day.');
		// Removing Surrey's day leaves every LA's day with the same date alone.
		await addClosure(db, w.admin.id, '2026-11-20', 'Election', '850');
		await removeClosure(db, w.admin.id, '2026-11-20', '936');
		expect((await closuresFor(db, 2027, '850')).map((c) => c.date)).toEqual(['2026-11-13', '2026-11-20']);
		expect((await closuresFor(db, 2027, '936')).map((c) => c.date)).toEqual(['2026-11-13']);
	});

	it('the first change to an LA’s templates gives it a set of its own; "use every LA’s" drops it', async () => {
		const shared = await loadTemplates(db);
		const call = shared.find((t) => t.id === 'secure.se_summary_call')!;
		await saveTemplate(db, w.admin.id, { ...call, label: 'Surrey SE summary call' }, '936');
		expect((await loadTemplates(db, '936')).find((t) => t.id === call.id)!.label).toBe('Surrey SE summary call');
		expect((await loadTemplates(db, '936')).length).toBe(shared.length);
		expect(await loadTemplates(db, '850')).toEqual(shared);
		expect(await loadTemplates(db)).toEqual(shared);

		await resetTemplates(db, w.admin.id, '936');
		expect(await loadTemplates(db, '936')).toEqual(shared);
		expect(await refusalOf(() => resetTemplates(db, w.admin.id, '936'))).toBe('This LA already uses the templates every LA shares.');
	});
});

describe('a plan per LA', () => {
	it('while every LA plans alike the year is one plan, as in an installation of one LA', async () => {
		expect(await planScopes(db, w.year, null)).toEqual([null]);
		const { runs } = await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		expect(runs.map((r) => r.la)).toEqual([null]);
		// Someone who serves one LA plans that LA alone.
		expect(await planScopes(db, w.year, ['936'])).toEqual(['936']);
	});

	it('once an LA has settings of its own, each LA is planned on its own, and an adviser of both is never given more than their days', async () => {
		await saveTermDates(db, w.admin.id, lateStart(), '936');
		await addClosure(db, w.admin.id, '2026-11-20', 'Surrey conference', '936');
		const templates = await loadTemplates(db);
		const call = templates.find((t) => t.id === 'secure.se_summary_call')!;
		await saveTemplate(db, w.admin.id, { ...call, label: 'Surrey SE summary call' }, '936');
		// A quarter of a day a week: planned alone, each LA would give A the same weeks.
		await setCapacity(db, w.admin.id, w.adviserA.id, '0.25', BEFORE_YEAR);
		await setCapacity(db, w.admin.id, w.adviserB.id, '5', BEFORE_YEAR);

		expect(await planScopes(db, w.year, null)).toEqual(['850', '936']);
		const { runs } = await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		expect(runs.map((r) => r.la)).toEqual(['850', '936']);

		const rows = await liveEngagementRows(db, w.year);
		const surrey = rows.filter((r) => in936.includes(r.urn));
		const hampshire = rows.filter((r) => in850.includes(r.urn));
		expect(surrey.length).toBeGreaterThan(0);
		expect(hampshire.length).toBeGreaterThan(0);
		expect(surrey.every((r) => r.date >= '2026-09-14' && r.date !== '2026-11-20')).toBe(true);
		expect(surrey.filter((r) => r.template_id === 'secure.se_summary_call').map((r) => r.label)).toEqual(['Surrey SE summary call']);
		expect(hampshire.filter((r) => r.template_id === 'secure.se_summary_call').map((r) => r.label)).toEqual([call.label]);

		const weeks = weeksOf(rows, w.adviserA.id);
		expect(weeks.size).toBeGreaterThan(0);
		expect(Math.max(...weeks.values())).toBeLessThanOrEqual(0.25);
		expect(new Set(rows.filter((r) => r.adviser_id === w.adviserA.id).map((r) => r.la_code))).toEqual(new Set(['850', '936']));
	});

	it('another LA’s work on a day this LA is closed still counts in the shared adviser’s week', async () => {
		await saveTermDates(db, w.admin.id, lateStart(), '936');
		await setCapacity(db, w.admin.id, w.adviserA.id, '0.25', BEFORE_YEAR);
		// Surrey is planned first; Hampshire is closed on the first day Adviser A works at a Surrey school, then planned.
		await planYear(db, w.lead.id, w.year, BEFORE_YEAR, ['936']);
		const surreyDays = (await liveEngagementRows(db, w.year)).filter((r) => r.adviser_id === w.adviserA.id).map((r) => r.date);
		const surreyDay = surreyDays.sort()[0];
		await addClosure(db, w.admin.id, surreyDay, 'Hampshire inset day', '850');
		// Hampshire's plan holds that Surrey work where it is, in Adviser A's week, though Hampshire is closed that day.
		const input = await buildPlanInput(db, w.year, null, '850');
		expect(input.fixed!.filter((f) => f.date === surreyDay && f.adviserId === w.adviserA.id).map((f) => in936.includes(f.urn))).toEqual([true]);
		await planYear(db, w.lead.id, w.year, BEFORE_YEAR, ['850']);
		const rows = await liveEngagementRows(db, w.year);
		expect(rows.some((r) => r.date === surreyDay && in936.includes(r.urn))).toBe(true);
		expect(Math.max(...weeksOf(rows, w.adviserA.id).values())).toBeLessThanOrEqual(0.25);
	});

	it('when one LA alone has agreed schools, its own settings still hold', async () => {
		// Every school in 850: as in an installation whose admin serves 850 only, and saves 850's settings.
		await db.updateTable('schools').set({ la_code: '850', la_name: 'Hampshire' }).where('urn', 'in', in936).execute();
		await saveTermDates(db, w.admin.id, lateStart(), '850');
		await addClosure(db, w.admin.id, '2026-11-20', 'Hampshire inset day', '850');

		expect(await planScopes(db, w.year, null)).toEqual(['850']);
		const { runs } = await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		expect(runs.map((r) => r.la)).toEqual(['850']);
		const rows = await liveEngagementRows(db, w.year);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.filter((r) => r.date < '2026-09-14' || r.date === '2026-11-20')).toEqual([]);
	});

	it('planned apart, the year’s plan is every LA’s latest run: not out of date, and each LA’s shortfalls shown', async () => {
		await saveTermDates(db, w.admin.id, lateStart(), '936');
		// Adviser A links schools in both LAs, with too few days for them: each LA's run records shortfalls.
		await setCapacity(db, w.admin.id, w.adviserA.id, '0', BEFORE_YEAR);
		const { runs } = await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		expect(runs.map((r) => r.la)).toEqual(['850', '936']);

		// What /schedule and the every-LA capacity summary compare the categories with.
		const run = (await latestPlanRun(db, w.year))!;
		expect(Object.keys(run.categories).map(Number).sort()).toEqual([...in850, ...in936].sort());
		expect(schoolsChangedSince(run, (await buildPlanInput(db, w.year, null)).schools)).toEqual([]);
		const everyLa = await capacityView(db, w.year);
		expect(everyLa.changedSince).toEqual([]);

		// The plan page's counts are the year's, not the last LA's run alone.
		const counts = planCounts(run, await storedPlan(db, w.year), null);
		expect(counts.engagementCount).toBe(runs.reduce((n, r) => n + r.engagementCount, 0));
		expect(counts.unplacedCount).toBe(runs.reduce((n, r) => n + r.unplacedCount, 0));
		expect(counts.unplacedCount).toBeGreaterThan(run.unplacedCount);

		const own850 = (await latestPlanRun(db, w.year, '850'))!.shortfalls;
		const own936 = (await latestPlanRun(db, w.year, '936'))!.shortfalls;
		expect(own850.length).toBeGreaterThan(0);
		expect(own936.length).toBeGreaterThan(0);
		// One line for each adviser and half term, with the days of both LAs' runs together (pages key their lists so).
		const key = (f: { adviserId: number; halfTerm: string }) => `${f.adviserId}/${f.halfTerm}`;
		const together = new Map<string, number>();
		for (const f of [...own850, ...own936]) together.set(key(f), (together.get(key(f)) ?? 0) + f.days);
		expect(everyLa.result.shortfalls.map(key).sort()).toEqual([...together.keys()].sort());
		for (const f of everyLa.result.shortfalls) expect(f.days).toBeCloseTo(together.get(key(f))!);
		// One LA's summary, as the LA comparison links to it: its own shortfalls, and nothing out of date.
		const hampshire = await capacityView(db, w.year, { urns: new Set(in850), advisers: null }, '850');
		expect(hampshire.result.shortfalls).toEqual(own850);
		expect(hampshire.changedSince).toEqual([]);
	});

	it('planned all at once, then one LA again: one shortfall line for each adviser and half term', async () => {
		await setCapacity(db, w.admin.id, w.adviserA.id, '0', BEFORE_YEAR);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		await planYear(db, w.lead.id, w.year, BEFORE_YEAR, ['850']);
		const { shortfalls } = (await latestPlanRun(db, w.year))!;
		expect(shortfalls.length).toBeGreaterThan(0);
		const keys = shortfalls.map((f) => `${f.adviserId}/${f.halfTerm}`);
		expect(new Set(keys).size).toBe(keys.length);
		// Each line counts the work still unplaced for lack of days, whichever run left it there.
		const unplaced = await db.selectFrom('unplaced_engagements').select(['adviser_id', 'days']).where('cause', '=', 'capacity').execute();
		expect(shortfalls.reduce((n, f) => n + f.days, 0)).toBeCloseTo(unplaced.reduce((n, u) => n + u.days, 0));
	});

	it('someone who serves one LA of a year planned all at once is not told of the other LA’s schools', async () => {
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		expect((await latestPlanRun(db, w.year))!.la).toBeNull();
		const hampshire = await capacityView(db, w.year, { urns: new Set(in850), advisers: null }, '850');
		expect(hampshire.changedSince).toEqual([]);
	});

	it('planning one LA again leaves the other LA’s engagements and unplaced work as they were', async () => {
		await saveTermDates(db, w.admin.id, lateStart(), '936');
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const before = await liveEngagementRows(db, w.year);
		const unplacedBefore = await db.selectFrom('unplaced_engagements').selectAll().orderBy('id').execute();
		await addClosure(db, w.admin.id, before.find((r) => in850.includes(r.urn))!.date, 'Hampshire inset day', '850');

		const { runs } = await planYear(db, w.lead.id, w.year, BEFORE_YEAR, ['850']);
		expect(runs.map((r) => [r.la, r.kind])).toEqual([['850', 'replan']]);
		const after = await liveEngagementRows(db, w.year);
		const pick = (rows: typeof before) =>
			rows
				.filter((r) => in936.includes(r.urn))
				.map((r) => [r.id, r.date, r.adviser_id, r.status])
				.sort();
		expect(pick(after)).toEqual(pick(before));
		const unplacedAfter = await db.selectFrom('unplaced_engagements').selectAll().orderBy('id').execute();
		expect(unplacedAfter.filter((u) => in936.includes(u.urn))).toEqual(unplacedBefore.filter((u) => in936.includes(u.urn)));
		expect((await latestPlanRun(db, w.year, '936'))!.la).toBe('936');
		expect((await latestPlanRun(db, w.year, '850'))!.la).toBe('850');
		const audit = await db.selectFrom('audit_log').select('after_json').where('action', '=', 'schedule.replan').executeTakeFirstOrThrow();
		expect(JSON.parse(audit.after_json!).la).toBe('850');
	});

	it('someone who serves an LA with no agreed school is told so', async () => {
		expect(await refusalOf(() => planYear(db, w.lead.id, w.year, BEFORE_YEAR, ['851']))).toBe(
			'No school in LA 851 has an agreed category for 2026/27 yet (from the 2025/26 results). Agree categories first, then plan the year.'
		);
	});
});
