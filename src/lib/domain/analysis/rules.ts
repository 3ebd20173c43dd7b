import type { PolicyThresholds } from './policy';
import type { RuleId } from './rule-catalogue';
import { isPersistentlyBelow, isSigBelow, type AttainmentSignal, type ProgressSignal, type Signals, type SubjectProgress, type TrendSignal } from './signals';
import { SOFT_INTELLIGENCE_LABELS, type SoftIntelligenceEntry, type SoftSummary } from './soft-intelligence';
import { goodOutcomePhrase, inadequateVerbs, ofstedClause, requiresImprovementVerbs, ungradedPhrase } from './ofsted-phrases';
import { gapPhrase, list, points, pupilsPhrase, yearLabel } from './format';
import { qualityMarkCapacityPhrase, type QualityMarkAward } from './quality-mark-capacity';
import { longDate, num, pct, signed } from '../format';

export interface RuleContext {
	signals: Signals;
	soft: SoftSummary;
	t: PolicyThresholds;
	/** Quality Marks the school holds on the analysis date (see currentQualityMarks). */
	qualityMarks: readonly QualityMarkAward[];
}

/**
 * Each rule returns the sentence that explains it when it fires, or null. The sentence carries
 * the numbers, so an adviser can read it out to a headteacher as it stands.
 */
export const RULES: Record<RuleId, (ctx: RuleContext) => string | null> = {
	I1({ soft }) {
		const parts: string[] = [];
		if (soft.standing === 'inadequate' && soft.ofsted) parts.push(ofstedClause(soft.ofsted, inadequateVerbs(soft.ofsted)));
		if (soft.safeguarding.length > 0) parts.push(openEntriesPhrase(soft.safeguarding));
		return parts.length > 0 ? sentence(parts.join('; ')) : null;
	},
	I2({ signals, t }) {
		const a = signals.attainment;
		if (!a || a.band !== 'well_below') return null;
		const because: string[] = [];
		if (isPersistentlyBelow(signals.persistence, t)) because.push(persistencePhrase(signals, t));
		const p = signals.progress;
		if (p && p.sigBelow >= t.progressSigBelowCount) because.push(progressPhrase(p, isSigBelow, 'significantly below'));
		return because.length > 0 ? sentence(`${attainmentPhrase(a)}; ${because.join('; and ')}`) : null;
	},
	I3({ signals, soft, t }) {
		const a = signals.attainment;
		if (soft.standing !== 'requires_improvement' || !soft.ofsted || !a || a.gap > t.belowGap) return null;
		const because: string[] = [];
		if (signals.trend?.declining) because.push(trendPhrase(signals.trend));
		if (soft.leadershipRisks.length > 0) because.push(leadershipPhrase(soft.leadershipRisks));
		if (because.length === 0) return null;
		return sentence(`${ofstedClause(soft.ofsted, requiresImprovementVerbs(soft.ofsted))}; ${attainmentPhrase(a)}; and ${list(because)}`);
	},
	F1({ soft }) {
		return soft.standing === 'requires_improvement' && soft.ofsted ? sentence(ofstedClause(soft.ofsted, requiresImprovementVerbs(soft.ofsted))) : null;
	},
	F2({ signals, t }) {
		return isPersistentlyBelow(signals.persistence, t) ? sentence(persistencePhrase(signals, t)) : null;
	},
	F3({ signals, t }) {
		const p = signals.progress;
		return p && p.wellBelow >= t.progressWellBelowCount ? sentence(progressPhrase(p, (s) => s === 'well_below', 'well below')) : null;
	},
	F4({ signals, soft }) {
		if (!signals.trend?.declining || soft.leadershipRisks.length === 0) return null;
		return sentence(`${trendPhrase(signals.trend)}; and ${leadershipPhrase(soft.leadershipRisks)}`);
	},
	F5({ signals }) {
		const a = signals.attainment;
		return a && a.band === 'well_below' ? sentence(attainmentPhrase(a)) : null;
	},
	L1({ signals, t }) {
		const a = signals.attainment;
		return a && a.gap <= t.belowGap ? sentence(attainmentPhrase(a)) : null;
	},
	L2({ signals, t }) {
		const p = signals.progress;
		if (!p) return null;
		if (p.wellBelow >= 1) return sentence(progressPhrase(p, (s) => s === 'well_below', 'well below'));
		if (p.sigBelow >= t.progressSigBelowCount) return sentence(progressPhrase(p, isSigBelow, 'significantly below'));
		return null;
	},
	L3({ signals }) {
		return signals.trend?.declining ? sentence(trendPhrase(signals.trend)) : null;
	},
	L4({ signals }) {
		const d = signals.disadvantagedGap;
		if (!d?.flagged) return null;
		return sentence(
			`Disadvantaged pupils: ${pct(d.school)} met the expected standard in RWM in ${yearLabel(d.year)}, ` +
				`${gapPhrase(d.gap)} England's other pupils (${pct(d.englandOther)}), in a group of ${num(d.pupils ?? 0)} disadvantaged pupils`
		);
	},
	L5({ soft }) {
		const parts: string[] = [];
		if (soft.openConcerns.length > 0) parts.push(`Open concerns: ${list(soft.openConcerns.map(entryPhrase))}`);
		if (soft.selfReferrals.length > 0)
			parts.push(`the school asked for support (self-referral of ${longDate(soft.selfReferrals[soft.selfReferrals.length - 1].date)})`);
		return parts.length > 0 ? sentence(parts.join('; ')) : null;
	},
	P1({ signals, soft, t }) {
		const a = signals.attainment;
		const high = signals.rwmHigh;
		const p = signals.progress;
		if (!a || !signals.sustainedWellAbove?.met || !high?.atOrAbove || (p && p.sigBelow > 0)) return null;
		if (soft.standing !== 'good_or_better' && soft.standing !== 'none') return null;
		if (soft.openConcerns.length > 0) return null;
		const parts = [
			sustainedPhrase(signals, t),
			`RWM high ${pct(high.school)} against England's ${pct(high.england)}${high.pooled ? ' over three years' : ''}`,
			p && p.published ? 'no progress measure significantly below average' : `no progress scores for ${yearLabel(a.year)}`,
			soft.ofsted ? goodOutcomePhrase(soft.ofsted) : 'no Ofsted outcome recorded',
			'no open concerns'
		];
		return sentence(parts.join('; '));
	},
	P2({ qualityMarks }) {
		return qualityMarks.length > 0 ? sentence(qualityMarkCapacityPhrase(qualityMarks)) : null;
	}
};

// ---------------------------------------------------------------- phrases

function sentence(text: string): string {
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** "RWM expected 48%, 17 points below England (65%) in 2018/19, about 9 pupils in a cohort of 52". */
export function attainmentPhrase(a: AttainmentSignal): string {
	const versus = `${gapPhrase(a.gap)} England (${pct(a.england)})`;
	if (a.pooled === null) {
		const short = a.pupils !== null && a.cohort !== null && a.gap < 0;
		const pupils = short ? `, ${pupilsPhrase(a.pupils as number)} short of England's rate in a cohort of ${num(a.cohort as number)}` : '';
		return `RWM expected ${pct(a.school)}, ${versus} in ${yearLabel(a.year)}${pupils}`;
	}
	const over = a.pooled.source === 'published_3yr' ? `the three years to ${yearLabel(a.year)}` : list(a.pooled.years.slice().reverse().map(yearLabel));
	const pooledPupils = a.pooled.pupils !== null ? ` (${num(a.pooled.pupils)} pupils)` : '';
	return `RWM expected ${pct(a.school)} over ${over}${pooledPupils}, ${versus}; pooled because the latest cohort of ${num(a.cohort ?? 0)} is small`;
}

function persistencePhrase(signals: Signals, t: PolicyThresholds): string {
	const p = signals.persistence;
	if (!p) return '';
	const years = signals.dataYears
		.filter((d) => p.belowYears.includes(d.year))
		.reverse()
		.map((d) => `${yearLabel(d.year)} (${gapPhrase(d.gap)})`);
	return `RWM expected ${points(t.belowGap)} or more below England in ${p.belowYears.length} of the last ${p.of} data years: ${list(years)}`;
}

function progressPhrase(p: ProgressSignal, pick: (s: SubjectProgress['status']) => boolean, words: string): string {
	const subjects = p.subjects.filter((s) => pick(s.status)).map((s) => (s.score === null ? s.subject : `${s.subject} (${signed(s.score)})`));
	return `progress ${words} average in ${list(subjects)} in ${yearLabel(p.year)}`;
}

function trendPhrase(trend: TrendSignal): string {
	const first = trend.gaps[0];
	const last = trend.gaps[trend.gaps.length - 1];
	if (trend.reason === 'total_drop') {
		const from = `${gapPhrase(first.gap)} England in ${yearLabel(first.year)}`;
		return `RWM expected went from ${from} to ${gapPhrase(last.gap)} in ${yearLabel(last.year)}, a fall of ${points(trend.change)}`;
	}
	const recent = trend.gaps.slice(-3).map((g) => `${gapPhrase(g.gap)} in ${yearLabel(g.year)}`);
	return `RWM expected fell against England at each of the last two steps: ${list(recent)}`;
}

function sustainedPhrase(signals: Signals, t: PolicyThresholds): string {
	const a = signals.attainment as AttainmentSignal;
	if (signals.sustainedWellAbove?.pooled) return attainmentPhrase(a);
	const years = signals.dataYears
		.slice()
		.reverse()
		.map((d) => `${yearLabel(d.year)} (${pct(d.school)}, ${gapPhrase(d.gap)})`);
	return `RWM expected ${points(t.wellAboveGap)} or more above England in each of ${list(years)}`;
}

function entryPhrase(e: SoftIntelligenceEntry): string {
	if (e.type === 'ofsted_ungraded') return ungradedPhrase(e);
	return `${SOFT_INTELLIGENCE_LABELS[e.type].toLowerCase()} since ${longDate(e.date)}`;
}

function openEntriesPhrase(entries: SoftIntelligenceEntry[]): string {
	const what = SOFT_INTELLIGENCE_LABELS[entries[0].type].toLowerCase();
	const when = longDate(entries[0].date);
	if (entries.length === 1) return `an open ${what}, recorded on ${when}`;
	return `${entries.length} open ${what}s, the first recorded on ${when}`;
}

function leadershipPhrase(risks: SoftIntelligenceEntry[]): string {
	return `leadership risk: ${list(risks.map(leadershipRiskWords))}`;
}

/** One leadership risk: "a new headteacher since 1 September 2025", "interim leadership since ...", "a governance concern since ...". */
export function leadershipRiskWords(e: SoftIntelligenceEntry): string {
	if (e.type === 'new_head') return `a new headteacher since ${longDate(e.date)}`;
	if (e.type === 'interim_leadership') return `interim leadership since ${longDate(e.date)}`;
	return `a governance concern since ${longDate(e.date)}`;
}
