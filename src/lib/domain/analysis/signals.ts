import type { Ks2SchoolYear } from '../ks2/types';
import type { PolicyThresholds } from './policy';
import { englandFigure, roundPoints, selectYears, type ComparatorIndex, type EnglandKind, type YearGap, type YearWindow } from './years';

/*
 * The signals of docs/categories.md, one pure function each. They take numbers that are already
 * known to be numbers: a suppressed figure is null and stays out of every calculation.
 */

// ---------------------------------------------------------------- attainment band

export type AttainmentBand = 'well_below' | 'below' | 'in_line' | 'well_above';

/** well below `g <= -20`, below `-20 < g <= -10`, in line `-10 < g < 10`, well above `g >= 10` (defaults). */
export function attainmentBand(gap: number, t: PolicyThresholds): AttainmentBand {
	if (gap <= t.wellBelowGap) return 'well_below';
	if (gap <= t.belowGap) return 'below';
	if (gap >= t.wellAboveGap) return 'well_above';
	return 'in_line';
}

/** "Below" in the rules (L1, I3, persistence) includes well below. */
export function isBelow(gap: number, t: PolicyThresholds): boolean {
	return gap <= t.belowGap;
}

/** The gap expressed as pupils: `g * TELIG / 100`. Negative means pupils short of England's rate. */
export function pupilEquivalent(gap: number, cohort: number | null): number | null {
	return cohort === null ? null : roundPoints((gap * cohort) / 100);
}

export interface AttainmentSignal {
	/** The latest data year, or for a pooled figure the last year it covers. */
	year: number;
	school: number;
	england: number;
	gap: number;
	band: AttainmentBand;
	cohort: number | null;
	pupils: number | null;
	/** Set when a small cohort was judged on its pooled three-year figure. */
	pooled: PooledFigure | null;
}

export function attainment(window: YearWindow, small: SmallCohortSignal | null, t: PolicyThresholds): AttainmentSignal | null {
	const pooled = small?.pooled ?? null;
	if (pooled !== null) {
		const cohort = window.latestRow?.cohort ?? null;
		const year = window.latestRow?.year ?? pooled.years[0];
		const { school, england, gap } = pooled;
		return { year, school, england, gap, band: attainmentBand(gap, t), cohort, pupils: pupilEquivalent(gap, cohort), pooled };
	}
	const latest = window.dataYears[0];
	if (!latest) return null;
	return {
		year: latest.year,
		school: latest.school,
		england: latest.england,
		gap: latest.gap,
		band: attainmentBand(latest.gap, t),
		cohort: latest.cohort,
		pupils: pupilEquivalent(latest.gap, latest.cohort),
		pooled: null
	};
}

// ---------------------------------------------------------------- persistence

export interface PersistenceSignal {
	/** Data years with `g <= belowGap`, newest first. */
	belowYears: number[];
	/** How many data years were looked at (up to `dataYears`). */
	of: number;
}

export function persistence(dataYears: readonly YearGap[], t: PolicyThresholds): PersistenceSignal | null {
	if (dataYears.length === 0) return null;
	return { belowYears: dataYears.filter((d) => isBelow(d.gap, t)).map((d) => d.year), of: dataYears.length };
}

export function isPersistentlyBelow(p: PersistenceSignal | null, t: PolicyThresholds): boolean {
	return p !== null && p.belowYears.length >= t.persistenceCount;
}

// ---------------------------------------------------------------- trend

export interface TrendSignal {
	declining: boolean;
	/** 'total_drop': g(latest) - g(oldest) <= trendTotalDrop; 'each_step': fell at both of the last two steps and now below 0. */
	reason: 'total_drop' | 'each_step' | null;
	/** g(latest) - g(oldest data year used). */
	change: number;
	/** The last two steps, older first: [g(2nd latest) - g(3rd latest), g(latest) - g(2nd latest)]. */
	steps: [number, number];
	/** The gaps the trend was read from, oldest first. */
	gaps: { year: number; gap: number }[];
}

/** Needs three data years; with fewer there is no trend to speak of, and null says so. */
export function trend(dataYears: readonly YearGap[], t: PolicyThresholds): TrendSignal | null {
	if (dataYears.length < 3) return null;
	const [latest, second, third] = dataYears;
	const oldest = dataYears[dataYears.length - 1];
	const change = roundPoints(latest.gap - oldest.gap);
	const steps: [number, number] = [roundPoints(second.gap - third.gap), roundPoints(latest.gap - second.gap)];
	const totalDrop = change <= t.trendTotalDrop;
	const eachStep = steps[0] <= t.trendStepDrop && steps[1] <= t.trendStepDrop && latest.gap < 0;
	return {
		declining: totalDrop || eachStep,
		reason: totalDrop ? 'total_drop' : eachStep ? 'each_step' : null,
		change,
		steps,
		gaps: dataYears.map((d) => ({ year: d.year, gap: d.gap })).reverse()
	};
}

// ---------------------------------------------------------------- progress

export const SUBJECTS = ['reading', 'writing', 'maths'] as const;
export type Subject = (typeof SUBJECTS)[number];

export type ProgressBand = 'well_above' | 'above' | 'average' | 'below' | 'well_below';

export interface SubjectProgress {
	subject: Subject;
	/** 'not_published' in years with no progress scores (2023/24, 2024/25) or when suppressed. */
	status: ProgressBand | 'not_published' | 'low_coverage';
	score: number | null;
	lower: number | null;
	upper: number | null;
	/** Where the band came from: DfE's `*_DESCR`, or worked out from the confidence limits. */
	source: 'dfe_band' | 'confidence_limits' | null;
}

const DFE_BANDS: Record<number, ProgressBand> = { 1: 'well_above', 2: 'above', 3: 'average', 4: 'below', 5: 'well_below' };

/** Significantly below (DfE "below" or "well below") is what I2 and L2 count. */
export function isSigBelow(status: SubjectProgress['status']): boolean {
	return status === 'below' || status === 'well_below';
}

/**
 * One subject's progress band. DfE's band when published; otherwise significantly below when the
 * upper limit is under 0, and well below when also at or under -3 (reading, maths) or -3.5 (writing).
 * Above and well above mirror that. LOWCOV (under half the pupils covered) is ignored.
 */
export function subjectProgress(row: Ks2SchoolYear, subject: Subject, t: PolicyThresholds): SubjectProgress {
	// Plain property reads per subject: a field name held in a variable makes every read a slow keyed lookup.
	const c = row.codes;
	if (subject === 'reading')
		return progressBand(
			subject,
			row.readProgress,
			row.readProgressLower,
			row.readProgressUpper,
			row.readProgressBand,
			lowCoverage(c.readCoverage, c.readProgress, c.readProgressBand),
			t.progressWellBelowReadMaths
		);
	if (subject === 'writing')
		return progressBand(
			subject,
			row.writProgress,
			row.writProgressLower,
			row.writProgressUpper,
			row.writProgressBand,
			lowCoverage(c.writCoverage, c.writProgress, c.writProgressBand),
			t.progressWellBelowWriting
		);
	return progressBand(
		subject,
		row.matProgress,
		row.matProgressLower,
		row.matProgressUpper,
		row.matProgressBand,
		lowCoverage(c.matCoverage, c.matProgress, c.matProgressBand),
		t.progressWellBelowReadMaths
	);
}

/**
 * DfE puts LOWCOV on the coverage column, but a hand-edited file may carry it on the score or band.
 * The EES data sets mark a score of low reliability with the GSS symbol `u`: treated the same.
 */
function lowCoverage(coverage: string | undefined, score: string | undefined, band: string | undefined): boolean {
	return coverage === 'LOWCOV' || score === 'LOWCOV' || band === 'LOWCOV' || score === 'u';
}

function progressBand(
	subject: Subject,
	score: number | null,
	lower: number | null,
	upper: number | null,
	band: number | null,
	lowCoverage: boolean,
	wellBelow: number
): SubjectProgress {
	if (lowCoverage) return { subject, status: 'low_coverage', score, lower, upper, source: null };
	if (band !== null && DFE_BANDS[band]) return { subject, status: DFE_BANDS[band], score, lower, upper, source: 'dfe_band' };
	if (score === null || lower === null || upper === null) return { subject, status: 'not_published', score, lower, upper, source: null };
	let status: ProgressBand = 'average';
	if (upper < 0) status = score <= wellBelow ? 'well_below' : 'below';
	else if (lower > 0) status = score >= -wellBelow ? 'well_above' : 'above';
	return { subject, status, score, lower, upper, source: 'confidence_limits' };
}

export interface ProgressSignal {
	year: number;
	subjects: SubjectProgress[];
	sigBelow: number;
	wellBelow: number;
	/** False in years without progress scores: the rules then run on attainment alone. */
	published: boolean;
}

export function progress(row: Ks2SchoolYear, t: PolicyThresholds): ProgressSignal {
	const subjects = [subjectProgress(row, 'reading', t), subjectProgress(row, 'writing', t), subjectProgress(row, 'maths', t)];
	let sigBelow = 0;
	let wellBelow = 0;
	let published = false;
	for (const s of subjects) {
		if (isSigBelow(s.status)) sigBelow++;
		if (s.status === 'well_below') wellBelow++;
		if (s.source !== null) published = true;
	}
	return { year: row.year, subjects, sigBelow, wellBelow, published };
}

// ---------------------------------------------------------------- disadvantaged gap

export interface DisadvantagedGapSignal {
	year: number;
	school: number;
	englandOther: number;
	gap: number;
	pupils: number | null;
	flagged: boolean;
	comparator: EnglandKind;
}

/** Disadvantaged RWM % against England's non-disadvantaged pupils; flagged only for a group big enough to mean something. */
export function disadvantagedGap(row: Ks2SchoolYear, index: ComparatorIndex, t: PolicyThresholds): DisadvantagedGapSignal | null {
	const school = row.rwmExpectedDisadvantaged;
	const other = englandFigure(index, row.year, 'rwmExpectedNotDisadvantaged');
	if (school === null || other === null) return null;
	const gap = roundPoints(school - other.value);
	const pupils = row.disadvantagedCount;
	return {
		year: row.year,
		school,
		englandOther: other.value,
		gap,
		pupils,
		flagged: gap <= t.disadvantagedGap && pupils !== null && pupils >= t.disadvantagedMinPupils,
		comparator: other.kind
	};
}

// ---------------------------------------------------------------- small cohort

export interface PooledFigure {
	school: number;
	england: number;
	gap: number;
	/** DfE's published three-year figure (`*_3YR`), or ours weighted by TELIG over the data years. */
	source: 'published_3yr' | 'weighted';
	/** Years covered, newest first; for a published figure, the year it was published with. */
	years: number[];
	/** Pupils behind the figure (TELIG_3YR, or the sum of cohorts). */
	pupils: number | null;
}

const POOLED_FIELDS = {
	rwmExpected: 'rwmExpected3yr',
	rwmHigh: 'rwmHigh3yr'
} as const;

/**
 * A three-year pooled figure. DfE's `PTRWM_EXP_3YR` (or `PTRWM_HIGH_3YR`) from the latest row when
 * published, against England's three-year figure (or, failing that, England's yearly figures
 * weighted by the school's cohorts). Otherwise sum(TELIG x %) / sum(TELIG) over the data years,
 * against England weighted the same way, so both sides mix the same years.
 */
export function pooledFigure(field: keyof typeof POOLED_FIELDS, window: YearWindow, index: ComparatorIndex): PooledFigure | null {
	let pupils = 0;
	let schoolSum = 0;
	let englandSum = 0;
	const years: number[] = [];
	for (const row of window.dataRows) {
		const value = row[field];
		const england = englandFigure(index, row.year, field);
		if (value === null || england === null || row.cohort === null || row.cohort <= 0) continue;
		pupils += row.cohort;
		schoolSum += row.cohort * value;
		englandSum += row.cohort * england.value;
		years.push(row.year);
	}
	const weightedEngland = pupils > 0 ? roundPoints(englandSum / pupils) : null;

	const latest = window.latestRow;
	const published = latest?.[POOLED_FIELDS[field]] ?? null;
	if (latest && published !== null) {
		const england = englandFigure(index, latest.year, POOLED_FIELDS[field])?.value ?? weightedEngland;
		if (england !== null)
			return {
				school: published,
				england,
				gap: roundPoints(published - england),
				source: 'published_3yr',
				years: [latest.year],
				pupils: latest.cohort3yr
			};
	}
	if (weightedEngland === null) return null;
	const school = roundPoints(schoolSum / pupils);
	return { school, england: weightedEngland, gap: roundPoints(school - weightedEngland), source: 'weighted', years, pupils };
}

export interface SmallCohortSignal {
	cohort: number;
	/** The pooled RWM expected figure the attainment band uses instead of the latest year. */
	pooled: PooledFigure | null;
	pooledHigh: PooledFigure | null;
}

/** `TELIG < 11` in the latest row. Null when the cohort is not small (or not known). */
export function smallCohort(window: YearWindow, index: ComparatorIndex, t: PolicyThresholds): SmallCohortSignal | null {
	const cohort = window.latestRow?.cohort ?? null;
	if (cohort === null || cohort <= 0 || cohort >= t.smallCohortBelow) return null;
	return { cohort, pooled: pooledFigure('rwmExpected', window, index), pooledHigh: pooledFigure('rwmHigh', window, index) };
}

// ---------------------------------------------------------------- Secure Plus evidence

export interface SustainedSignal {
	met: boolean;
	/** True when a small cohort was judged on its pooled figure. */
	pooled: boolean;
}

/**
 * P1's "g >= 10 in each of the last 3 data years (pooled if small cohort)". Results must be
 * sustained, so it needs the full number of data years (or DfE's published three-year figure).
 */
export function sustainedWellAbove(dataYears: readonly YearGap[], small: SmallCohortSignal | null, t: PolicyThresholds): SustainedSignal {
	const pooled = small?.pooled ?? null;
	if (pooled !== null) {
		const enoughYears = pooled.source === 'published_3yr' || pooled.years.length >= t.dataYears;
		return { met: enoughYears && pooled.gap >= t.wellAboveGap, pooled: true };
	}
	return { met: dataYears.length >= t.dataYears && dataYears.every((d) => d.gap >= t.wellAboveGap), pooled: false };
}

export interface RwmHighSignal {
	year: number;
	school: number;
	england: number;
	atOrAbove: boolean;
	pooled: boolean;
}

export function rwmHighVsEngland(row: Ks2SchoolYear, small: SmallCohortSignal | null, index: ComparatorIndex): RwmHighSignal | null {
	const pooled = small?.pooledHigh ?? null;
	if (pooled !== null) return { year: row.year, school: pooled.school, england: pooled.england, atOrAbove: pooled.gap >= 0, pooled: true };
	const england = englandFigure(index, row.year, 'rwmHigh');
	if (row.rwmHigh === null || england === null) return null;
	return { year: row.year, school: row.rwmHigh, england: england.value, atOrAbove: row.rwmHigh >= england.value, pooled: false };
}

// ---------------------------------------------------------------- no KS2 data

/**
 * 'special_school' (see docs/categories.md): a special school (RECTYPE 2) does publish KS2
 * figures, but they are not comparable with England's, and judging them on the gap would put
 * almost every special school in Intensive support. They go to adviser judgement instead.
 */
export type NoKs2Reason = 'infant_school' | 'special_school' | 'new_school' | 'no_eligible_pupils' | 'no_results';

export interface SchoolInfo {
	urn: number;
	name: string;
	/** GIAS statutory high age: under 11 means the school ends before Year 6 (infant and first schools). */
	ageHigh?: number | null;
	/** Set to false by a caller that knows the school has no Year 6, whatever its age range says. */
	hasKs2?: boolean | null;
}

function hasCode(row: Ks2SchoolYear, code: string): boolean {
	const codes = row.codes as Record<string, string | undefined>;
	for (const field in codes) if (codes[field] === code) return true;
	return false;
}

/** Why the school cannot be judged on its KS2 results, or null when it can. */
export function noKs2Data(school: SchoolInfo, window: YearWindow, hasAttainment: boolean): NoKs2Reason | null {
	if (school.hasKs2 === false || (school.ageHigh != null && school.ageHigh < 11)) return 'infant_school';
	const latest = window.latestRow;
	if (latest !== null && latest.recordType === 2) return 'special_school';
	if (latest !== null && hasCode(latest, 'NEW')) return 'new_school';
	if (latest !== null && latest.cohort === 0) return 'no_eligible_pupils';
	if (!hasAttainment) return 'no_results';
	return null;
}

// ---------------------------------------------------------------- all signals

export interface Signals {
	year: number;
	noKs2Data: NoKs2Reason | null;
	/** g(y) for the data years used, newest first. */
	dataYears: YearGap[];
	smallCohort: SmallCohortSignal | null;
	attainment: AttainmentSignal | null;
	persistence: PersistenceSignal | null;
	trend: TrendSignal | null;
	progress: ProgressSignal | null;
	disadvantagedGap: DisadvantagedGapSignal | null;
	sustainedWellAbove: SustainedSignal | null;
	rwmHigh: RwmHighSignal | null;
}

/**
 * Everything the rules read from KS2 data. With no KS2 data every data signal is null, so the
 * school is judged on soft intelligence alone.
 */
export function computeSignals(
	school: SchoolInfo,
	rows: readonly Ks2SchoolYear[],
	index: ComparatorIndex,
	year: number,
	t: PolicyThresholds
): { signals: Signals; window: YearWindow } {
	const window = selectYears(rows, index, year, t.lookbackYears, t.dataYears);
	const small = smallCohort(window, index, t);
	const att = attainment(window, small, t);
	const none = noKs2Data(school, window, att !== null);
	if (none !== null) {
		const empty: Signals = {
			year,
			noKs2Data: none,
			dataYears: [],
			smallCohort: null,
			attainment: null,
			persistence: null,
			trend: null,
			progress: null,
			disadvantagedGap: null,
			sustainedWellAbove: null,
			rwmHigh: null
		};
		return { signals: empty, window };
	}
	// Progress and the disadvantaged gap come from the latest year that has an RWM figure.
	const focusRow = window.dataRows[0] ?? (window.latestRow as Ks2SchoolYear);
	const signals: Signals = {
		year,
		noKs2Data: null,
		dataYears: window.dataYears,
		smallCohort: small,
		attainment: att,
		persistence: persistence(window.dataYears, t),
		trend: trend(window.dataYears, t),
		progress: progress(focusRow, t),
		disadvantagedGap: disadvantagedGap(focusRow, index, t),
		sustainedWellAbove: sustainedWellAbove(window.dataYears, small, t),
		rwmHigh: rwmHighVsEngland(focusRow, small, index)
	};
	return { signals, window };
}
