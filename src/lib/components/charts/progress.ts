import type { Subject, SubjectProgress } from '../../domain/analysis/signals';
import { academicYearLabel } from '../../domain/ks2/types';

/*
 * Progress scores in charts: significance in words, the mean score a school is plotted at, and the
 * note shown for years with no progress scores.
 */

export type ProgressStatus = SubjectProgress['status'];

/** The fields of the analysis engine's `SubjectProgress` that the charts read, so either can be passed. */
export type ProgressScore = Pick<SubjectProgress, 'subject' | 'status' | 'score' | 'lower' | 'upper'>;

export const SUBJECT_LABELS: Record<Subject, string> = { reading: 'Reading', writing: 'Writing', maths: 'Maths' };

const WORDING: Record<ProgressStatus, string> = {
	well_above: 'Well above average',
	above: 'Significantly above average',
	average: 'Not significantly different from average',
	below: 'Significantly below average',
	well_below: 'Well below average',
	not_published: 'Not published',
	low_coverage: 'Not used: fewer than half the pupils covered'
};

/** DfE's bands in words a headteacher would use; "significantly" means the interval misses 0. */
export function significanceWording(status: ProgressStatus): string {
	return WORDING[status];
}

export type SignificanceTone = 'above' | 'average' | 'below';

/** Which of three colours a score is drawn in; null for no score. */
export function significanceTone(status: ProgressStatus): SignificanceTone | null {
	if (status === 'well_above' || status === 'above') return 'above';
	if (status === 'well_below' || status === 'below') return 'below';
	if (status === 'average') return 'average';
	return null;
}

/** A score with its 95% confidence interval, all three known. */
export interface Interval {
	score: number;
	lower: number;
	upper: number;
}

const BANDED: readonly ProgressStatus[] = ['well_above', 'above', 'average', 'below', 'well_below'];

/** The subjects with a usable score and interval: published and not low coverage. */
export function usableScores(scores: readonly ProgressScore[]): (ProgressScore & Interval)[] {
	return scores.filter((s): s is ProgressScore & Interval => BANDED.includes(s.status) && s.score !== null && s.lower !== null && s.upper !== null);
}

/**
 * The mean of a school's published subject scores, to plot it at one height on the scatter.
 * The interval is the mean of the limits: as if the subjects' errors moved together, which is
 * never narrower than the true interval, so a school is not made to look significant when it is not.
 */
export function meanProgress(scores: readonly ProgressScore[]): (Interval & { subjects: number }) | null {
	const usable = usableScores(scores);
	if (usable.length === 0) return null;
	const mean = (pick: (s: Interval) => number) => usable.reduce((sum, s) => sum + pick(s), 0) / usable.length;
	return { score: mean((s) => s.score), lower: mean((s) => s.lower), upper: mean((s) => s.upper), subjects: usable.length };
}

/**
 * Why a year has no progress scores, in a sentence. 2019/20 and 2020/21 had no KS2 results at all,
 * 2021/22 no school-level tables, and the pupils of 2023/24 and 2024/25 have no KS1 baseline.
 */
export function noProgressNote(year: number): string {
	const label = academicYearLabel(year);
	if (year === 2020 || year === 2021) return `No KS2 results were published for ${label}: the tests were cancelled because of COVID-19.`;
	if (year === 2022) return `No school-level KS2 results were published for ${label}.`;
	if (year === 2024 || year === 2025)
		return `There are no KS2 progress scores for ${label}: these pupils have no KS1 baseline, because KS1 assessments were cancelled in the pandemic.`;
	return `No progress scores were published for ${label}, for example because the cohort was too small or too few pupils were covered.`;
}
