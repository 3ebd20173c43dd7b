import { compareWith, type Comparison } from './significance';
import { CODE_MEANINGS } from '../../domain/import/figures';
import { disadvantagedGap, progress } from '../../domain/analysis/signals';
import { englandFigure, indexComparators, type ComparatorIndex } from '../../domain/analysis/years';
import type { PolicyThresholds } from '../../domain/analysis/policy';
import type { ProgressScore } from '../../components/charts/progress';
import type { TrendSeries } from '../../components/charts/series';
import type { Ks2Comparator, Ks2Field, Ks2SchoolYear } from '../../domain/ks2/types';

/*
 * One school's KS2 results as its profile shows them: the key figures of its latest year against
 * the LA and England, a three-year trend, progress, and the disadvantaged gap. Pure: the caller
 * loads the rows. Only the school's own figures and the LA and England averages appear, so the
 * same view is safe to show the school's headteacher.
 */

const KEY_MEASURES: { field: Ks2Field; label: string }[] = [
	{ field: 'rwmExpected', label: 'Reading, writing and maths: expected standard' },
	{ field: 'rwmHigh', label: 'Reading, writing and maths: higher standard' },
	{ field: 'readExpected', label: 'Reading: expected standard' },
	{ field: 'writExpected', label: 'Writing: expected standard' },
	{ field: 'matExpected', label: 'Maths: expected standard' }
];

export interface KeyFigure {
	label: string;
	/** % of pupils; null when not published. */
	school: number | null;
	/** Why there is no school figure, in words ("suppressed (5 or fewer pupils)"). */
	notPublished: string | null;
	la: number | null;
	england: number | null;
	vsLa: Comparison;
	vsEngland: Comparison;
}

export interface DisadvantagedYear {
	year: number;
	/** Disadvantaged pupils in the cohort. */
	pupils: number | null;
	/** % of them meeting the expected standard in RWM. */
	school: number | null;
	/** England's other (non-disadvantaged) pupils. */
	englandOther: number | null;
	gap: number | null;
	/** The policy flags the gap (docs/categories.md, Signals: at or under -30 points with 10 or more pupils). */
	flagged: boolean;
}

export interface ProgressYear {
	year: number;
	scores: ProgressScore[];
	/** False in years with no progress scores, or when every subject was suppressed. */
	published: boolean;
}

export interface SchoolResults {
	/** The school's latest results year, or null when it has none. */
	year: number | null;
	/** The latest year any school has results, when this school's are older. */
	newerYear: number | null;
	/** Why there are no results, when `year` is null. */
	noData: string | null;
	cohort: number | null;
	/** A special school: the analysis does not compare its results with England. */
	special: boolean;
	laLabel: string;
	keyFigures: KeyFigure[];
	trend: { series: TrendSeries[]; years: number[] };
	/** The latest year's progress, and the most recent earlier year with scores when the latest has none. */
	progress: ProgressYear | null;
	earlierProgress: ProgressYear | null;
	disadvantaged: DisadvantagedYear[];
}

export interface ResultsInput {
	school: { name: string; laCode: string | null; laName: string | null; ageHigh: number | null };
	/** The school's own rows, any order. */
	rows: readonly Ks2SchoolYear[];
	/** LA and England rows. */
	comparators: readonly Ks2Comparator[];
	/** The latest year any school has results. */
	latestYear: number | null;
	thresholds: PolicyThresholds;
}

/** How many of the school's latest results years the trend shows. */
export const TREND_YEARS = 3;

function laRows(comparators: readonly Ks2Comparator[], laCode: string | null): Map<number, Ks2Comparator> {
	return new Map(comparators.filter((c) => c.kind === 'la' && c.laCode === laCode).map((c) => [c.year, c]));
}

function notPublished(row: Ks2SchoolYear, field: Ks2Field): string | null {
	if (row[field] !== null) return null;
	const code = row.codes[field];
	return code === undefined ? 'not in the published file' : (CODE_MEANINGS[code] ?? code);
}

function keyFigures(row: Ks2SchoolYear, la: Ks2Comparator | undefined, index: ComparatorIndex, laLabel: string): KeyFigure[] {
	return KEY_MEASURES.map(({ field, label }) => {
		const school = row[field];
		const laValue = la?.[field] ?? null;
		const england = englandFigure(index, row.year, field)?.value ?? null;
		return {
			label,
			school,
			notPublished: notPublished(row, field),
			la: laValue,
			england,
			vsLa: compareWith(school, laValue, row.cohort, laLabel),
			vsEngland: compareWith(school, england, row.cohort, 'England')
		};
	});
}

function progressYear(row: Ks2SchoolYear, t: PolicyThresholds): ProgressYear {
	const signal = progress(row, t);
	return { year: row.year, scores: signal.subjects, published: signal.published };
}

function noDataReason(ageHigh: number | null): string {
	if (ageHigh !== null && ageHigh < 11) return 'The school has no Year 6 pupils (it is an infant or first school), so it has no KS2 results.';
	return 'No KS2 results have been imported for this school.';
}

export function schoolResults(input: ResultsInput): SchoolResults {
	const { school, thresholds } = input;
	const laLabel = school.laName ? `${school.laName} (LA)` : 'the LA';
	const rows = [...input.rows].sort((a, b) => b.year - a.year);
	const latest = rows[0];
	const empty = { series: [], years: [] };
	if (!latest) {
		return {
			year: null,
			newerYear: null,
			noData: noDataReason(school.ageHigh),
			cohort: null,
			special: false,
			laLabel,
			keyFigures: [],
			trend: empty,
			progress: null,
			earlierProgress: null,
			disadvantaged: []
		};
	}
	const index = indexComparators(input.comparators);
	const la = laRows(input.comparators, school.laCode);
	const recent = rows.filter((r) => r.rwmExpected !== null).slice(0, TREND_YEARS);
	const from = recent.length > 0 ? recent[recent.length - 1].year : latest.year;
	const years = Array.from({ length: latest.year - from + 1 }, (_, i) => from + i);
	const englandRwm = (year: number) => englandFigure(index, year, 'rwmExpected')?.value ?? null;
	const series: TrendSeries[] = [
		{ label: school.name, kind: 'school', points: years.map((year) => ({ year, value: rows.find((r) => r.year === year)?.rwmExpected ?? null })) },
		{ label: laLabel, kind: 'la', points: years.map((year) => ({ year, value: la.get(year)?.rwmExpected ?? null })) },
		{ label: 'England', kind: 'england', points: years.map((year) => ({ year, value: englandRwm(year) })) }
	];

	const latestProgress = progressYear(latest, thresholds);
	const earlier = latestProgress.published ? undefined : rows.slice(1).find((r) => progressYear(r, thresholds).published);
	const disadvantaged = rows
		.filter((r) => r.year >= from)
		.map((r): DisadvantagedYear => {
			const signal = disadvantagedGap(r, index, thresholds);
			return {
				year: r.year,
				pupils: r.disadvantagedCount,
				school: r.rwmExpectedDisadvantaged,
				englandOther: signal?.englandOther ?? englandFigure(index, r.year, 'rwmExpectedNotDisadvantaged')?.value ?? null,
				gap: signal?.gap ?? null,
				flagged: signal?.flagged ?? false
			};
		});

	return {
		year: latest.year,
		newerYear: input.latestYear !== null && input.latestYear > latest.year ? input.latestYear : null,
		noData: null,
		cohort: latest.cohort,
		special: latest.recordType === 2,
		laLabel,
		keyFigures: keyFigures(latest, la.get(latest.year), index, laLabel),
		trend: { series, years },
		progress: latestProgress,
		earlierProgress: earlier ? progressYear(earlier, thresholds) : null,
		disadvantaged
	};
}
