import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { anotherConnection, freshDb, whileHeld } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { addSchool, addUser } from '../helpers/fixtures';
import {
	addClosure,
	addDaysOff,
	closuresFor,
	linkSchools,
	listAdvisers,
	loadCalendar,
	reassignSchools,
	removeClosure,
	removeDayOff,
	resetTermDates,
	saveTermDates,
	setCapacity,
	toPlannerAdvisers
} from '../../src/lib/server/schedule';
import { defaultTermDates } from '../../src/lib/domain/calendar/default-term-dates';
import { Refusal } from '../../src/lib/domain/refusal';
import { daysPerWeekOn } from '../../src/lib/domain/planner/plan-types';

async function refusal(run: () => Promise<unknown>): Promise<Refusal> {
	const error = await run().then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(Refusal);
	return error as Refusal;
}

describe('term dates', () => {
	it('start as the generated defaults, save an admin’s edits, and go back to the defaults', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		expect(await loadCalendar(db, 2027)).toEqual({ calendar: defaultTermDates(2027), saved: false, from: '' });

		const edited = defaultTermDates(2027);
		edited.halfTerms[0] = { ...edited.halfTerms[0], start: '2026-09-03' };
		await saveTermDates(db, admin.id, edited);
		expect(await loadCalendar(db, 2027)).toEqual({ calendar: edited, saved: true, from: '' });
		expect(await loadCalendar(db, 2028)).toEqual({ calendar: defaultTermDates(2028), saved: false, from: '' });

		await resetTermDates(db, admin.id, 2027);
		expect((await loadCalendar(db, 2027)).saved).toBe(false);
		const log = await db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'term_dates').orderBy('id').execute();
		expect(log).toEqual([
			{ action: 'term_dates.update', entity_id: '2027' },
			{ action: 'term_dates.reset', entity_id: '2027' }
		]);
	});

	it('refuses dates that cannot be right, saying which and why, and saves nothing', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const bad = defaultTermDates(2027);
		bad.halfTerms[1] = { ...bad.halfTerms[1], end: '2026-10-01' };
		bad.halfTerms[3] = { ...bad.halfTerms[3], start: '2027-02-30' };
		const error = await refusal(() => saveTermDates(db, admin.id, bad));
		expect(error.errors['autumn_2.end']).toMatch(/^Autumn 2 ends on Thursday 1 October 2026, before it starts on Monday 2 November 2026\.$/);
		expect(error.errors['spring_2.start']).toBe('Enter the start date of spring 2 as a real date, like 2026-09-01.');
		expect((await loadCalendar(db, 2027)).saved).toBe(false);
	});

	it('saves the term dates of the last of two admins saving at the same moment (on PostgreSQL, from two app servers), without an error', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		await saveTermDates(db, admin.id, defaultTermDates(2027));
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const [first, second] = ['2026-09-02', '2026-09-03'].map((start) => {
			const dates = defaultTermDates(2027);
			dates.halfTerms[0] = { ...dates.halfTerms[0], start };
			return dates;
		});
		const results = await whileHeld(db, sql`lock table term_dates in share row exclusive mode`, () =>
			Promise.allSettled([saveTermDates(db, admin.id, first), saveTermDates(other, admin.id, second)])
		);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
		const saved = (await loadCalendar(db, 2027)).calendar;
		expect([first, second]).toContainEqual(saved);
		expect(await db.selectFrom('term_dates').select('half_term').where('summer_year', '=', 2027).execute()).toHaveLength(6);
	});

	it('keeps LA closure days by school year, with a reason, once each', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		await addClosure(db, admin.id, '2026-11-13', 'Staff training day');
		await addClosure(db, admin.id, '2027-09-10', 'Next year');
		expect(await closuresFor(db, 2027)).toEqual([{ date: '2026-11-13', reason: 'Staff training day', la: '' }]);
		expect((await refusal(() => addClosure(db, admin.id, '2026-11-13', 'Again'))).errors).toEqual({
			'closure-date': 'Friday 13 November 2026 is already a closure day.'
		});
		expect(Object.keys((await refusal(() => addClosure(db, admin.id, '13/11/2026', ''))).errors)).toEqual(['closure-date', 'closure-reason']);
		await removeClosure(db, admin.id, '2026-11-13');
		expect(await closuresFor(db, 2027)).toEqual([]);
		// From the page, the day must be in the school year it shows: a mistyped year would add a day no page lists.
		expect((await refusal(() => addClosure(db, admin.id, '2062-11-13', 'Training', '', 2027))).errors).toEqual({
			'closure-date': 'Enter a day in 2026/27, from 1 September 2026 to 31 August 2027. For another school year, choose that year first.'
		});
		await addClosure(db, admin.id, '2027-08-31', 'Last day', '', 2027);
		expect(await closuresFor(db, 2027)).toEqual([{ date: '2027-08-31', reason: 'Last day', la: '' }]);
	});

	it('adds a closure day once when two admins add it at the same moment (on PostgreSQL, from two app servers); the other is told', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const results = await whileHeld(db, sql`lock table closure_days in share row exclusive mode`, () =>
			Promise.allSettled([addClosure(db, admin.id, '2026-11-13', 'Training'), addClosure(other, admin.id, '2026-11-13', 'Training')])
		);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toBe('Friday 13 November 2026 is already a closure day.');
		expect(await closuresFor(db, 2027)).toEqual([{ date: '2026-11-13', reason: 'Training', la: '' }]);
	});
});

describe('advisers', () => {
	it('have a default capacity until an admin sets theirs, in quarter days from 0 to 5', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const adviser = await addUser(db, 'adviser');
		await addUser(db, 'analyst');
		expect((await listAdvisers(db)).map((a) => [a.id, a.daysPerWeek, a.capacitySet])).toEqual([[adviser.id, 3, false]]);
		await setCapacity(db, admin.id, adviser.id, '3.5');
		expect((await listAdvisers(db))[0]).toMatchObject({ daysPerWeek: 3.5, capacitySet: true });
		for (const bad of ['6', '-1', '2.3', 'three', '']) {
			expect((await refusal(() => setCapacity(db, admin.id, adviser.id, bad))).errors['days-per-week']).toBe(
				'Enter days a week for school work from 0 to 5, in quarter days, like 3 or 3.5.'
			);
		}
	});

	it('keep the capacity they had for the weeks before a change, so a cut does not reach back into past half terms', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const adviser = await addUser(db, 'adviser');
		await setCapacity(db, admin.id, adviser.id, '2', '2026-09-01');
		// Two changes on one day keep the figure the day started with.
		await setCapacity(db, admin.id, adviser.id, '1', '2027-01-04');
		await setCapacity(db, admin.id, adviser.id, '1.5', '2027-01-04');
		// Setting the same figure again changes nothing.
		await setCapacity(db, admin.id, adviser.id, '1.5', '2027-02-01');
		const [listed] = await listAdvisers(db);
		expect(listed).toMatchObject({ daysPerWeek: 1.5 });
		expect(toPlannerAdvisers([listed])[0].earlier).toEqual([
			{ until: '2026-09-01', daysPerWeek: 3 },
			{ until: '2027-01-04', daysPerWeek: 2 }
		]);
		expect([daysPerWeekOn(toPlannerAdvisers([listed])[0], '2026-12-18'), daysPerWeekOn(toPlannerAdvisers([listed])[0], '2027-01-04')]).toEqual([2, 1.5]);
	});

	it('take days off as a range of weekdays, and give them back one at a time', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const adviser = await addUser(db, 'adviser');
		expect(await addDaysOff(db, admin.id, adviser.id, { from: '2026-11-13', to: '2026-11-17', reason: 'Leave' })).toBe(3);
		expect((await listAdvisers(db))[0].daysOff).toEqual([
			{ date: '2026-11-13', reason: 'Leave' },
			{ date: '2026-11-16', reason: 'Leave' },
			{ date: '2026-11-17', reason: 'Leave' }
		]);
		expect((await refusal(() => addDaysOff(db, admin.id, adviser.id, { from: '2026-11-17', to: '2026-11-13', reason: '' }))).errors['off-to']).toBe(
			'The last day off must be on or after Tuesday 17 November 2026.'
		);
		await removeDayOff(db, admin.id, adviser.id, '2026-11-16');
		expect((await listAdvisers(db))[0].daysOff.map((d) => d.date)).toEqual(['2026-11-13', '2026-11-17']);
	});

	it('an admin reassigns link schools in bulk, each change audited', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const a = await addUser(db, 'adviser');
		const b = await addUser(db, 'lead_adviser');
		for (const urn of [300001, 300002, 300003]) await addSchool(db, urn, { link_adviser_id: a.id });
		await addSchool(db, 300004);
		expect(await reassignSchools(db, admin, [300001, 300002, 300004], b.id)).toBe(3);
		expect((await linkSchools(db, b.id)).map((s) => s.urn)).toEqual([300001, 300002, 300004]);
		expect((await linkSchools(db, a.id)).map((s) => s.urn)).toEqual([300003]);
		expect((await listAdvisers(db)).map((x) => [x.id, x.schoolCount])).toEqual(
			expect.arrayContaining([
				[a.id, 1],
				[b.id, 3]
			])
		);
		const log = await db
			.selectFrom('audit_log')
			.select(['entity_id', 'before_json', 'after_json'])
			.where('action', '=', 'school.link_adviser')
			.orderBy('id')
			.execute();
		expect(log.map((l) => l.entity_id)).toEqual(['300001', '300002', '300004']);
		expect(JSON.parse(log[2].before_json!)).toEqual({ linkAdviserId: null });
		expect((await refusal(() => reassignSchools(db, admin, [], b.id))).errors).toEqual({ schools: 'Choose at least one school to reassign.' });
		expect((await refusal(() => reassignSchools(db, admin, [300003], admin.id))).errors).toEqual({
			'to-adviser': 'Choose an active adviser to give the schools to.'
		});
	});
});
