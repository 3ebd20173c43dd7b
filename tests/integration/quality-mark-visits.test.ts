import { describe, expect, it } from 'vitest';
import { anotherConnection, freshDb } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { rejection } from '../helpers/rejection';
import type { Db } from '../../src/lib/server/db';
import type { SessionUser } from '../../src/lib/server/auth/session';
import {
	addDaysOff,
	adviserFeed,
	cancelEngagement,
	capacityView,
	confirmEngagement,
	engagementsForSchool,
	getEngagement,
	latestPlanRun,
	listEngagements,
	moveEngagement,
	noteFromForm,
	overdueEngagements,
	planYear,
	saveNote,
	schoolFeed
} from '../../src/lib/server/schedule';
import { QUALITY_MARK_VISIT_NOTE } from '../../src/lib/server/schedule/notes';
import { bookAssessmentVisit, changeStatus, recordAwardDecision, recordPage } from '../../src/lib/server/quality-mark';
import { BS, completeAudit, completeReview, recordUnderReview } from './quality-mark-fixtures';
import { BEFORE_YEAR, scheduleWorld, type ScheduleWorld } from './schedule-fixtures';
import { Refusal } from '../../src/lib/domain/refusal';

/** The day the visits are booked: the eve of the 2026/27 school year, so every term-time day is ahead. */
const TODAY = '2026-09-01';
const LABEL = 'Basic Skills Quality Mark assessment visit';

/** The schedule world with 2026/27 planned, and Birchfield Primary (adviser A's Secure school) ready for its visit. */
async function world(options: { planned: boolean } = { planned: true }) {
	const db = await freshDb();
	const w = await scheduleWorld(db);
	if (options.planned) await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
	const qualityMarkId = await recordUnderReview(db, w.urns.secure, w.head.id);
	return { db, w, qualityMarkId };
}

async function record(db: Db, id: number) {
	return db.selectFrom('quality_marks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Adviser A's first planned engagement on or after `from`: a day that already holds planned work. */
async function plannedDayOf(db: Db, w: ScheduleWorld, from: string) {
	const mine = await listEngagements(db, { year: w.year, adviserId: w.adviserA.id, from, live: true });
	return mine.find((e) => e.status === 'planned' && e.days > 0)!;
}

/** An ICS file with its folded lines joined again (RFC 5545 section 3.1), to search it line by line. */
function icsLines(text: string): string[] {
	return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

async function book(db: Db, w: ScheduleWorld, visitDate: string, by: SessionUser = w.adviserA, today = TODAY) {
	return bookAssessmentVisit(db, by, w.urns.secure, BS, { visitDate }, today);
}

describe('booking an assessment visit makes it an engagement', () => {
	it("puts a confirmed day's visit in the assessor's schedule, the school's engagements and both calendar feeds", async () => {
		const { db, w, qualityMarkId } = await world();
		const day = (await plannedDayOf(db, w, '2026-10-05')).date;
		const { visit } = await book(db, w, day);

		const engagement = await getEngagement(db, visit.engagementId);
		expect(engagement).toMatchObject({
			year: w.year,
			urn: w.urns.secure,
			adviserId: w.adviserA.id,
			date: day,
			days: 1,
			status: 'confirmed',
			category: null,
			activity: 'quality_mark_visit',
			label: LABEL,
			mode: 'on_site',
			halfTerm: 'autumn_1',
			qualityMark: { id: qualityMarkId, frameworkKey: BS }
		});
		expect(await record(db, qualityMarkId)).toMatchObject({ status: 'assessment_visit_booked', visit_date: day, assessor_id: w.adviserA.id });
		// The term list and month calendar read the same list the adviser's view does.
		expect((await listEngagements(db, { year: w.year, adviserId: w.adviserA.id, from: day, to: day, live: true })).map((e) => e.id)).toContain(
			visit.engagementId
		);
		expect((await engagementsForSchool(db, w.urns.secure, { publishedNotesOnly: true })).engagements.map((e) => e.label)).toContain(LABEL);

		const adviserIcs = icsLines(await adviserFeed(db, w.adviserA, 'https://triage.example'));
		const uid = adviserIcs.indexOf(`UID:engagement-${visit.engagementId}@triage`);
		expect(uid).toBeGreaterThan(-1);
		const event = adviserIcs.slice(uid, adviserIcs.indexOf('END:VEVENT', uid));
		expect(event).toContain(`SUMMARY:${LABEL}: Birchfield Primary`);
		expect(event).toContain('STATUS:CONFIRMED');
		expect(event).toContain(`DTSTART;VALUE=DATE:${day.replace(/-/g, '')}`);
		expect(event.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Booked from the Quality Mark record\\, not from the support plan. Adviser time: 1 day.');
		expect(icsLines(await schoolFeed(db, { urn: w.urns.secure, name: 'Birchfield Primary' }, 'https://triage.example'))).toContain(
			`SUMMARY:${LABEL} with ${w.adviserA.name}`
		);
	});

	it('books one visit when two people book it at the same moment (on PostgreSQL, on two app servers); the other is told plainly', async () => {
		const { db, w, qualityMarkId } = await world();
		// On PostgreSQL a second connection, as a second app server has. SQLite is one process's file with
		// one writer: a second connection in this same process would wait on the first's lock forever.
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const day = (await plannedDayOf(db, w, '2026-10-05')).date;
		const results = await Promise.allSettled([book(db, w, day), book(other, w, day, w.lead)]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(Refusal);
		const visits = await db.selectFrom('engagements').select(['plan_key', 'status']).where('quality_mark_id', '=', qualityMarkId).execute();
		expect(visits).toEqual([{ plan_key: `${w.urns.secure}/quality_mark.basic_skills/1`, status: 'confirmed' }]);
		expect((await record(db, qualityMarkId)).status).toBe('assessment_visit_booked');
	});

	it("counts the visit in the assessor's planned days, and warns when planned work shares its day", async () => {
		const { db, w } = await world();
		const before = await capacityView(db, w.year);
		const planned = await plannedDayOf(db, w, '2026-10-05');
		const { visit } = await book(db, w, planned.date);

		expect(visit.warnings[0]).toMatch(
			new RegExp(`^${w.adviserA.name} also has [\\d.]+ days? of planned work on .*\\. Plan the year again to move the planned work to another day\\.$`)
		);
		const after = await capacityView(db, w.year);
		const autumn1 = (view: typeof before) =>
			view.summary.byAdviser.find((a) => a.adviserId === w.adviserA.id)!.halfTerms.find((h) => h.halfTerm === 'autumn_1')!;
		expect(autumn1(after).planned).toBe(autumn1(before).planned + 1);
		expect(after.summary.booked).toEqual({ engagements: 1, schools: 1, days: 1 });
		expect(after.summary.byCategory).toEqual(before.summary.byCategory);
	});

	it('keeps the visit where it is when the year is planned again, and moves the planned work off its day', async () => {
		const { db, w } = await world();
		const planned = await plannedDayOf(db, w, '2026-10-05');
		const { visit } = await book(db, w, planned.date);
		await planYear(db, w.lead.id, w.year, BEFORE_YEAR);

		expect(await getEngagement(db, visit.engagementId)).toMatchObject({ date: planned.date, status: 'confirmed', adviserId: w.adviserA.id });
		const thatDay = await listEngagements(db, { year: w.year, adviserId: w.adviserA.id, from: planned.date, to: planned.date, live: true });
		expect(thatDay.filter((e) => e.days > 0).map((e) => e.id)).toEqual([visit.engagementId]);
		const run = (await latestPlanRun(db, w.year))!;
		expect(run.kind).toBe('replan');
		expect(run.diff!.removed.map((r) => r.engagement.templateId)).not.toContain('quality_mark.basic_skills');
	});

	it("is taken as fixed when the year is first planned: nothing else goes in the assessor's day", async () => {
		const { db, w } = await world({ planned: false });
		const { visit } = await book(db, w, '2026-09-16');
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const thatDay = await listEngagements(db, { year: w.year, adviserId: w.adviserA.id, from: '2026-09-16', to: '2026-09-16', live: true });
		expect(thatDay.filter((e) => e.days > 0).map((e) => e.id)).toEqual([visit.engagementId]);
		expect((await capacityView(db, w.year)).summary.booked.days).toBe(1);
	});

	it("refuses, in plain words, a day that is not a working day, the assessor's day off, or a day full of confirmed work", async () => {
		const { db, w, qualityMarkId } = await world();
		const busy = await plannedDayOf(db, w, '2026-10-05');
		await confirmEngagement(db, w.adviserA, busy.id);
		await addDaysOff(db, w.admin.id, w.adviserA.id, { from: '2026-10-14', to: '', reason: 'Training' });

		expect((await rejection(Refusal, book(db, w, '2026-09-12'))).message).toBe(
			'The visit cannot be booked for Saturday 12 September 2026. It must be on a working day in term time, and Saturday 12 September 2026 is not: it is a Saturday.'
		);
		expect((await rejection(Refusal, book(db, w, '2026-10-28'))).message).toMatch(/it is in the school holidays\.$/);
		expect((await rejection(Refusal, book(db, w, '2026-10-14'))).message).toBe(
			`The visit cannot be booked for Wednesday 14 October 2026. ${w.adviserA.name} is off on Wednesday 14 October 2026.`
		);
		expect((await rejection(Refusal, book(db, w, busy.date))).message).toMatch(
			new RegExp(
				`^The visit cannot be booked for .*\\. ${w.adviserA.name} already has [\\d.]+ days? of confirmed or completed work on .*, over the limit of 1 day a day\\. Choose another day, or move that work first\\.$`
			)
		);
		expect(await record(db, qualityMarkId)).toMatchObject({ status: 'assessor_review', visit_date: null });
		expect(await db.selectFrom('engagements').select('id').where('quality_mark_id', 'is not', null).execute()).toEqual([]);
	});
});

describe('who may carry out the visit', () => {
	it('only an adviser who serves the school’s LA is offered, or accepted, as its assessor', async () => {
		const { db, w, qualityMarkId } = await world();
		// Birchfield is in LA 850; adviser B serves 936 only.
		await db.updateTable('schools').set({ la_code: '850' }).where('urn', '=', w.urns.secure).execute();
		await db.insertInto('user_las').values({ user_id: w.adviserB.id, la_code: '936' }).execute();
		const offered = (await recordPage(db, w.lead, w.urns.secure, BS, TODAY)).assessors.map((a) => a.id);
		expect(offered).toContain(w.adviserA.id);
		expect(offered).not.toContain(w.adviserB.id);
		const day = (await plannedDayOf(db, w, '2026-10-05')).date;
		expect((await rejection(Refusal, bookAssessmentVisit(db, w.lead, w.urns.secure, BS, { visitDate: day, assessorId: w.adviserB.id }, TODAY))).message).toBe(
			'Choose an adviser who serves the school’s LA to carry out the assessment visit'
		);
		expect(await record(db, qualityMarkId)).toMatchObject({ status: 'assessor_review', assessor_id: null });
	});
});

describe('the record’s link to its visit', () => {
	it('says the visit can be moved or cancelled there only to those who may: its assessor and lead advisers', async () => {
		const { db, w } = await world();
		const day = (await plannedDayOf(db, w, '2026-10-05')).date;
		await book(db, w, day);
		const mayChange = async (actor: SessionUser) => (await recordPage(db, actor, w.urns.secure, BS, TODAY)).visit?.mayChange;
		expect(await mayChange(w.adviserA)).toBe(true);
		expect(await mayChange(w.lead)).toBe(true);
		expect(await mayChange(w.admin)).toBe(false);
	});
});

describe('the visit and its Quality Mark record stay in step', () => {
	it("moving the visit in the schedule moves the record's visit date; a bad day or another school year is refused", async () => {
		const { db, w, qualityMarkId } = await world();
		const { visit } = await book(db, w, '2026-09-16');
		expect(await moveEngagement(db, w.adviserA, visit.engagementId, '2026-09-23', TODAY)).toEqual(expect.any(Array));
		expect(await getEngagement(db, visit.engagementId)).toMatchObject({ date: '2026-09-23', status: 'confirmed' });
		expect((await record(db, qualityMarkId)).visit_date).toBe('2026-09-23');
		const moves = await db.selectFrom('audit_log').select(['action', 'after_json']).where('action', '=', 'quality_mark.visit_move').orderBy('id').execute();
		expect(moves.map((m) => JSON.parse(m.after_json!))).toEqual([{ visitDate: '2026-09-23' }]);

		expect((await rejection(Refusal, moveEngagement(db, w.adviserA, visit.engagementId, '2026-09-26', TODAY))).message).toBe(
			'It cannot move to Saturday 26 September 2026. It must be on a working day in term time, and Saturday 26 September 2026 is not: it is a Saturday.'
		);
		expect((await rejection(Refusal, moveEngagement(db, w.adviserA, visit.engagementId, '2027-09-15', TODAY))).message).toMatch(
			/^It can only move within the 2026\/27 school year\./
		);
		expect((await rejection(Refusal, moveEngagement(db, w.adviserB, visit.engagementId, '2026-09-30', TODAY))).status).toBe(403);
		expect((await record(db, qualityMarkId)).visit_date).toBe('2026-09-23');
	});

	it('cancelling the visit in the schedule takes the record back to assessor review, ready to book again', async () => {
		const { db, w, qualityMarkId } = await world();
		const first = (await book(db, w, '2026-09-16')).visit;
		expect(await cancelEngagement(db, w.adviserA, first.engagementId, 'The headteacher is ill', TODAY)).toBe(true);
		expect(await record(db, qualityMarkId)).toMatchObject({ status: 'assessor_review', visit_date: null });
		const history = await db
			.selectFrom('quality_mark_history')
			.select(['from_status', 'to_status', 'note'])
			.where('quality_mark_id', '=', qualityMarkId)
			.execute();
		expect(history.at(-1)).toEqual({
			from_status: 'assessment_visit_booked',
			to_status: 'assessor_review',
			note: 'Visit cancelled in the schedule: The headteacher is ill'
		});

		const second = (await book(db, w, '2026-09-23')).visit;
		expect(second.engagementId).not.toBe(first.engagementId);
		expect(await getEngagement(db, first.engagementId)).toMatchObject({ status: 'cancelled', cancelReason: 'The headteacher is ill' });
		expect(await getEngagement(db, second.engagementId)).toMatchObject({ status: 'confirmed', planKey: `${w.urns.secure}/quality_mark.basic_skills/2` });
	});

	it('calling the visit off on the record, or the school withdrawing, cancels it in the schedule with the reason', async () => {
		const { db, w } = await world();
		const first = (await book(db, w, '2026-09-16')).visit;
		await changeStatus(db, w.lead, w.urns.secure, BS, 'assessor_review', { note: 'It clashes with an Ofsted visit.' }, TODAY);
		expect(await getEngagement(db, first.engagementId)).toMatchObject({
			status: 'cancelled',
			cancelReason: 'The visit was called off on the Quality Mark record. It clashes with an Ofsted visit.'
		});
		const second = (await book(db, w, '2026-09-23')).visit;
		await changeStatus(db, w.lead, w.urns.secure, BS, 'not_engaged', {}, TODAY);
		expect(await getEngagement(db, second.engagementId)).toMatchObject({ status: 'cancelled', cancelReason: 'The school withdrew from the Quality Mark.' });
	});

	it('the award decision waits for the visit day, then completes the visit', async () => {
		const { db, w, qualityMarkId } = await world();
		const { visit } = await book(db, w, '2026-09-16');
		const early = await recordAwardDecision(db, w.adviserA, w.urns.secure, BS, completeReview('award'), undefined, '2026-09-15');
		expect(early).toEqual({
			ok: false,
			problems: [
				{
					path: '',
					message:
						'The assessment visit is booked for Wednesday 16 September 2026. Record the decision once it has been held, or, if it took place on an earlier day, move it to that day in the schedule first. Your review has been saved.'
				}
			]
		});
		expect((await getEngagement(db, visit.engagementId))?.status).toBe('confirmed');

		expect(await recordAwardDecision(db, w.adviserA, w.urns.secure, BS, completeReview('award'), undefined, '2026-09-16')).toEqual({
			ok: true,
			status: 'achieved'
		});
		expect(await getEngagement(db, visit.engagementId)).toMatchObject({ status: 'completed', date: '2026-09-16' });
		expect(await record(db, qualityMarkId)).toMatchObject({ status: 'achieved', visit_date: '2026-09-16', award_date: '2026-09-16' });
		expect((await overdueEngagements(db, '2026-09-30')).map((e) => e.id)).not.toContain(visit.engagementId);
	});

	it("keeps the award's assessor for its certificate while a renewal's visit is booked with another", async () => {
		const { db, w, qualityMarkId } = await world();
		await book(db, w, '2026-09-16');
		await recordAwardDecision(db, w.adviserA, w.urns.secure, BS, completeReview('award'), undefined, '2026-09-16');
		// The school renews early: a new self-audit, submitted and under review, then a visit with the lead adviser.
		await db.updateTable('quality_marks').set({ status: 'assessor_review', status_changed_on: '2026-09-21' }).where('id', '=', qualityMarkId).execute();
		await completeAudit(db, qualityMarkId, BS, w.head.id);
		await bookAssessmentVisit(db, w.lead, w.urns.secure, BS, { visitDate: '2026-10-07' }, '2026-09-21');

		const { summary } = await recordPage(db, w.lead, w.urns.secure, BS, '2026-09-21');
		expect(summary).toMatchObject({ status: 'assessment_visit_booked', holdsAward: true, awardDate: '2026-09-16', visitDate: '2026-10-07' });
		expect(summary.assessorName).toBe(w.lead.name);
		expect(summary.awardAssessorName).toBe(w.adviserA.name);
	});

	it('shows a visit not yet decided as overdue, and can record one already held on an earlier day', async () => {
		const { db, w } = await world();
		const held = (await book(db, w, '2026-09-16', w.adviserA, '2026-09-18')).visit;
		expect(held.warnings).toEqual([]);
		expect((await overdueEngagements(db, '2026-09-18')).map((e) => e.id)).toContain(held.engagementId);
	});

	it('has no note of visit: its outcome goes in the assessor’s review', async () => {
		const { db, w } = await world();
		const { visit } = await book(db, w, '2026-09-16');
		const form = new FormData();
		form.set('visit-date', '2026-09-16');
		const error = await rejection(Refusal, saveNote(db, w.adviserA, visit.engagementId, noteFromForm(form, []), 'save', TODAY));
		expect(error.message).toBe(QUALITY_MARK_VISIT_NOTE);
	});
});
