import type { Db } from '../db';
import { cancelVisit, checkVisitDate, completeVisit, insertVisit, openVisit } from '../schedule/booked-visits';
import type { IsoDate, QmStatus, QualityMarkFramework, StoredStatus } from '../../domain/quality-mark';
import { Refusal } from '../../domain/refusal';
import type { Actor } from '../../domain/access';
import { dayAndDate } from '../../domain/format';

/**
 * The assessment visit as an engagement in the schedule (docs/quality-mark.md), kept in step with the Quality
 * Mark record. The record is where a visit is booked, called off and decided; the schedule is where
 * it sits on the assessor's calendar and can be moved or cancelled. Either way both change together,
 * in one transaction:
 *
 * - booked (assessment visit booked): a confirmed engagement for the assessor on the visit date;
 * - moved in the schedule: the record's visit date follows;
 * - called off on the record (back to assessor review) or the school withdraws: the engagement is
 *   cancelled with the reason;
 * - cancelled in the schedule: the record goes back to assessor review, ready to book again;
 * - award decision recorded: the engagement is completed, as the visit has been held.
 */

export interface StatusMove {
	qualityMarkId: number;
	urn: number;
	framework: QualityMarkFramework;
	from: QmStatus;
	to: StoredStatus;
	visitDate: IsoDate | null;
	assessorId: number | null;
	note: string | null;
}

/** What the schedule said about a new booking: its engagement and any warnings about the assessor's capacity. */
export interface VisitBooking {
	engagementId: number;
	warnings: string[];
}

/** Plain words for the label of a framework's visits: "Basic Skills Quality Mark assessment visit". */
export function visitLabel(framework: QualityMarkFramework): string {
	return `${framework.name} assessment visit`;
}

/**
 * Changes the schedule to match a status move, inside the caller's transaction. A booking whose
 * date the schedule refuses (not a working day, the assessor is off, or no room beside their fixed
 * work) throws, so the status does not change either.
 */
export async function keepScheduleInStep(trx: Db, actor: Actor, move: StatusMove, today: IsoDate): Promise<VisitBooking | null> {
	if (move.to === 'assessment_visit_booked') return book(trx, actor, move, today);
	if (move.from !== 'assessment_visit_booked') return null;
	const open = await openVisit(trx, move.qualityMarkId);
	if (!open) return null;
	if (move.to === 'achieved' || move.to === 'not_yet_achieved') {
		await completeVisit(trx, actor.id, open.id);
	} else {
		const why = move.to === 'not_engaged' ? 'The school withdrew from the Quality Mark.' : 'The visit was called off on the Quality Mark record.';
		await cancelVisit(trx, actor.id, open.id, move.note ? `${why} ${move.note}` : why);
	}
	return null;
}

async function book(trx: Db, actor: Actor, move: StatusMove, today: IsoDate): Promise<VisitBooking> {
	if (move.visitDate === null || move.assessorId === null) throw new Refusal('Give the date of the assessment visit and who carries it out');
	const check = await checkVisitDate(trx, { engagementPlanKey: null, urn: move.urn, adviserId: move.assessorId, date: move.visitDate, today });
	if (!check.ok) throw new Refusal(`The visit cannot be booked for ${dayAndDate(move.visitDate)}. ${check.reasons.join(' ')}`);
	const engagementId = await insertVisit(trx, actor.id, {
		qualityMarkId: move.qualityMarkId,
		urn: move.urn,
		frameworkKey: move.framework.key,
		label: visitLabel(move.framework),
		adviserId: move.assessorId,
		date: move.visitDate
	});
	return { engagementId, warnings: check.warnings };
}
