import type { Category } from '../analysis/categories';
import { gapPhrase, list, yearLabel } from '../analysis/format';
import { interventionStatus, STATUS_LABELS } from '../analysis/intervention';
import { inadequateVerbs, ofstedClause, requiresImprovementVerbs, ungradedPhrase } from '../analysis/ofsted-phrases';
import {
	latestOfsted,
	leadershipRisks,
	OFSTED_GRADE_LABELS,
	ofstedStanding,
	openConcerns,
	SOFT_INTELLIGENCE_LABELS,
	type SoftIntelligenceEntry
} from '../analysis/soft-intelligence';
import { SUBJECTS } from '../analysis/signals';
import { inspectionLabel } from '../ofsted/describe';
import { longDate, num, pct, signed } from '../format';
import { capitalise, isLeadershipArea } from './needs';
import { leadershipRiskWords } from '../analysis/rules';
import type { BrokerageSchool, Strength } from './types';

/** A disadvantaged gap this small (points below England's other pupils, or above them) is a strength. */
export const SMALL_DISADVANTAGED_GAP = -10;
/** ...in a group of at least this many disadvantaged pupils (the policy's default for the gap to count). */
export const DISADVANTAGED_MIN_PUPILS = 10;

/** The Quality Marks that meet needs: Basic Skills meets English and maths, Professional Development meets leadership. */
const QUALITY_MARK_MEETS: Record<string, readonly string[]> = {
	basic_skills: ['attainment', ...SUBJECTS.map((s) => `progress:${s}`)],
	professional_development: ['leadership']
};

/**
 * What a possible supporter is strong in, from its data and records: progress well above average in
 * a subject, attainment well above England, a small disadvantaged gap, Strong standard or Exceptional in a
 * report-card area, or a current Basic Skills or Professional Development Quality Mark.
 */
export function strengthsOf(school: BrokerageSchool): Strength[] {
	const strengths: Strength[] = [];
	const { attainment: a, progress: p, disadvantagedGap: d } = school.signals;
	for (const s of p?.subjects ?? []) {
		if (s.status !== 'well_above') continue;
		const score = s.score === null ? '' : ` (${signed(s.score)})`;
		strengths.push({ kind: 'progress', meets: [`progress:${s.subject}`], words: `${capitalise(s.subject)} progress well above average${score}` });
	}
	if (a && a.band === 'well_above') {
		const over = a.pooled ? 'over three years' : `in ${yearLabel(a.year)}`;
		strengths.push({ kind: 'attainment', meets: ['attainment'], words: `RWM expected ${gapPhrase(a.gap)} England (${pct(a.school)} ${over})` });
	}
	if (d && d.gap >= SMALL_DISADVANTAGED_GAP && d.pupils !== null && d.pupils >= DISADVANTAGED_MIN_PUPILS) {
		strengths.push({
			kind: 'disadvantaged',
			meets: ['disadvantaged'],
			words: `Disadvantaged gap ${gapPhrase(d.gap)} England's other pupils (${pct(d.school)} of ${num(d.pupils)} pupils)`
		});
	}
	const o = school.ofsted;
	if (o?.type === 'ofsted_report_card') {
		for (const area of o.areas) {
			if (area.grade !== 'strong_standard' && area.grade !== 'exceptional') continue;
			const leadership = isLeadershipArea(area.area);
			strengths.push({
				kind: leadership ? 'leadership' : 'area',
				meets: [leadership ? 'leadership' : `area:${area.area.toLowerCase()}`],
				words: `${area.area} graded ${OFSTED_GRADE_LABELS[area.grade]} (${inspectionLabel(o.type, o.date)})`
			});
		}
	}
	for (const qm of school.qualityMarks) {
		const meets = QUALITY_MARK_MEETS[qm.key];
		if (meets) strengths.push({ kind: 'quality_mark', meets, words: `Holds the ${qm.name} (current until ${longDate(qm.expiryDate)})` });
	}
	return strengths;
}

/** The strength that meets a need, the first in `strengthsOf` order (data before records), or null. */
export function strengthFor(strengths: readonly Strength[], needKey: string): Strength | null {
	return strengths.find((s) => s.meets.includes(needKey)) ?? null;
}

/** Whether a school's category lets it support at all under these settings. */
export function maySupport(category: Category, supportingCategories: readonly Category[]): boolean {
	return supportingCategories.includes(category);
}

/**
 * Why a school may not lead support for others on `asOf`, or null when nothing stands in the way: a
 * DfE intervention status, an open concern in the register (including an ungraded inspection that
 * says the school may not remain Good), a leadership risk (a new or interim headteacher, or a
 * governance concern), or a latest Ofsted outcome below Good. A school working through its own
 * difficulties is not asked to carry another's.
 */
export function supportBar(entries: readonly SoftIntelligenceEntry[], asOf: string, newHeadMonths: number): string | null {
	if (entries.length === 0) return null;
	const parts: string[] = [];
	const status = interventionStatus(entries, asOf);
	if (status) parts.push(`DfE intervention status ${STATUS_LABELS[status.status]}`);
	const latest = latestOfsted(entries, asOf);
	const standing = ofstedStanding(latest);
	if (!status && latest && (standing === 'inadequate' || standing === 'requires_improvement')) {
		parts.push(ofstedClause(latest, standing === 'inadequate' ? inadequateVerbs(latest) : requiresImprovementVerbs(latest)));
	}
	const concerns = openConcerns(entries, asOf);
	if (concerns.length > 0) parts.push(`open concerns: ${list(concerns.map(concernPhrase))}`);
	const risks = leadershipRisks(entries, asOf, newHeadMonths).filter((e) => !concerns.includes(e));
	if (risks.length > 0) parts.push(`leadership risk: ${list(risks.map(concernPhrase))}`);
	return parts.length > 0 ? capitalise(parts.join('; ')) : null;
}

function concernPhrase(e: SoftIntelligenceEntry): string {
	if (e.type === 'ofsted_ungraded') return ungradedPhrase(e);
	if (e.type === 'new_head') return leadershipRiskWords(e);
	return `${SOFT_INTELLIGENCE_LABELS[e.type].toLowerCase()} since ${longDate(e.date)}`;
}
