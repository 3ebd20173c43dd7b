import type { Db } from '../db';
import { audit } from '../audit';
import {
	effectiveStatus,
	isQmStatus,
	newQualityMarkRecord,
	transition,
	type IsoDate,
	type Key,
	type QmStatus,
	type QualityMarkFramework,
	type QualityMarkRecord,
	type StoredStatus
} from '../../domain/quality-mark';
import { openAudit } from './audits';
import * as clock from '../clock';
import { refuseOverLong } from './text';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { ADVISER_ROLES, requireAllowed, type Actor } from '../../domain/access';
import { Refusal } from '../../domain/refusal';
import { findRow, insertRecord, openRecord, recordColumns, recordRef, toRecord } from './records';
import { usersServing } from '../la-scope';
import { keepScheduleInStep, type VisitBooking } from './visits';

export interface StatusInput {
	/** Why, for the history and audit log. */
	note?: string;
	/** Needed to book an assessment visit. */
	visitDate?: string;
	/** Who carries out the visit: an adviser or lead adviser; defaults to the person booking it. */
	assessorId?: number | null;
	/** Set by the award decision only. */
	awardDate?: string;
	feedback?: string;
}

export interface Moved {
	id: number;
	from: QmStatus;
	record: QualityMarkRecord;
	/** Set when the move booked an assessment visit: its engagement in the schedule and any capacity warnings. */
	visit: VisitBooking | null;
}

/**
 * Moves one record, inside the caller's transaction: checks the move against the lifecycle, saves
 * the record, keeps the status history, writes the audit log, opens the self-audit when one
 * starts, and keeps the assessment visit in the schedule in step (see visits.ts).
 * `mayMove` refuses moves this person may not make, given the status as shown today.
 */
export async function moveStatus(
	trx: Db,
	actor: Actor,
	framework: QualityMarkFramework,
	urn: number,
	to: StoredStatus,
	input: StatusInput,
	today: IsoDate,
	mayMove: (from: QmStatus) => void = () => {}
): Promise<Moved> {
	// Locked until the move is written, so two moves at once (two bookings of one visit) are taken one after the other.
	const row = await findRow(trx, urn, framework.key, { lock: true });
	const before = row ? toRecord(row) : newQualityMarkRecord(urn, framework.key, today);
	const from = effectiveStatus(before, today);
	mayMove(from);
	refuseOverLong({ note: input.note ?? '' }, TEXT_LIMITS.note);
	refuseOverLong({ feedback: input.feedback ?? '' }, TEXT_LIMITS.text);
	const result = transition(before, to, { ...input }, today);
	if (!result.ok) throw new Refusal(result.error);
	const assessorId = to === 'assessment_visit_booked' ? await chooseAssessor(trx, actor, input.assessorId, urn) : (row?.assessor_id ?? null);
	const now = clock.nowIso();
	let id: number;
	if (row) {
		await trx
			.updateTable('quality_marks')
			.set({ ...recordColumns(result.record), assessor_id: assessorId, ...(to === 'achieved' ? { award_assessor_id: assessorId } : {}), updated_at: now })
			.where('id', '=', row.id)
			.execute();
		id = row.id;
	} else {
		id = await insertRecord(trx, result.record, assessorId);
	}
	await trx
		.insertInto('quality_mark_history')
		.values({ quality_mark_id: id, from_status: from, to_status: to, changed_on: today, at: now, user_id: actor.id, note: result.change.note })
		.execute();
	await audit(trx, {
		userId: actor.id,
		action: 'quality_mark.status',
		entity: 'quality_mark',
		entityId: recordRef(urn, framework.key),
		before: { ...before, shownAs: from },
		after: { ...result.record, assessorId, note: result.change.note }
	});
	if (to === 'self_audit_in_progress') await openAudit(trx, id, framework, today);
	const visit = await keepScheduleInStep(
		trx,
		actor,
		{ qualityMarkId: id, urn, framework, from, to, visitDate: result.record.visitDate, assessorId, note: result.change.note },
		today
	);
	return { id, from, record: result.record, visit };
}

/**
 * The assessor for a visit: an active adviser or lead adviser, by default whoever books it. The
 * visit goes in their schedule and counts in their capacity, which admins do not have.
 */
async function chooseAssessor(db: Db, actor: Actor, assessorId: number | null | undefined, urn: number): Promise<number> {
	const id = assessorId ?? actor.id;
	const user = await db.selectFrom('users').select(['id', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
	if (!user || user.disabled_at !== null || !ADVISER_ROLES.includes(user.role)) {
		throw new Refusal('Choose an adviser or lead adviser to carry out the assessment visit: it goes in their schedule');
	}
	// Another LA's adviser could neither open the visit nor record the decision.
	const school = await db.selectFrom('schools').select('la_code').where('urn', '=', urn).executeTakeFirst();
	const serving = school?.la_code ? await usersServing(db, [school.la_code]) : null;
	if (serving !== null && !serving.has(user.id)) {
		throw new Refusal('Choose an adviser who serves the school’s LA to carry out the assessment visit');
	}
	return user.id;
}

/** Statuses reached only through their own step, which checks the work behind them. */
const OWN_STEP: Partial<Record<QmStatus, string>> = {
	audit_submitted: 'The school submits its self-audit from the self-audit form, once every part is complete',
	achieved: "Record the award decision in the assessor's review, once the review is complete",
	not_yet_achieved: "Record the award decision in the assessor's review, once the review is complete"
};

/**
 * A status change from the record page. Those who manage the record (`qualityMark.manage`) make any
 * move the lifecycle allows, except the three that have their own step. A headteacher makes only
 * the self-audit steps (`qualityMark.move`). Analysts only look.
 */
export async function changeStatus(
	db: Db,
	actor: Actor,
	urn: number,
	frameworkKey: Key,
	to: string,
	input: StatusInput = {},
	today: IsoDate = clock.today()
): Promise<QualityMarkRecord> {
	const { framework, mark } = await openRecord(db, actor, urn, frameworkKey);
	if (!isQmStatus(to)) throw new Refusal('Choose the status to move to');
	requireAllowed(actor, 'qualityMark.changeStatus', mark);
	const ownStep = OWN_STEP[to];
	if (ownStep) throw new Refusal(ownStep);
	const mayMove = (from: QmStatus) => requireAllowed(actor, 'qualityMark.move', { ...mark, from, to });
	const moved = await db.transaction().execute((trx) => moveStatus(trx, actor, framework, urn, to as StoredStatus, input, today, mayMove));
	return moved.record;
}

/**
 * Books the assessment visit from the record page: moves the record to assessment visit booked
 * and puts the visit in the assessor's schedule. Returns the visit's engagement and any warnings
 * about the assessor's capacity (work that re-planning will move), for the page to show.
 */
export async function bookAssessmentVisit(
	db: Db,
	actor: Actor,
	urn: number,
	frameworkKey: Key,
	input: Pick<StatusInput, 'visitDate' | 'assessorId' | 'note'>,
	today: IsoDate = clock.today()
): Promise<{ record: QualityMarkRecord; visit: VisitBooking }> {
	const { framework, mark } = await openRecord(db, actor, urn, frameworkKey);
	requireAllowed(actor, 'qualityMark.manage', mark);
	const moved = await db.transaction().execute((trx) => moveStatus(trx, actor, framework, urn, 'assessment_visit_booked', input, today));
	return { record: moved.record, visit: moved.visit! };
}
