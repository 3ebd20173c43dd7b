/**
 * DfE's intervention status (docs/ofsted.md, DfE intervention status): shown beside the
 * LA's support category, filterable, and never changing it. Pure: read from the register as it
 * stood on a date.
 */
import { inadequateVerbs, ofstedClause, requiresImprovementVerbs } from './ofsted-phrases';
import {
	latestOfsted,
	ofstedFields,
	ofstedStanding,
	previousGradedOfsted,
	type OfstedEntry,
	type OfstedReportCardEntry,
	type SoftIntelligenceEntry
} from './soft-intelligence';

export const INTERVENTION_STATUSES = ['special_measures', 'requires_significant_improvement', 'rise_targeted'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

export const STATUS_LABELS: Record<InterventionStatus, string> = {
	special_measures: 'Special measures',
	requires_significant_improvement: 'Requires significant improvement',
	rise_targeted: 'Eligible for RISE targeted intervention'
};

export interface Intervention {
	status: InterventionStatus;
	/** The inspections it rests on, each with its kind, the grades that matter and its date. */
	sentence: string;
	/** Ids of the register entries it rests on, latest first. */
	restsOn: string[];
}

/**
 * - Special measures / requires significant improvement: the category of concern on the latest
 *   graded outcome (serious weaknesses counts as requires significant improvement). Without one, a
 *   report card with Urgent improvement in any area or safeguarding not met: special measures when
 *   leadership and governance is Urgent improvement, otherwise requires significant improvement.
 *   A recorded category is Ofsted's own decision, so it wins over what the grades would suggest.
 * - Eligible for RISE targeted intervention ("stuck"): the latest graded outcome is Requires
 *   improvement (an OEIF inspection with no overall grade counts when quality of education or
 *   leadership and management is 3), or a report card with leadership and governance Needs
 *   attention; AND the graded outcome before it was below Good: Requires improvement or Inadequate,
 *   or on a report card any area Needs attention or worse, or safeguarding not met.
 * Otherwise null.
 */
export function interventionStatus(entries: readonly SoftIntelligenceEntry[], asOf: string): Intervention | null {
	const latest = latestOfsted(entries, asOf);
	if (latest === null) return null;

	const category = ofstedFields(latest).categoryOfConcern;
	if (category !== null) {
		return rests(category === 'special_measures' ? 'special_measures' : 'requires_significant_improvement', [latest], [inadequateVerbs(latest)]);
	}
	if (latest.type === 'ofsted_report_card' && (!latest.safeguardingMet || latest.areas.some((a) => a.grade === 'urgent_improvement'))) {
		const leadershipUrgent = leadershipAreas(latest).some((a) => a.grade === 'urgent_improvement');
		return rests(leadershipUrgent ? 'special_measures' : 'requires_significant_improvement', [latest], [inadequateVerbs(latest)]);
	}

	const stuckVerbs = latestStuckVerbs(latest);
	if (stuckVerbs === null) return null;
	const previous = previousGradedOfsted(entries, latest, asOf);
	if (previous === null) return null;
	const before = ofstedStanding(previous);
	if (before !== 'requires_improvement' && before !== 'inadequate') return null;
	const previousVerbs = before === 'inadequate' ? inadequateVerbs(previous) : requiresImprovementVerbs(previous);
	return rests('rise_targeted', [latest, previous], [stuckVerbs, previousVerbs]);
}

/** The latest graded outcome's part of a RISE "stuck" test, or null when it is not Requires improvement. */
function latestStuckVerbs(latest: OfstedEntry): string[] | null {
	if (latest.type === 'ofsted_legacy') {
		return ofstedStanding(latest) === 'requires_improvement' ? requiresImprovementVerbs(latest) : null;
	}
	const leadership = leadershipAreas(latest).filter((a) => a.grade === 'needs_attention');
	return leadership.length > 0 ? [`graded ${leadership[0].area} as Needs attention`] : null;
}

function leadershipAreas(card: OfstedReportCardEntry) {
	return card.areas.filter((a) => a.area.trim().toLowerCase().startsWith('leadership'));
}

function rests(status: InterventionStatus, inspections: OfstedEntry[], verbs: string[][]): Intervention {
	const clauses = inspections.map((e, i) => ofstedClause(e, verbs[i]));
	const text = clauses.length === 1 ? clauses[0] : `${clauses[0]}, and before that ${clauses.slice(1).join(', and before that ')}`;
	return { status, sentence: `${text}.`, restsOn: inspections.map((e) => e.id) };
}
