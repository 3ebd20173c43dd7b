/** Builders shared by the Quality Mark tests: complete self-audits and reviews, and a record ready to assess. */
import type { Db } from '../../src/lib/server/db';
import { nowIso } from '../../src/lib/server/clock';
import { emptyReview, type AssessorReview, type ElementsSelfAudit, type LevelsSelfAudit } from '../../src/lib/domain/quality-mark';
import { BASIC_SKILLS_FRAMEWORK as BSQM } from '../../src/lib/domain/quality-mark/basic-skills-framework';
import { PROFESSIONAL_DEVELOPMENT_FRAMEWORK as PDQM } from '../../src/lib/domain/quality-mark/professional-development-framework';
import { openAudit } from '../../src/lib/server/quality-mark/audits';
import { insertRecord } from '../../src/lib/server/quality-mark/records';

export const BS = 'basic_skills';
export const PD = 'professional_development';

export function completeBasicSkills(): ElementsSelfAudit {
	return {
		kind: 'elements',
		elements: Object.fromEntries(BSQM.elements.map((e) => [e.key, { met: true, evidence: `Impact of ${e.label}`, action: 'Keep it going' }]))
	};
}

export function completePd(level = 'enhancing'): LevelsSelfAudit {
	return {
		kind: 'levels',
		aspects: Object.fromEntries(
			PDQM.aspects.map((a) => [
				a.key,
				{
					strands: Object.fromEntries(PDQM.strands.map((s) => [s.key, { level, evidence: `Evidence for ${s.label}` }])),
					actionToMoveUp: 'Coach middle leaders'
				}
			])
		)
	};
}

/** A complete Basic Skills review that agrees with every answer. */
export function completeReview(decision: 'award' | 'not_yet'): AssessorReview {
	const review = emptyReview(BSQM);
	if (review.kind !== 'elements') throw new Error('expected an elements review');
	for (const key of Object.keys(review.elements)) review.elements[key] = { agrees: true, comment: '' };
	return {
		...review,
		visitOutcome: 'confirmed',
		visitNotes: 'Met the English lead.',
		overallJudgement: 'A strong, well-led approach.',
		awardDecision: decision,
		feedback: 'Keep sharing your intervention model.'
	};
}

/** Opens a self-audit on the record with every answer complete, submitted by `submittedBy` (null: still in progress). */
export async function completeAudit(db: Db, qualityMarkId: number, key: string, submittedBy: number | null): Promise<void> {
	await openAudit(db, qualityMarkId, key === BS ? BSQM : PDQM, '2026-01-05');
	await db
		.updateTable('quality_mark_audits')
		.set({
			answers_json: JSON.stringify(key === BS ? completeBasicSkills() : completePd()),
			submitted_at: submittedBy === null ? null : nowIso(),
			submitted_by: submittedBy
		})
		.where('quality_mark_id', '=', qualityMarkId)
		.execute();
}

/** A Basic Skills record at assessor review, its complete self-audit submitted: ready to book the visit. */
export async function recordUnderReview(db: Db, urn: number, submittedBy: number): Promise<number> {
	const id = await insertRecord(db, {
		urn,
		frameworkKey: BS,
		status: 'assessor_review',
		statusChangedOn: '2026-01-05',
		awardDate: null,
		expiryDate: null,
		visitDate: null,
		feedback: null
	});
	await completeAudit(db, id, BS, submittedBy);
	return id;
}

/** An award recorded straight in the table: held from `awardDate` to `expiryDate`. */
export async function addAward(db: Db, urn: number, frameworkKey: string, awardDate: string, expiryDate: string): Promise<void> {
	const now = nowIso();
	const row = { urn, framework_key: frameworkKey, status: 'achieved' as const, status_changed_on: awardDate, award_date: awardDate, expiry_date: expiryDate };
	await db
		.insertInto('quality_marks')
		.values({ ...row, visit_date: null, assessor_id: null, nominee_id: null, feedback: null, created_at: now, updated_at: now })
		.execute();
}
