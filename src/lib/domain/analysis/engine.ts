import type { Ks2Comparator, Ks2SchoolYear } from '../ks2/types';
import { CATEGORY_LABELS, categoryRank, isHighSupport, type Category } from './categories';
import { list, yearLabel } from './format';
import type { Policy, PolicyThresholds } from './policy';
import { RULE_DEFINITIONS, type RuleBasis, type RuleId } from './rule-catalogue';
import { RULES, attainmentPhrase } from './rules';
import { currentQualityMarks, type QualityMarkAward } from './quality-mark-capacity';
import { computeSignals, type NoKs2Reason, type SchoolInfo, type Signals } from './signals';
import { summariseSoftIntelligence, type SoftIntelligenceEntry, type SoftSummary } from './soft-intelligence';
import { indexComparators, type ComparatorIndex, type SkippedYearReason, type YearWindow } from './years';

export type { SchoolInfo } from './signals';

export interface CategoriseInput {
	school: SchoolInfo;
	/** The school's KS2 rows; any years, in any order. Only the lookback window is used. */
	years: readonly Ks2SchoolYear[];
	/** England rows (RECTYPE 4 and 5) for the same years; LA rows are ignored. Share one array across schools. */
	comparators: readonly Ks2Comparator[];
	softIntelligence: readonly SoftIntelligenceEntry[];
	/** yyyy-mm-dd: the register is read as it stood on this day. */
	asOf: string;
	/** Analysis year, as the summer of the tests: 2019 for 2018/19. */
	year: number;
	/** Last year's agreed category, if any: a school already on Focus is not "moving up" to Focus. */
	previousCategory?: Category | null;
	/** The school's Quality Mark awards, current or not; rule P2 reads those held on `asOf`. */
	qualityMarks?: readonly QualityMarkAward[];
}

export type Confidence = 'high' | 'medium' | 'low';

export interface FiredRule {
	id: RuleId;
	category: Category;
	sentence: string;
	basis: RuleBasis;
}

export interface Evidence {
	policy: { id: string; version: number };
	/** The latest row in the lookback (it may have no RWM figure) and the years that were passed over. */
	latestRowYear: number | null;
	skippedYears: { year: number; reason: SkippedYearReason; code: string | null }[];
	/** Years compared with England (all schools) because the state-funded row had no figure. */
	allSchoolsComparatorYears: number[];
	softIntelligence: {
		latestOfstedId: string | null;
		openConcernIds: string[];
		leadershipRiskIds: string[];
		selfReferralIds: string[];
	};
}

export interface CategoriseResult {
	urn: number;
	name: string;
	year: number;
	category: Category;
	/** The first rule in policy order that fired; null when the school is Secure because nothing fired. */
	decidingRule: RuleId | null;
	/** Every enabled rule that fired, in policy order; the first decided. */
	firedRules: FiredRule[];
	/** One sentence for lists and CSV: the category and its main reason. */
	summary: string;
	signals: Signals;
	confidence: Confidence;
	confidenceReasons: string[];
	needsConfirmation: boolean;
	confirmationReason: string | null;
	evidence: Evidence;
}

// Every school in a run shares one comparators array, so the index is built once per array.
const indexCache = new WeakMap<readonly Ks2Comparator[], ComparatorIndex>();

function comparatorIndex(comparators: readonly Ks2Comparator[]): ComparatorIndex {
	let index = indexCache.get(comparators);
	if (!index) indexCache.set(comparators, (index = indexComparators(comparators)));
	return index;
}

/**
 * Proposes a support category for one school (docs/categories.md). Pure: the same input and
 * policy always give the same result. The policy is assumed valid (see `validatePolicy`).
 */
export function categorise(input: CategoriseInput, policy: Policy): CategoriseResult {
	const t = policy.thresholds;
	const urn = input.school.urn;
	// A row for another URN is a caller's mistake; never judge a school on another school's results.
	let rows = input.years;
	for (const r of input.years) {
		if (r.urn === urn) continue;
		rows = input.years.filter((y) => y.urn === urn);
		break;
	}
	const { signals, window } = computeSignals(input.school, rows, comparatorIndex(input.comparators), input.year, t);
	const soft = summariseSoftIntelligence(input.softIntelligence, input.asOf, t.newHeadMonths);

	const firedRules: FiredRule[] = [];
	const context = { signals, soft, t, qualityMarks: currentQualityMarks(input.qualityMarks ?? [], input.asOf) };
	for (const rule of policy.rules) {
		if (!rule.enabled) continue;
		const text = RULES[rule.id](context);
		if (text !== null) firedRules.push({ id: rule.id, category: rule.category, sentence: text, basis: RULE_DEFINITIONS[rule.id].basis });
	}
	const decider = firedRules[0] ?? null;
	const category: Category = decider?.category ?? 'secure';

	const { confidence, reasons } = confidenceOf(signals, input.year, t);
	const confirmationReason = confirmation(category, firedRules, confidence, reasons, signals.noKs2Data, input.previousCategory ?? null);

	return {
		urn: input.school.urn,
		name: input.school.name,
		year: input.year,
		category,
		decidingRule: decider?.id ?? null,
		firedRules,
		summary: summaryOf(category, decider, signals),
		signals,
		confidence,
		confidenceReasons: reasons,
		needsConfirmation: confirmationReason !== null,
		confirmationReason,
		evidence: evidenceOf(policy, window, soft)
	};
}

export function categoriseAll(inputs: readonly CategoriseInput[], policy: Policy): CategoriseResult[] {
	return inputs.map((input) => categorise(input, policy));
}

const NO_DATA_WORDS: Record<NoKs2Reason, string> = {
	infant_school: 'the school has no Year 6 (infant or first school)',
	special_school: 'special school results are not compared with England',
	new_school: 'the school is new and has no results yet',
	no_eligible_pupils: 'the school had no pupils at the end of KS2',
	no_results: 'no usable KS2 results in the years looked at'
};

/**
 * low: no KS2 data, a small cohort, or only one data year (docs/categories.md, Confidence).
 * medium: fewer data years than the policy asks for, the newest results are older than the
 * analysis year (the school had no published figure this year), or the cohort size is unknown.
 * high: everything else. Years without progress scores do not lower confidence: they are national,
 * and the policy is designed to run on attainment alone.
 */
function confidenceOf(signals: Signals, year: number, t: PolicyThresholds): { confidence: Confidence; reasons: string[] } {
	if (signals.noKs2Data) return { confidence: 'low', reasons: [`Not judged on KS2 results: ${NO_DATA_WORDS[signals.noKs2Data]}`] };
	const low: string[] = [];
	const medium: string[] = [];
	const small = signals.smallCohort;
	if (small) low.push(`Small cohort: ${small.cohort} pupils in the latest year`);
	const n = signals.dataYears.length;
	const years = list(signals.dataYears.map((d) => yearLabel(d.year)).reverse());
	if (n === 0) low.push('No single year of data; pooled figure only');
	else if (n === 1) low.push(`Only one year of data (${years})`);
	else if (n < t.dataYears) medium.push(`Only ${n} years of data (${years})`);
	const newest = signals.attainment?.year ?? null;
	if (newest !== null && newest !== year) medium.push(`The latest results are from ${yearLabel(newest)}, not ${yearLabel(year)}`);
	// An EES performance data set has no pupil numbers: without its school information data set a small cohort cannot be ruled out.
	if (signals.attainment !== null && signals.attainment.cohort === null)
		medium.push(`Cohort size unknown for ${yearLabel(signals.attainment.year)}: the pupil numbers were not imported, so a small cohort cannot be ruled out`);
	if (low.length > 0) return { confidence: 'low', reasons: [...low, ...medium] };
	if (medium.length > 0) return { confidence: 'medium', reasons: medium };
	return { confidence: 'high', reasons: [] };
}

/**
 * An adviser must confirm (a) every school with no KS2 data, which is judged on soft intelligence,
 * and (b) a move up to Focus or Intensive made on data alone at low confidence. "On data alone"
 * means no rule that fired at the proposed category reads the soft-intelligence register.
 * "Up" is against last year's agreed category when known; without it every such proposal counts.
 */
function confirmation(
	category: Category,
	fired: FiredRule[],
	confidence: Confidence,
	reasons: string[],
	noData: NoKs2Reason | null,
	previous: Category | null
): string | null {
	if (noData) return `Not judged on KS2 results (${NO_DATA_WORDS[noData]}): an adviser must judge this school on what they know`;
	if (!isHighSupport(category) || confidence !== 'low') return null;
	if (previous !== null && categoryRank(category) <= categoryRank(previous)) return null;
	const dataAlone = fired.every((r) => r.category !== category || r.basis === 'data');
	if (!dataAlone) return null;
	const why = reasons.join('; ').toLowerCase();
	return `${CATEGORY_LABELS[category]} proposed on data alone at low confidence (${why}): an adviser must confirm it`;
}

function summaryOf(category: Category, decider: FiredRule | null, signals: Signals): string {
	if (decider) return `${CATEGORY_LABELS[category]} (${decider.id}): ${decider.sentence}`;
	if (signals.noKs2Data)
		return `${CATEGORY_LABELS[category]}: not judged on KS2 results (${NO_DATA_WORDS[signals.noKs2Data]}), and nothing recorded calls for more support.`;
	const a = signals.attainment;
	const data = a ? ` ${attainmentPhrase(a)}.` : '';
	return `${CATEGORY_LABELS[category]}: no rule called for more support.${data}`;
}

function evidenceOf(policy: Policy, window: YearWindow, soft: SoftSummary): Evidence {
	return {
		policy: { id: policy.id, version: policy.version },
		latestRowYear: window.latestRow?.year ?? null,
		skippedYears: window.skipped,
		allSchoolsComparatorYears: window.dataYears.filter((d) => d.comparator === 'england_all').map((d) => d.year),
		softIntelligence: {
			latestOfstedId: soft.ofsted?.id ?? null,
			openConcernIds: soft.openConcerns.map((e) => e.id),
			leadershipRiskIds: soft.leadershipRisks.map((e) => e.id),
			selfReferralIds: soft.selfReferrals.map((e) => e.id)
		}
	};
}
