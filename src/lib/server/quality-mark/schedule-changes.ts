import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { checkVisitDate, moveVisit } from '../schedule/booked-visits';
import type { BookingCheck } from '../../domain/planner/booking';
import { effectiveStatus, type IsoDate } from '../../domain/quality-mark';
import { getFramework } from './frameworks';
import type { Actor } from '../../domain/access';
import { recordRef, toRecord } from './records';
import { moveStatus } from './status';

/**
 * Changes made to an assessment visit from the schedule, carried over to its Quality Mark record
 * inside the schedule's transaction (see visits.ts for the other direction).
 */

/**
 * The visit moves to `to` in the schedule: checked like a booking (a working day, the assessor not
 * off, room beside their fixed work; a day already past is recorded as it happened), then the
 * engagement and the record's visit date both move. A refusal changes nothing.
 */
export async function moveVisitFromSchedule(
	trx: Db,
	actor: Actor,
	visit: { engagementId: number; planKey: string; qualityMarkId: number; adviserId: number; from: IsoDate; to: IsoDate },
	today: IsoDate
): Promise<BookingCheck> {
	const row = await trx
		.selectFrom('quality_marks')
		.select(['urn', 'framework_key', 'visit_date', 'status'])
		.where('id', '=', visit.qualityMarkId)
		.executeTakeFirstOrThrow();
	const check = await checkVisitDate(trx, { engagementPlanKey: visit.planKey, urn: row.urn, adviserId: visit.adviserId, date: visit.to, today });
	if (!check.ok) return check;
	await moveVisit(trx, actor.id, visit.engagementId, row.urn, visit.from, visit.to);
	// Only a visit still to be decided carries its date on the record; a decided record keeps the date it was decided on.
	if (row.status === 'assessment_visit_booked') {
		await trx.updateTable('quality_marks').set({ visit_date: visit.to, updated_at: nowIso() }).where('id', '=', visit.qualityMarkId).execute();
		await audit(trx, {
			userId: actor.id,
			action: 'quality_mark.visit_move',
			entity: 'quality_mark',
			entityId: recordRef(row.urn, row.framework_key),
			before: { visitDate: row.visit_date },
			after: { visitDate: visit.to }
		});
	}
	return check;
}

/**
 * The visit is cancelled in the schedule (the caller has cancelled the engagement): a record still
 * waiting for it goes back to assessor review, as when a visit is called off on the record, with
 * the reason in its history, so the assessor can book another.
 */
export async function visitCancelledInSchedule(trx: Db, actor: Actor, qualityMarkId: number, reason: string, today: IsoDate): Promise<boolean> {
	const row = await trx.selectFrom('quality_marks').selectAll().where('id', '=', qualityMarkId).executeTakeFirst();
	if (!row || effectiveStatus(toRecord(row), today) !== 'assessment_visit_booked') return false;
	const framework = await getFramework(trx, row.framework_key);
	if (!framework) return false;
	await moveStatus(trx, actor, framework, row.urn, 'assessor_review', { note: `Visit cancelled in the schedule: ${reason}` }, today);
	return true;
}
