import type { Category } from '../analysis/categories';
import { gapPhrase, list, yearLabel } from '../analysis/format';
import { leadershipRiskWords } from '../analysis/rules';
import type { RuleId } from '../analysis/rule-catalogue';
import { isSigBelow, type Subject } from '../analysis/signals';
import { OFSTED_GRADE_LABELS, oeifGradeOf, type OeifJudgement, type OfstedEntry, type SoftIntelligenceEntry } from '../analysis/soft-intelligence';
import { inspectionLabel } from '../ofsted/describe';
import { num, pct, signed } from '../format';
import type { BrokerageSchool, Need } from './types';

/** The categories whose schools are offered a supporter. */
export const NEEDING_CATEGORIES: readonly Category[] = ['light_touch', 'focus', 'intensive'];

export const LEADERSHIP_AREA = 'Leadership and governance';

/**
 * An OEIF sub-judgement read as the report-card area that took its place, so an inspection under the
 * 2019 framework gives needs in the same terms as a report card. Leadership and management is leadership.
 */
const OEIF_AREAS: Partial<Record<OeifJudgement, string>> = {
	qualityOfEducation: 'Curriculum and teaching',
	behaviourAndAttitudes: 'Attendance and behaviour',
	personalDevelopment: 'Personal development and wellbeing',
	leadershipAndManagement: LEADERSHIP_AREA
};

/** Which needs each of the engine's rules speaks of (rule-catalogue.ts). P1 and P2 are strengths, not needs. */
const RULE_NEEDS: Record<RuleId, readonly ('attainment' | 'progress' | 'disadvantaged' | 'ofsted' | 'leadership')[]> = {
	I1: ['ofsted'],
	I2: ['attainment', 'progress'],
	I3: ['ofsted', 'attainment', 'leadership'],
	F1: ['ofsted'],
	F2: ['attainment'],
	F3: ['progress'],
	F4: ['attainment', 'leadership'],
	F5: ['attainment'],
	L1: ['attainment'],
	L2: ['progress'],
	L3: ['attainment'],
	L4: ['disadvantaged'],
	L5: ['leadership'],
	P1: [],
	P2: []
};

const SUBJECT_WORDS: Record<Subject, string> = { reading: 'reading', writing: 'writing', maths: 'maths' };

/** "Maths progress". */
export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The needs of a school in Light touch, Focus or Intensive support, from the rules that put it there,
 * in policy order (the deciding reason's needs first), each once. A school in any other category, or
 * one there only for reasons no other school's strengths answer (an open safeguarding or finance
 * concern, say), has none.
 */
export function needsOf(school: BrokerageSchool): Need[] {
	if (!NEEDING_CATEGORIES.includes(school.category)) return [];
	const needs = new Map<string, Need>();
	const add = (need: Need | null) => {
		if (need !== null && !needs.has(need.key)) needs.set(need.key, need);
	};
	for (const rule of school.firedRules) {
		for (const what of RULE_NEEDS[rule]) {
			if (what === 'attainment') add(attainmentNeed(school));
			else if (what === 'progress') progressNeeds(school).forEach(add);
			else if (what === 'disadvantaged') add(disadvantagedNeed(school));
			else if (what === 'ofsted') ofstedNeeds(school.ofsted).forEach(add);
			else add(leadershipRiskNeed(school.leadershipRisks));
		}
	}
	return [...needs.values()];
}

function need(fields: Omit<Need, 'words' | 'label'> & { label?: string }): Need {
	const label = fields.label ?? capitalise(fields.measure);
	return { ...fields, label, words: `${capitalise(fields.measure)} ${fields.state}` };
}

function attainmentNeed(school: BrokerageSchool): Need | null {
	const a = school.signals.attainment;
	if (!a) return null;
	const falling = school.signals.trend?.declining ? ', and falling' : '';
	const over = a.pooled ? 'over three years' : `in ${yearLabel(a.year)}`;
	return need({
		key: 'attainment',
		kind: 'attainment',
		subject: null,
		area: null,
		figure: a.gap,
		measure: 'RWM expected',
		state: `${gapPhrase(a.gap)} England (${pct(a.school)} ${over}${falling})`
	});
}

/** Each subject whose progress is significantly below average (DfE's "below" or "well below"). */
function progressNeeds(school: BrokerageSchool): Need[] {
	const p = school.signals.progress;
	if (!p) return [];
	return p.subjects
		.filter((s) => isSigBelow(s.status))
		.map((s) =>
			need({
				key: `progress:${s.subject}`,
				kind: 'progress',
				subject: s.subject,
				area: null,
				figure: s.score,
				measure: `${SUBJECT_WORDS[s.subject]} progress`,
				state: `${s.status === 'well_below' ? 'well below' : 'below'} average${s.score === null ? '' : ` (${signed(s.score)})`}`
			})
		);
}

function disadvantagedNeed(school: BrokerageSchool): Need | null {
	const d = school.signals.disadvantagedGap;
	if (!d) return null;
	return need({
		key: 'disadvantaged',
		kind: 'disadvantaged',
		subject: null,
		area: null,
		figure: d.gap,
		measure: 'disadvantaged gap',
		state: `${gapPhrase(d.gap)} England's other pupils (${pct(d.school)} of ${num(d.pupils ?? 0)} pupils)`
	});
}

/** Every area of the latest graded Ofsted outcome below Expected standard (or, under the 2019 framework, below Good). */
export function ofstedNeeds(ofsted: OfstedEntry | null): Need[] {
	if (ofsted === null) return [];
	const when = inspectionLabel(ofsted.type, ofsted.date);
	const below: { area: string; grade: string }[] = [];
	if (ofsted.type === 'ofsted_report_card') {
		for (const a of ofsted.areas) {
			if (a.grade === 'needs_attention' || a.grade === 'urgent_improvement') below.push({ area: a.area, grade: OFSTED_GRADE_LABELS[a.grade] });
		}
	} else {
		for (const [judgement, area] of Object.entries(OEIF_AREAS) as [OeifJudgement, string][]) {
			const n = ofsted.judgements?.[judgement] ?? null;
			if (n !== null && n >= 3) below.push({ area, grade: OFSTED_GRADE_LABELS[oeifGradeOf(n)] });
		}
	}
	return below.map(({ area, grade }) => areaNeed(area, `graded ${grade} (${when})`, null));
}

function areaNeed(area: string, state: string, figure: number | null): Need {
	if (isLeadershipArea(area)) return need({ key: 'leadership', kind: 'leadership', subject: null, area, figure, measure: 'leadership', state });
	return need({ key: `area:${area.toLowerCase()}`, kind: 'area', subject: null, area, figure, measure: area.toLowerCase(), label: area, state });
}

export function isLeadershipArea(area: string): boolean {
	return area.trim().toLowerCase().startsWith('leadership');
}

function leadershipRiskNeed(risks: readonly SoftIntelligenceEntry[]): Need | null {
	if (risks.length === 0) return null;
	const words = list(risks.map(leadershipRiskWords));
	return need({
		key: 'leadership',
		kind: 'leadership',
		subject: null,
		area: null,
		figure: null,
		measure: 'leadership',
		state: `at risk (${words})`
	});
}
