import type { Ks2Comparator, Ks2Field, Ks2SchoolYear } from '../ks2/types';

export type EnglandKind = 'england_state' | 'england_all';

/** The England rows for each year. LA rows (RECTYPE 3) are not a comparator for the rules. */
export type ComparatorIndex = Map<number, { state: Ks2Comparator | null; all: Ks2Comparator | null }>;

export function indexComparators(comparators: readonly Ks2Comparator[]): ComparatorIndex {
	const index: ComparatorIndex = new Map();
	for (const c of comparators) {
		if (c.kind === 'la') continue;
		let slot = index.get(c.year);
		if (!slot) index.set(c.year, (slot = { state: null, all: null }));
		// The first row of each kind wins, so a duplicated national row cannot change the answer.
		if (c.kind === 'england_state') slot.state ??= c;
		else slot.all ??= c;
	}
	return index;
}

/** England's figure for a year: state-funded schools (RECTYPE 5), else all schools (RECTYPE 4). */
export function englandFigure(index: ComparatorIndex, year: number, field: Ks2Field): { value: number; kind: EnglandKind } | null {
	const slot = index.get(year);
	if (!slot) return null;
	const state = slot.state?.[field];
	if (state != null) return { value: state, kind: 'england_state' };
	const all = slot.all?.[field];
	if (all != null) return { value: all, kind: 'england_all' };
	return null;
}

/**
 * Differences of percentages carry float noise (61.3 - 65 = -3.7000000000000028); rounding to a
 * thousandth keeps "exactly 10 points below" on the right side of a threshold.
 */
export function roundPoints(x: number): number {
	return Math.round(x * 1000) / 1000;
}

/** g(y): one data year, the school's RWM expected % against England's. */
export interface YearGap {
	year: number;
	school: number;
	england: number;
	/** school - england, in percentage points. */
	gap: number;
	cohort: number | null;
	comparator: EnglandKind;
}

export function gapForYear(row: Ks2SchoolYear, index: ComparatorIndex): YearGap | null {
	if (row.rwmExpected === null) return null;
	const england = englandFigure(index, row.year, 'rwmExpected');
	if (england === null) return null;
	return {
		year: row.year,
		school: row.rwmExpected,
		england: england.value,
		gap: roundPoints(row.rwmExpected - england.value),
		cohort: row.cohort,
		comparator: england.kind
	};
}

export type SkippedYearReason = 'no_rwm_figure' | 'no_england_figure' | 'beyond_data_years';

/** The school's rows inside the lookback, and the data years the signals use. Newest first throughout. */
export interface YearWindow {
	/** The most recent row in the lookback, with or without an RWM figure: it says NEW, cohort size, progress. */
	latestRow: Ks2SchoolYear | null;
	/** Up to `dataYears` years that have a gap, newest first; rows in `dataRows` at the same positions. */
	dataYears: YearGap[];
	dataRows: Ks2SchoolYear[];
	/** Rows in the lookback that were not used, and why; for the evidence. */
	skipped: { year: number; reason: SkippedYearReason; code: string | null }[];
}

/**
 * Picks the last `dataYears` years with data within `lookbackYears` academic years ending with
 * `analysisYear`. Years with nothing published (2020, 2021, 2022) simply have no rows, so 2023 is
 * followed by 2019: the window counts years with data, not calendar years.
 * One row per year is expected; if a year repeats, the first row given is used.
 */
export function selectYears(
	rows: readonly Ks2SchoolYear[],
	index: ComparatorIndex,
	analysisYear: number,
	lookbackYears: number,
	dataYears: number
): YearWindow {
	const earliest = analysisYear - lookbackYears + 1;
	// Insertion into a list kept newest first: a school has a handful of rows, so this beats sort().
	const inWindow: Ks2SchoolYear[] = [];
	for (const r of rows) {
		if (r.year < earliest || r.year > analysisYear) continue;
		let at = 0;
		while (at < inWindow.length && inWindow[at].year > r.year) at++;
		if (at < inWindow.length && inWindow[at].year === r.year) continue;
		inWindow.splice(at, 0, r);
	}
	const window: YearWindow = { latestRow: inWindow[0] ?? null, dataYears: [], dataRows: [], skipped: [] };
	for (const row of inWindow) {
		const g = gapForYear(row, index);
		if (g === null) {
			const reason = row.rwmExpected === null ? 'no_rwm_figure' : 'no_england_figure';
			window.skipped.push({ year: row.year, reason, code: row.codes.rwmExpected ?? null });
		} else if (window.dataYears.length >= dataYears) {
			window.skipped.push({ year: row.year, reason: 'beyond_data_years', code: null });
		} else {
			window.dataYears.push(g);
			window.dataRows.push(row);
		}
	}
	return window;
}
