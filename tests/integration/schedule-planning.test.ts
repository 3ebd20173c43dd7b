import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { anotherConnection, freshDb, whileHeld } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { agreeCategories, BEFORE_YEAR, scheduleWorld } from './schedule-fixtures';
import {
	addClosure,
	cancelEngagement,
	capacityView,
	confirmEngagement,
	listEngagements,
	loadCalendar,
	moveEngagement,
	noteFromForm,
	planYear,
	saveNote,
	setCapacity,
	storedPlan
} from '../../src/lib/server/schedule';
import { workingDays } from '../../src/lib/domain/calendar/working-days';
import { occurrenceWindow } from '../../src/lib/domain/planner/templates';
import { DEFAULT_TEMPLATES } from '../../src/lib/domain/planner/default-templates';
import { halfTermIndex } from '../../src/lib/domain/calendar/half-terms';
import type { Db } from '../../src/lib/server/db';
import { Refusal } from '../../src/lib/domain/refusal';
import { dayAndDate } from '../../src/lib/domain/format';

function publishForm(visitDate: string): FormData {
	const form = new FormData();
	form.set('visit-date', visitDate);
	form.set('purpose', 'Check progress on reading.');
	form.set('evidence', 'Lesson visits in Years 5 and 6; pupils’ books.');
	form.set('strengths', 'Phonics is taught well.');
	form.set('action-rows', '0');
	return form;
}

async function rowsOf(db: Db, year: number) {
	return db.selectFrom('engagements').selectAll().where('year', '=', year).orderBy('id').execute();
}

describe('planning the year over the database', () => {
	it('plans every agreed school on term-time working days, inside each window, within capacity', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await addClosure(db, w.admin.id, '2026-10-09', 'LA training day');
		const { run, result } = await planYear(db, w.admin.id, w.year, BEFORE_YEAR);

		expect(run.kind).toBe('plan');
		expect(result.unplaced).toEqual([]);
		const rows = await rowsOf(db, w.year);
		// 2 + 3 + 3 + 8 + 13 + 3 engagements for Secure Plus, Secure, Light touch, Focus, Intensive, Secure.
		expect(rows).toHaveLength(32);
		expect(new Set(rows.map((r) => r.urn))).toEqual(new Set(Object.values(w.urns)));
		// Each engagement as the schedule lists it carries its school's link adviser, for "My link schools".
		const linkOf = (urn: number) => (urn === w.urns.intensive || urn === w.urns.otherSecure ? w.adviserB.id : w.adviserA.id);
		const listed = await listEngagements(db, { year: w.year });
		expect(listed).toHaveLength(32);
		for (const e of listed) expect(e.linkAdviserId, `${e.planKey}`).toBe(linkOf(e.urn));

		const { calendar } = await loadCalendar(db, w.year);
		const open = new Map(workingDays(calendar, ['2026-10-09']).map((d) => [d.date, d.halfTerm]));
		const perAdviserDay = new Map<string, number>();
		for (const r of rows) {
			expect(open.get(r.date), `${r.plan_key} on ${r.date}`).toBe(r.half_term);
			const template = DEFAULT_TEMPLATES.find((t) => t.id === r.template_id)!;
			const window = occurrenceWindow(template, r.sequence);
			expect(halfTermIndex(r.half_term!)).toBeGreaterThanOrEqual(halfTermIndex(window.from));
			expect(halfTermIndex(r.half_term!)).toBeLessThanOrEqual(halfTermIndex(window.to));
			expect(r.adviser_id).toBe((await db.selectFrom('schools').select('link_adviser_id').where('urn', '=', r.urn).executeTakeFirstOrThrow()).link_adviser_id);
			const key = `${r.adviser_id} ${r.date}`;
			perAdviserDay.set(key, (perAdviserDay.get(key) ?? 0) + r.days);
		}
		expect(Math.max(...perAdviserDay.values())).toBeLessThanOrEqual(1);
		expect(rows.some((r) => r.date === '2026-10-09')).toBe(false);
	});

	it('stores what it cannot place, with the reason and the shortfall, and shows it in the capacity summary', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await setCapacity(db, w.admin.id, w.adviserB.id, '0.25', BEFORE_YEAR);
		const { result } = await planYear(db, w.admin.id, w.year, BEFORE_YEAR);

		expect(result.unplaced.length).toBeGreaterThan(0);
		expect(result.unplaced.every((u) => u.urn === w.urns.intensive || u.urn === w.urns.otherSecure)).toBe(true);
		expect(result.unplaced[0].reason).toMatch(/^Capacity short: /);
		expect(result.shortfalls[0].message).toMatch(new RegExp(`^Capacity short by [0-9.]+ days? in autumn 1 for ${w.adviserB.name}$`));

		const stored = await storedPlan(db, w.year);
		expect(stored.unplaced).toEqual(result.unplaced);
		expect(stored.shortfalls).toEqual(result.shortfalls);

		const { summary, changedSince } = await capacityView(db, w.year);
		expect(changedSince).toEqual([]);
		const b = summary.byAdviser.find((a) => a.adviserId === w.adviserB.id)!;
		expect(b.overCapacity).toBe(true);
		expect(b.shortfall).toBe(result.unplaced.filter((u) => u.cause === 'capacity').reduce((n, u) => n + u.days, 0));
		expect(summary.total.shortfall).toBe(b.shortfall);
		expect(summary.affectedSchools.map((s) => s.urn)).toContain(w.urns.intensive);
		expect(summary.affectedSchools.every((s) => s.adviserId === w.adviserB.id && s.reasons.length > 0)).toBe(true);
		expect(summary.byCategory.find((c) => c.category === 'intensive')).toEqual({ category: 'intensive', schools: 1, daysPerSchool: 10, daysNeeded: 10 });
	});

	it('refuses to plan a year with no agreed categories, or one that has ended', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await expect(planYear(db, w.admin.id, 2026, '2025-08-01')).rejects.toThrow(
			'No school has an agreed category for 2025/26 yet (from the 2024/25 results). Agree categories first, then plan the year.'
		);
		await expect(planYear(db, w.admin.id, w.year, '2027-09-01')).rejects.toThrow('The 2026/27 school year has ended, so there is nothing left to plan.');
	});

	it('re-planning keeps completed and confirmed engagements where they are, replaces the rest and records what moved', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const before = await listEngagements(db, { year: w.year, urn: w.urns.focus });

		// The initial visit happened and its note is published; the first review is confirmed.
		const initial = before.find((e) => e.templateId === 'focus.initial_visit')!;
		await saveNote(db, w.adviserA, initial.id, noteFromForm(publishForm(initial.date), []), 'publish', '2026-11-30');
		const review = before.find((e) => e.templateId === 'focus.review' && e.sequence === 1)!;
		await confirmEngagement(db, w.adviserA, review.id);
		const board = before.find((e) => e.templateId === 'focus.project_board' && e.sequence === 3)!;

		// Mid-year the Focus school improves to Secure and is planned again from 1 December.
		await agreeCategories(db, 2026, { [w.urns.focus]: 'secure' });
		const changed = await capacityView(db, w.year);
		expect(changed.changedSince).toEqual([w.urns.focus]);
		const { run } = await planYear(db, w.lead.id, w.year, '2026-12-01');

		expect(run.kind).toBe('replan');
		const after = await listEngagements(db, { year: w.year, urn: w.urns.focus });
		const keptInitial = after.find((e) => e.id === initial.id)!;
		const keptReview = after.find((e) => e.id === review.id)!;
		expect([keptInitial.status, keptInitial.date]).toEqual(['completed', initial.date]);
		expect([keptReview.status, keptReview.date]).toEqual(['confirmed', review.date]);
		// Work the plan no longer wants is cancelled, with why, never deleted: its page and calendar UID stay.
		expect(after.find((e) => e.id === board.id)).toMatchObject({
			status: 'cancelled',
			cancelReason: 'No longer in the plan: the year was planned again on Tuesday 1 December 2026'
		});
		// New work starts from the day of re-planning; earlier planned work is what was already overdue, kept as it was.
		const wasAt = new Map(before.map((e) => [e.id, e.date]));
		for (const e of after.filter((x) => x.status === 'planned')) {
			expect(e.date >= '2026-12-01' || wasAt.get(e.id) === e.date, `${e.planKey} on ${e.date}`).toBe(true);
		}
		expect(after.some((e) => e.templateId === 'secure.progress_call')).toBe(true);

		expect(run.diff).not.toBeNull();
		const removed = run.diff!.removed.map((r) => r.engagement.id);
		expect(removed).toContain(board.planKey);
		expect(removed).not.toContain(initial.planKey);
		expect(run.diff!.removed.find((r) => r.engagement.id === board.planKey)!.reason).toBe("The school's support category no longer includes it.");
		expect(run.diff!.added.map((e) => e.templateId)).toContain('secure.progress_call');

		const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'plan_run').orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['schedule.plan', 'schedule.replan']);
	});

	it('re-planning with nothing changed moves nothing and keeps every row', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const first = await rowsOf(db, w.year);
		const { run } = await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		expect(run.diff).toMatchObject({ moved: [], added: [], removed: [], unchanged: first.length });
		expect((await rowsOf(db, w.year)).map((r) => [r.id, r.date])).toEqual(first.map((r) => [r.id, r.date]));
	});

	it('keeps overdue planned engagements on re-planning, so nothing owed to a school disappears', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const overdue = (await rowsOf(db, w.year)).filter((r) => r.date < '2026-10-01');
		expect(overdue.length).toBeGreaterThan(0);
		await planYear(db, w.admin.id, w.year, '2026-10-01');
		const ids = new Set((await rowsOf(db, w.year)).map((r) => r.id));
		expect(overdue.every((r) => ids.has(r.id))).toBe(true);
	});

	it('moves an engagement only where the planner’s rules allow, and says why not in plain words', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const engagements = await listEngagements(db, { year: w.year, urn: w.urns.focus });
		const review2 = engagements.find((e) => e.templateId === 'focus.review' && e.sequence === 2)!;

		const saturday = await moveEngagement(db, w.adviserA, review2.id, '2027-01-16', BEFORE_YEAR).then(
			() => null,
			(e: Refusal) => e
		);
		expect(saturday?.errors['new-date']).toContain('Engagements must be on a working day in term time, and Saturday 16 January 2027 is not: it is a Saturday.');
		const outside = await moveEngagement(db, w.adviserA, review2.id, '2026-10-05', BEFORE_YEAR).then(
			() => null,
			(e: Refusal) => e
		);
		expect(outside?.message).toMatch(/SIA-led review 2 of 3 must be between .* \(spring 1 to spring 2\)\./);

		const { calendar } = await loadCalendar(db, w.year);
		const taken = new Set(engagements.map((e) => e.date));
		const allA = await listEngagements(db, { year: w.year, adviserId: w.adviserA.id });
		const candidates = workingDays(calendar).filter(
			(d) => (d.halfTerm === 'spring_1' || d.halfTerm === 'spring_2') && !taken.has(d.date) && !allA.some((e) => e.date === d.date)
		);
		let moved: string | null = null;
		for (const day of candidates) {
			const ok = await moveEngagement(db, w.adviserA, review2.id, day.date, BEFORE_YEAR).then(
				() => true,
				() => false
			);
			if (ok) {
				moved = day.date;
				break;
			}
		}
		expect(moved).not.toBeNull();
		const after = (await listEngagements(db, { year: w.year, urn: w.urns.focus })).find((e) => e.id === review2.id)!;
		expect([after.date, after.status]).toEqual([moved, 'confirmed']);
	});

	describe('two people changing one engagement at the same moment (on PostgreSQL, on two app servers)', () => {
		/** A Focus review moved to the second of two spring days it may be on (so confirmed there, and free to move to the first), and a review still planned. */
		async function movable() {
			const db = await freshDb();
			const w = await scheduleWorld(db);
			await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
			const engagements = await listEngagements(db, { year: w.year, urn: w.urns.focus });
			const review2 = engagements.find((e) => e.templateId === 'focus.review' && e.sequence === 2)!;
			const { calendar } = await loadCalendar(db, w.year);
			const allA = await listEngagements(db, { year: w.year, adviserId: w.adviserA.id });
			const free = workingDays(calendar).filter((d) => (d.halfTerm === 'spring_1' || d.halfTerm === 'spring_2') && !allA.some((e) => e.date === d.date));
			const days: string[] = [];
			for (const day of free) {
				if (days.length === 2) break;
				const ok = await moveEngagement(db, w.adviserA, review2.id, day.date, BEFORE_YEAR).then(
					() => true,
					() => false
				);
				if (ok) days.push(day.date);
			}
			expect(days).toHaveLength(2);
			const planned = engagements.find((e) => e.templateId === 'focus.review' && e.sequence === 3)!;
			expect(planned.status).toBe('planned');
			/** Moves the review to the first day, from `one` connection. */
			const moveIt = (one: Db) => moveEngagement(one, w.adviserA, review2.id, days[0], BEFORE_YEAR);
			return { db, w, review2, planned, days, moveIt };
		}

		const row = (db: Db, id: number) => db.selectFrom('engagements').select(['status', 'date', 'cancel_reason']).where('id', '=', id).executeTakeFirstOrThrow();

		/**
		 * Starts two changes to one engagement together, from two connections on PostgreSQL, once both
		 * have read it: one is done, the other refused in plain words. Returns whether the first was done, and the refusal.
		 */
		async function atOnce(db: Db, id: number, first: (db: Db) => Promise<unknown>, second: (db: Db) => Promise<unknown>) {
			const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
			const results = await whileHeld(db, sql`select id from engagements where id = ${id} for update`, () => Promise.allSettled([first(db), second(other)]));
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
			const refusal: Error = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
			expect(refusal).toBeInstanceOf(Refusal);
			return { firstDone: results[0].status === 'fulfilled', refusal };
		}

		it('a move and a cancellation: one is done, the other is refused saying what happened, and the row is one or the other', async () => {
			const { db, w, review2, days, moveIt } = await movable();
			const { firstDone: moved, refusal } = await atOnce(db, review2.id, moveIt, (other) =>
				cancelEngagement(other, w.adviserA, review2.id, 'The school has an Ofsted inspection that week.', BEFORE_YEAR)
			);
			if (moved) {
				expect(refusal.message).toBe(
					`This engagement was moved to ${dayAndDate(days[0])} by someone else after you opened the page. Look at it again before you cancel it.`
				);
				expect(await row(db, review2.id)).toEqual({ status: 'confirmed', date: days[0], cancel_reason: null });
			} else {
				expect(refusal.message).toBe('This engagement was cancelled by someone else after you opened the page, so it cannot be moved.');
				expect(await row(db, review2.id)).toEqual({ status: 'cancelled', date: days[1], cancel_reason: 'The school has an Ofsted inspection that week.' });
			}
		});

		it('a confirmation and a cancellation: one is done, the other is refused, never a database error', async () => {
			const { db, w, planned } = await movable();
			const { firstDone: confirmed, refusal } = await atOnce(
				db,
				planned.id,
				(one) => confirmEngagement(one, w.adviserA, planned.id),
				(other) => cancelEngagement(other, w.adviserA, planned.id, 'The school asked for it to be called off.', BEFORE_YEAR)
			);
			if (confirmed) {
				expect(refusal.message).toBe('This engagement was confirmed by someone else after you opened the page. Look at it again before you cancel it.');
				expect(await row(db, planned.id)).toEqual({ status: 'confirmed', date: planned.date, cancel_reason: null });
			} else {
				expect(refusal.message).toBe('This engagement was cancelled by someone else after you opened the page, so it cannot be confirmed.');
				expect(await row(db, planned.id)).toMatchObject({ status: 'cancelled', date: planned.date });
			}
		});

		it('a move and publishing the note of visit: one is done, and the move’s new date is never overwritten unseen', async () => {
			const { db, w, review2, days, moveIt } = await movable();
			const { firstDone: moved, refusal } = await atOnce(db, review2.id, moveIt, (other) =>
				saveNote(other, w.adviserA, review2.id, noteFromForm(publishForm(days[1]), []), 'publish', '2027-07-01')
			);
			const note = await db.selectFrom('visit_notes').select('status').where('engagement_id', '=', review2.id).executeTakeFirst();
			if (moved) {
				expect(refusal.message).toBe(
					`This engagement was moved to ${dayAndDate(days[0])} by someone else after you opened the page. Look at it again before you publish its note of visit.`
				);
				expect(await row(db, review2.id)).toMatchObject({ status: 'confirmed', date: days[0] });
				expect(note).toBeUndefined();
			} else {
				expect(refusal.message).toBe('This engagement was completed by someone else after you opened the page, so it cannot be moved.');
				expect(await row(db, review2.id)).toMatchObject({ status: 'completed', date: days[1] });
				expect(note?.status).toBe('published');
			}
		});
	});
});
