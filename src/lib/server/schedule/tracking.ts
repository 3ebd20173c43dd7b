import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { requireAllowed } from '../../domain/access';
import { getEngagement, type EngagementView } from './engagements';
import { buildPlanInput, schoolCalendar, schoolScope } from './plan-input';
import { schoolYearOf, today as todayIso } from './years';
import { storedPlan } from './planning';
import { getAdviser } from './advisers';
import { changedSince, requireUpdated, writeCancel, writeMove } from './engagement-writes';
import { moveVisitFromSchedule, visitCancelledInSchedule } from '../quality-mark/schedule-changes';
import { halfTermOf, whyNotWorkingDay } from '../../domain/calendar/working-days';

import { isIsoDate, type IsoDate } from '../../domain/calendar/iso-date';
import { academicYearLabel } from '../../domain/ks2/types';
import { checkMove } from '../../domain/planner/check-move';
import { dayAndDate } from '../../domain/format';

export const MAX_REASON = 1000;

/** The engagement, if this person may change it: 404 if it does not exist (or they are not told of it), 403 if it is not theirs. */
export async function engagementToChange(db: Db, user: SessionUser, id: number): Promise<EngagementView> {
	const engagement = await getEngagement(db, id);
	if (!engagement) throw new Refusal('There is no such engagement.', { status: 404 });
	requireAllowed(user, 'engagement.view', engagement);
	requireAllowed(user, 'engagement.change', engagement);
	return engagement;
}

function requireOpen(engagement: EngagementView, doing: string): void {
	if (engagement.status === 'completed') throw new Refusal(`It has already been completed, so you cannot ${doing} it.`);
	if (engagement.status === 'cancelled') throw new Refusal(`It was cancelled, so you cannot ${doing} it.`);
}

/** The adviser has agreed the date with the school; re-planning will leave it where it is. */
export async function confirmEngagement(db: Db, user: SessionUser, id: number): Promise<void> {
	const engagement = await engagementToChange(db, user, id);
	requireOpen(engagement, 'confirm');
	if (engagement.status === 'confirmed') throw new Refusal('It is already confirmed.');
	// Term dates or closures may have changed since it was planned: confirm only a day it could be on, as Move checks.
	const { calendar, closures } = await schoolCalendar(db, engagement.year, engagement.urn);
	const notWorking = whyNotWorkingDay(calendar, closures, engagement.date);
	if (notWorking)
		throw new Refusal(`It cannot be confirmed for ${dayAndDate(engagement.date)}, because ${notWorking}. Move it to a working day, or plan the year again.`);
	// Nor a day the adviser has off since it was planned, as Move checks.
	const adviser = await getAdviser(db, engagement.adviserId);
	if (adviser?.daysOff.some((d) => d.date === engagement.date))
		throw new Refusal(`It cannot be confirmed for ${dayAndDate(engagement.date)}, because ${adviser.name} is off that day. Move it to another day.`);
	await db.transaction().execute(async (trx) => {
		const now = nowIso();
		// Only as read: cancelled, completed, confirmed or moved by someone else since, it is refused, not overwritten.
		const read = { status: engagement.status, date: engagement.date };
		const done = await trx
			.updateTable('engagements')
			.set({ status: 'confirmed', confirmed_at: now, confirmed_by: user.id, updated_at: now })
			.where('id', '=', id)
			.where('status', '=', read.status)
			.where('date', '=', read.date)
			.executeTakeFirst();
		await requireUpdated(trx, done, id, read, 'confirm');
		await audit(trx, {
			userId: user.id,
			action: 'engagement.confirm',
			entity: 'engagement',
			entityId: id,
			before: { status: engagement.status },
			after: { status: 'confirmed' }
		});
	});
}

/**
 * Moves an engagement to another day if the planner's rules allow it (checkMove): a term-time
 * working day from today on, in its window, in order, within the adviser's capacity. A moved
 * engagement is confirmed, because its adviser chose the date. Refusals say every rule it breaks.
 *
 * A Quality Mark assessment visit is booked work, so it is checked as a booking instead (see
 * checkBooking): any working day of its school year with room beside the assessor's fixed work,
 * including a day already past when the visit was held earlier than booked. Its Quality Mark
 * record takes the new date. Returns warnings about the adviser's capacity, if any.
 */
export async function moveEngagement(db: Db, user: SessionUser, id: number, newDate: string, today: IsoDate): Promise<string[]> {
	const engagement = await engagementToChange(db, user, id);
	requireOpen(engagement, 'move');
	if (!isIsoDate(newDate)) throw new Refusal('Enter the new date as a real date, like 2026-11-13.', { field: 'new-date' });
	if (newDate === engagement.date) throw new Refusal(`It is already on ${dayAndDate(newDate)}.`, { field: 'new-date' });
	if (engagement.qualityMark) return moveQualityMarkVisit(db, user, engagement, engagement.qualityMark.id, newDate, today);

	const input = await buildPlanInput(db, engagement.year, today, (await schoolScope(db, engagement.urn)) || null);
	const check = checkMove(await storedPlan(db, engagement.year), engagement.planKey, newDate, input);
	if (!check.ok) {
		// Cancelled or moved by someone else since it was read, the plan no longer has it as it was: say so, not the planner's words.
		const changed = await changedSince(db, id, { status: engagement.status, date: engagement.date }, 'move');
		if (changed) throw changed;
		const message = `It cannot move to ${dayAndDate(newDate)}. ${check.reasons.join(' ')}`;
		throw new Refusal(message, { field: 'new-date' });
	}
	await db
		.transaction()
		.execute((trx) => writeMove(trx, user.id, id, { date: engagement.date, status: engagement.status }, newDate, halfTermOf(input.calendar, newDate)));
	return [];
}

async function moveQualityMarkVisit(
	db: Db,
	user: SessionUser,
	engagement: EngagementView,
	qualityMarkId: number,
	newDate: IsoDate,
	today: IsoDate
): Promise<string[]> {
	const refuse = (message: string) => new Refusal(message, { field: 'new-date' });
	if (schoolYearOf(newDate) !== engagement.year) {
		throw refuse(
			`It can only move within the ${academicYearLabel(engagement.year)} school year. To hold the visit in another year, cancel it and book it again from the Quality Mark record.`
		);
	}
	return db.transaction().execute(async (trx) => {
		const visit = {
			engagementId: engagement.id,
			planKey: engagement.planKey,
			qualityMarkId,
			adviserId: engagement.adviserId,
			from: engagement.date,
			to: newDate
		};
		const check = await moveVisitFromSchedule(trx, user, visit, today);
		if (!check.ok) throw refuse(`It cannot move to ${dayAndDate(newDate)}. ${check.reasons.join(' ')}`);
		return check.warnings;
	});
}

/**
 * Cancels an engagement, with the reason. It leaves the plan; if the school's category still
 * needs it, the next re-plan offers a new date for it. Cancelling a Quality Mark assessment visit
 * also takes its Quality Mark record back to assessor review, with the reason in its history, so
 * that the assessor books another: returns true when that happened.
 */
export async function cancelEngagement(db: Db, user: SessionUser, id: number, reason: string, today: IsoDate = todayIso()): Promise<boolean> {
	const engagement = await engagementToChange(db, user, id);
	requireOpen(engagement, 'cancel');
	const text = reason.trim();
	if (!text) throw new Refusal('Say why it is cancelled.', { field: 'reason' });
	if (text.length > MAX_REASON) throw new Refusal(`The reason must be ${MAX_REASON} characters or fewer.`, { field: 'reason' });
	return db.transaction().execute(async (trx) => {
		await writeCancel(trx, user.id, id, { status: engagement.status, date: engagement.date }, text);
		return engagement.qualityMark ? visitCancelledInSchedule(trx, user, engagement.qualityMark.id, text, today) : false;
	});
}
