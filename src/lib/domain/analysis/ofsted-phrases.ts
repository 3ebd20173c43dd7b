/*
 * How reasons cite Ofsted (docs/ofsted.md): every one names the kind of inspection, the grades
 * that matter and the inspection date, says when it was an inspection of the predecessor school,
 * and names any category of concern. Shared by the rules and the DfE intervention status.
 */
import { list } from './format';
import { longDate } from '../format';
import {
	DECIDING_JUDGEMENTS,
	OEIF_JUDGEMENT_LABELS,
	OFSTED_GRADE_LABELS,
	oeifGradeOf,
	ofstedFields,
	type CategoryOfConcern,
	type OeifGradeNumber,
	type OeifJudgement,
	type OfstedEntry,
	type OfstedInspectionEntry,
	type OfstedLegacyEntry,
	type OfstedUngradedEntry,
	type ReportCardGrade
} from './soft-intelligence';

export const PREDECESSOR_NOTE = '(an inspection of the predecessor school)';

/** "graded inspection", "graded inspection with no overall grade", "report card", "ungraded inspection". */
export function ofstedKind(e: OfstedInspectionEntry): string {
	if (e.type === 'ofsted_report_card') return 'report card';
	if (e.type === 'ofsted_ungraded') return 'ungraded inspection';
	return e.grade === null ? 'graded inspection with no overall grade' : 'graded inspection';
}

/**
 * "Ofsted's graded inspection on 14 March 2025", "Ofsted's report card of 1 December 2025
 * (an inspection of the predecessor school)".
 */
export function ofstedSource(e: OfstedInspectionEntry): string {
	const when = e.type === 'ofsted_report_card' ? `of ${longDate(e.date)}` : `on ${longDate(e.date)}`;
	return `Ofsted's ${ofstedKind(e)} ${when}${predecessorSuffix(e)}`;
}

export function predecessorSuffix(e: OfstedInspectionEntry): string {
	return ofstedFields(e).predecessor ? ` ${PREDECESSOR_NOTE}` : '';
}

/** "Ofsted's graded inspection on 12 March 2018 judged the school Inadequate and placed the school in special measures". */
export function ofstedClause(e: OfstedInspectionEntry, verbs: readonly string[]): string {
	return verbs.length > 0 ? `${ofstedSource(e)} ${list(verbs)}` : ofstedSource(e);
}

/** "quality of education 3 (Requires improvement)". */
export function judgementPhrase(key: OeifJudgement, n: OeifGradeNumber): string {
	return `${OEIF_JUDGEMENT_LABELS[key]} ${n} (${OFSTED_GRADE_LABELS[oeifGradeOf(n)]})`;
}

const CATEGORY_VERBS: Record<CategoryOfConcern, string> = {
	special_measures: 'placed the school in special measures',
	serious_weaknesses: 'found serious weaknesses',
	requires_significant_improvement: 'judged that the school requires significant improvement'
};

export function categoryVerbs(e: OfstedInspectionEntry): string[] {
	const c = ofstedFields(e).categoryOfConcern;
	return c === null ? [] : [CATEGORY_VERBS[c]];
}

/** The deciding sub-judgements (quality of education, leadership and management) that pass `pick`. */
function decidingJudgements(e: OfstedLegacyEntry, pick: (n: OeifGradeNumber) => boolean): string[] {
	const out: string[] = [];
	for (const key of DECIDING_JUDGEMENTS) {
		const n = e.judgements?.[key] ?? null;
		if (n !== null && pick(n)) out.push(judgementPhrase(key, n));
	}
	return out;
}

function areasGraded(e: OfstedEntry, grade: ReportCardGrade): string[] {
	if (e.type !== 'ofsted_report_card') return [];
	const areas = e.areas.filter((a) => a.grade === grade).map((a) => a.area);
	return areas.length > 0 ? [`graded ${list(areas)} as ${OFSTED_GRADE_LABELS[grade]}`] : [];
}

/** What made a graded outcome Inadequate (ofstedStanding 'inadequate'). */
export function inadequateVerbs(e: OfstedEntry): string[] {
	const verbs: string[] = [];
	if (e.type === 'ofsted_legacy') {
		if (e.grade === 'inadequate') verbs.push('judged the school Inadequate');
		else if (e.grade === null) {
			// With no overall grade, the deciding sub-judgements below Good are the grades that matter.
			const below = decidingJudgements(e, (n) => n >= 3);
			if (below.length > 0) verbs.push(`judged ${list(below)}`);
		}
		if (e.safeguardingEffective === false) verbs.push('found safeguarding not effective');
	} else {
		verbs.push(...areasGraded(e, 'urgent_improvement'));
		if (!e.safeguardingMet) verbs.push('found safeguarding not met');
	}
	return [...verbs, ...categoryVerbs(e)];
}

/** What made a graded outcome Requires improvement (ofstedStanding 'requires_improvement'). */
export function requiresImprovementVerbs(e: OfstedEntry): string[] {
	if (e.type === 'ofsted_report_card') return areasGraded(e, 'needs_attention');
	if (e.grade === 'requires_improvement') return ['judged the school Requires improvement'];
	if (e.grade !== null) return [];
	const below = decidingJudgements(e, (n) => n >= 3);
	return below.length > 0 ? [`judged ${list(below)}`] : [];
}

/** A graded outcome that is Good or better, as P1 cites it. */
export function goodOutcomePhrase(e: OfstedEntry): string {
	if (e.type === 'ofsted_report_card')
		return `Ofsted report card of ${longDate(e.date)}${predecessorSuffix(e)} with every area Expected standard or better and safeguarding met`;
	if (e.grade !== null) return ofstedClause(e, [`judged the school ${OFSTED_GRADE_LABELS[e.grade]}`]);
	const judged = decidingJudgements(e, () => true);
	return ofstedClause(e, judged.length > 0 ? [`judged ${list(judged)}`] : []);
}

/** An ungraded inspection and its outcome: `Ofsted's ungraded inspection on 3 February 2026 with the outcome "Some aspects not as strong"`. */
export function ungradedPhrase(e: OfstedUngradedEntry): string {
	return `${ofstedSource(e)} with the outcome "${e.outcome.trim()}"`;
}
