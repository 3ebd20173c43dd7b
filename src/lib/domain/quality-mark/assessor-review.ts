import type { ElementsFramework, Key, LevelsFramework, QualityMarkFramework } from './framework-shape';
import { elementAnswer, isKnownLevel, strandAnswer, type AuditProblem, type ElementsSelfAudit, type LevelsSelfAudit, type SelfAudit } from './self-audit';
import { describeChoices, hasText } from './wording';

/**
 * What the assessor (an adviser or admin) records against a submitted self-audit: agreement with
 * each of the school's judgements on the same grid, then the visit outcome, the overall judgement,
 * the award decision and feedback for the school.
 */

export const VISIT_OUTCOMES = ['confirmed', 'partly_confirmed', 'not_confirmed'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const VISIT_OUTCOME_LABELS: Record<VisitOutcome, string> = {
	confirmed: 'The visit confirmed the self-audit',
	partly_confirmed: 'The visit confirmed the self-audit in part',
	not_confirmed: 'The visit did not confirm the self-audit'
};

export const AWARD_DECISIONS = ['award', 'not_yet'] as const;
export type AwardDecision = (typeof AWARD_DECISIONS)[number];
export const AWARD_DECISION_LABELS: Record<AwardDecision, string> = {
	award: 'Award the Quality Mark',
	not_yet: 'Not yet: the school can resubmit after acting on the feedback'
};

export interface ElementReview {
	/** null until the assessor has looked; false means they judge the element the other way. */
	agrees: boolean | null;
	comment: string;
}

export interface StrandReview {
	agrees: boolean | null;
	/** The assessor's own level, needed only when they do not agree with the school's. */
	level: Key | null;
	comment: string;
}

interface ReviewOutcome {
	visitOutcome: VisitOutcome | null;
	visitNotes: string;
	overallJudgement: string;
	awardDecision: AwardDecision | null;
	feedback: string;
}

export interface ElementsReview extends ReviewOutcome {
	kind: 'elements';
	elements: Record<Key, ElementReview>;
}

export interface LevelsReview extends ReviewOutcome {
	kind: 'levels';
	/** aspects[aspectKey][strandKey] */
	aspects: Record<Key, Record<Key, StrandReview>>;
}

export type AssessorReview = ElementsReview | LevelsReview;

const NO_OUTCOME: ReviewOutcome = { visitOutcome: null, visitNotes: '', overallJudgement: '', awardDecision: null, feedback: '' };

export function emptyReview(framework: QualityMarkFramework): AssessorReview {
	if (framework.kind === 'elements') {
		const elements = Object.fromEntries(framework.elements.map((e) => [e.key, { agrees: null, comment: '' }]));
		return { kind: 'elements', elements, ...NO_OUTCOME };
	}
	const aspects = Object.fromEntries(
		framework.aspects.map((a) => [a.key, Object.fromEntries(framework.strands.map((s) => [s.key, { agrees: null, level: null, comment: '' }]))])
	);
	return { kind: 'levels', aspects, ...NO_OUTCOME };
}

/**
 * The self-audit as the assessor judges it: the school's answers wherever the assessor agrees
 * (or has not yet said), and the assessor's judgement wherever they do not. Feeding this to the
 * rules gives the assessor's own profile and missing list; the school's evidence is kept.
 */
export function assessedAudit(audit: SelfAudit, review: AssessorReview): SelfAudit {
	if (audit.kind === 'elements' && review.kind === 'elements') {
		const elements = Object.fromEntries(
			Object.entries(audit.elements).map(([key, answer]) => {
				const disagrees = review.elements[key]?.agrees === false && answer.met !== null;
				return [key, disagrees ? { ...answer, met: !answer.met } : answer];
			})
		);
		return { ...audit, elements };
	}
	if (audit.kind === 'levels' && review.kind === 'levels') {
		const aspects = Object.fromEntries(
			Object.entries(audit.aspects).map(([aspectKey, aspect]) => {
				const strands = Object.fromEntries(
					Object.entries(aspect.strands).map(([strandKey, answer]) => {
						const strandReview = review.aspects[aspectKey]?.[strandKey];
						const disagrees = strandReview?.agrees === false && strandReview.level !== null;
						return [strandKey, disagrees ? { ...answer, level: strandReview.level } : answer];
					})
				);
				return [aspectKey, { ...aspect, strands }];
			})
		);
		return { ...audit, aspects };
	}
	return audit;
}

/** The lifecycle status an award decision leads to, or null while the decision is still open. */
export function statusForDecision(decision: AwardDecision | null): 'achieved' | 'not_yet_achieved' | null {
	if (decision === null) return null;
	return decision === 'award' ? 'achieved' : 'not_yet_achieved';
}

/**
 * Everything the assessor must complete before recording a decision. Disagreeing always needs a
 * reason, because the school will read the review. An empty list means the review is complete.
 */
export function validateReviewForDecision(framework: QualityMarkFramework, audit: SelfAudit, review: AssessorReview): AuditProblem[] {
	let problems: AuditProblem[];
	if (framework.kind === 'elements' && audit.kind === 'elements' && review.kind === 'elements') {
		problems = elementReviewProblems(framework, audit, review);
	} else if (framework.kind === 'levels' && audit.kind === 'levels' && review.kind === 'levels') {
		problems = strandReviewProblems(framework, audit, review);
	} else {
		return [{ path: '', message: `This review does not match the ${framework.name}` }];
	}
	if (review.visitOutcome === null) problems.push({ path: 'visitOutcome', message: 'Record the outcome of the assessment visit' });
	if (!hasText(review.overallJudgement)) problems.push({ path: 'overallJudgement', message: 'Give your overall judgement' });
	if (review.awardDecision === null) {
		problems.push({ path: 'awardDecision', message: 'Choose whether to award the Quality Mark' });
	}
	if (!hasText(review.feedback)) problems.push({ path: 'feedback', message: 'Give feedback for the school' });
	return problems;
}

function elementReviewProblems(framework: ElementsFramework, audit: ElementsSelfAudit, review: ElementsReview): AuditProblem[] {
	const problems: AuditProblem[] = [];
	for (const element of framework.elements) {
		const item = review.elements[element.key] ?? { agrees: null, comment: '' };
		const path = element.key;
		if (item.agrees === null) {
			problems.push({ path: `${path}.agrees`, message: `${element.label}: say whether you agree with the school's judgement` });
		} else if (!item.agrees && elementAnswer(audit, element.key).met === null) {
			problems.push({ path: `${path}.agrees`, message: `${element.label}: the school has not judged this element` });
		} else if (!item.agrees && !hasText(item.comment)) {
			problems.push({ path: `${path}.comment`, message: `${element.label}: say why you do not agree` });
		}
	}
	return problems;
}

function strandReviewProblems(framework: LevelsFramework, audit: LevelsSelfAudit, review: LevelsReview): AuditProblem[] {
	const problems: AuditProblem[] = [];
	const choices = describeChoices(framework.levels.map((l) => l.label));
	for (const aspect of framework.aspects) {
		for (const strand of framework.strands) {
			const item = review.aspects[aspect.key]?.[strand.key] ?? { agrees: null, level: null, comment: '' };
			const at = (field: string, message: string) =>
				problems.push({
					path: `${aspect.key}.${strand.key}.${field}`,
					message: `${aspect.label}, ${strand.label.toLowerCase()}: ${message}`
				});
			if (item.agrees === null) at('agrees', "say whether you agree with the school's level");
			else if (item.agrees) continue;
			else if (item.level === null) at('level', 'choose the level you judge it at');
			else if (!isKnownLevel(framework.levels, item.level)) at('level', `choose ${choices}`);
			else if (item.level === strandAnswer(audit, aspect.key, strand.key).level) {
				at('level', "choose a level different from the school's, or say you agree");
			} else if (!hasText(item.comment)) at('comment', 'say why you judge it differently');
		}
	}
	return problems;
}
