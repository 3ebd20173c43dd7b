/*
 * Line series over academic years with holes in them. No KS2 results were published for 2019/20
 * and 2020/21, nor school-level results for 2021/22, so a line must stop at a hole and start again
 * after it: joining 2019 to 2023 would draw a trend nobody measured.
 */

import type { TrendKind } from './palette';

/** `year` is the summer of the tests: 2019 is 2018/19. */
export interface YearValue {
	year: number;
	value: number | null;
}

/** One line on the trend chart: a school, the LA or England. Its kind sets its colour, dash and marker. */
export interface TrendSeries {
	label: string;
	kind: TrendKind;
	points: YearValue[];
}

export interface DefinedYearValue {
	year: number;
	value: number;
}

/** Every year from the first to the last year that any series has a value for, holes included. */
export function yearSpan(series: readonly (readonly YearValue[])[]): number[] {
	const years = series.flatMap((s) => s.filter((p) => p.value !== null).map((p) => p.year));
	if (years.length === 0) return [];
	const first = Math.min(...years);
	const last = Math.max(...years);
	return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The series' value for each of `years`, null where it has none (or the year is missing). */
export function alignToYears(points: readonly YearValue[], years: readonly number[]): YearValue[] {
	const byYear = new Map(points.map((p) => [p.year, p.value]));
	return years.map((year) => ({ year, value: byYear.get(year) ?? null }));
}

/**
 * The runs of consecutive years with a value. A run of one year is a point with no line. Points are
 * sorted by year first, and a skipped year counts as a hole even when no null marks it.
 */
export function splitAtGaps(points: readonly YearValue[]): DefinedYearValue[][] {
	const sorted = [...points].sort((a, b) => a.year - b.year);
	const runs: DefinedYearValue[][] = [];
	let run: DefinedYearValue[] = [];
	let previousYear: number | null = null;
	for (const p of sorted) {
		const continues = previousYear !== null && p.year === previousYear + 1;
		if (p.value === null || !continues) {
			if (run.length > 0) runs.push(run);
			run = [];
		}
		if (p.value !== null) run.push({ year: p.year, value: p.value });
		previousYear = p.year;
	}
	if (run.length > 0) runs.push(run);
	return runs;
}

/** Runs of years (inclusive) in which no series has a value: shaded and labelled "no data". */
export function emptyYearRuns(series: readonly (readonly YearValue[])[], years: readonly number[]): { from: number; to: number }[] {
	const withData = new Set(series.flatMap((s) => s.filter((p) => p.value !== null).map((p) => p.year)));
	const runs: { from: number; to: number }[] = [];
	for (const year of years) {
		if (withData.has(year)) continue;
		const last = runs[runs.length - 1];
		if (last && last.to === year - 1) last.to = year;
		else runs.push({ from: year, to: year });
	}
	return runs;
}
