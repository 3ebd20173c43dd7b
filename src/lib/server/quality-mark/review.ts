import type { Db } from '../db';
import { audit } from '../audit';
import { dayAndDate } from '../../domain/format';
import {
	statusForDecision,
	validateReviewForDecision,
	type AssessorReview,
	type AuditProblem,
	type IsoDate,
	type Key,
	type QmStatus,
	type QualityMarkFramework
} from '../../domain/quality-mark';
import { isIsoDate } from '../../domain/quality-mark/iso-date';
import { openAuditWhile, parseAnswers } from './audits';
import * as clock from '../clock';
import { refuseOverLong } from './text';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { requireAllowed, type Actor } from '../../domain/access';
import { Refusal } from '../../domain/refusal';
import { openRecord, recordRef } from './records';
import { moveStatus } from './status';

export type DecisionResult = { ok: true; status: 'achieved' | 'not_yet_achieved' } | { ok: false; problems: AuditProblem[] };

/** The review is written while the assessor reviews and once the visit is booked, never before the school submits. */
const REVIEWABLE: readonly QmStatus[] = ['assessor_review', 'assessment_visit_booked'];
const NOT_REVIEWABLE = 'The review can be written once the self-audit is under assessor review. Move it to assessor review first.';

async function writeReview(trx: Db, actor: Actor, framework: QualityMarkFramework, urn: number, review: AssessorReview, today: IsoDate) {
	if (review.kind !== framework.kind) throw new Refusal(`This review does not match the ${framework.name}`);
	refuseOverLong(review, TEXT_LIMITS.text);
	const { row, auditRow, status } = await openAuditWhile(trx, urn, framework.key, today, REVIEWABLE, NOT_REVIEWABLE);
	await trx
		.updateTable('quality_mark_audits')
		.set({ review_json: JSON.stringify(review), review_updated_at: clock.nowIso(), review_updated_by: actor.id })
		.where('id', '=', auditRow.id)
		.execute();
	await audit(trx, { userId: actor.id, action: 'quality_mark.review.save', entity: 'quality_mark', entityId: recordRef(urn, framework.key), after: review });
	return { row, auditRow, status };
}

/** Saves the assessor's review so far. Nothing has to be complete yet. */
export async function saveReview(db: Db, actor: Actor, urn: number, frameworkKey: Key, review: AssessorReview, today: IsoDate = clock.today()): Promise<void> {
	const { framework, mark } = await openRecord(db, actor, urn, frameworkKey);
	requireAllowed(actor, 'qualityMark.manage', mark);
	await db.transaction().execute((trx) => writeReview(trx, actor, framework, urn, review, today));
}

/**
 * Saves the review and, when it is complete and the visit has been booked and held (its date is
 * today or earlier), records the award decision: achieved (award date, expiry 3 years on) or not
 * yet achieved (with the feedback). The visit's engagement is then complete. An incomplete review
 * is still saved, and its problems come back.
 */
export async function recordAwardDecision(
	db: Db,
	actor: Actor,
	urn: number,
	frameworkKey: Key,
	review: AssessorReview,
	awardDate: string | undefined,
	today: IsoDate = clock.today()
): Promise<DecisionResult> {
	const { framework, mark } = await openRecord(db, actor, urn, frameworkKey);
	requireAllowed(actor, 'qualityMark.manage', mark);
	return db.transaction().execute(async (trx) => {
		const { row, auditRow, status } = await writeReview(trx, actor, framework, urn, review, today);
		if (status !== 'assessment_visit_booked') {
			return { ok: false, problems: [{ path: '', message: 'Book the assessment visit before recording the award decision. Your review has been saved.' }] };
		}
		// The decision follows the visit, as a note of visit does: it completes the visit in the schedule.
		if (row.visit_date !== null && row.visit_date > today) {
			const message =
				`The assessment visit is booked for ${dayAndDate(row.visit_date)}. Record the decision once it has been held, or, if it took place ` +
				'on an earlier day, move it to that day in the schedule first. Your review has been saved.';
			return { ok: false, problems: [{ path: '', message }] };
		}
		const problems = validateReviewForDecision(framework, parseAnswers(auditRow.answers_json, framework), review);
		if (review.awardDecision === 'award' && awardDate) {
			if (!isIsoDate(awardDate)) problems.push({ path: 'awardDate', message: 'Enter the award date as a real date, like 2025-07-14' });
			else if (awardDate > today) problems.push({ path: 'awardDate', message: 'The award date cannot be in the future' });
			else if (row.visit_date !== null && awardDate < row.visit_date) {
				problems.push({ path: 'awardDate', message: `The award date cannot be before the assessment visit on ${dayAndDate(row.visit_date)}` });
			}
		}
		const to = statusForDecision(review.awardDecision);
		if (problems.length > 0 || to === null) return { ok: false, problems };
		await moveStatus(trx, actor, framework, urn, to, { awardDate: awardDate || undefined, feedback: review.feedback, note: review.overallJudgement }, today);
		await trx
			.updateTable('quality_mark_audits')
			.set({ decision: review.awardDecision, decided_at: clock.nowIso(), decided_by: actor.id })
			.where('id', '=', auditRow.id)
			.execute();
		await audit(trx, {
			userId: actor.id,
			action: 'quality_mark.decision',
			entity: 'quality_mark',
			entityId: recordRef(urn, framework.key),
			after: { decision: review.awardDecision, visitOutcome: review.visitOutcome, awardDate: awardDate || today }
		});
		return { ok: true, status: to };
	});
}
