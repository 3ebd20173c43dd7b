/*
 * Is a school's percentage really different from the LA's or England's, or could its cohort have
 * landed there by chance? DfE publishes confidence intervals for progress scores but not for
 * attainment, so for attainment we build one: the Wilson score interval for a proportion, which
 * behaves well for the small cohorts primary schools have (it never leaves 0 to 100%, unlike the
 * textbook p ± 1.96·se). A comparator outside the school's 95% interval is a significant difference.
 */

import { points } from '../../domain/analysis/format';

export type SignificanceTone = 'above' | 'average' | 'below';

export interface Comparison {
	/** School minus comparator, in percentage points; null when either figure is missing. */
	difference: number | null;
	/** Null when it cannot be tested: no figure, no comparator, or no cohort size. */
	tone: SignificanceTone | null;
	/** "Significantly above", "Not significantly different", "Significantly below", "Not tested". */
	label: string;
	/** The gap in words ("12 points below England"), or why there is no comparison. */
	detail: string;
}

const Z95 = 1.959964;

/** The Wilson 95% interval, in percent, for `percent` of `n` pupils. */
export function wilsonInterval(percent: number, n: number): { lower: number; upper: number } {
	const p = Math.min(Math.max(percent / 100, 0), 1);
	const z2 = Z95 * Z95;
	const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
	return { lower: Math.max(0, (centre - half) * 100), upper: Math.min(100, (centre + half) * 100) };
}

/**
 * The school's figure against one comparator ("England", "the LA"). `cohort` is the number of
 * pupils the school's percentage is of.
 */
export function compareWith(school: number | null, comparator: number | null, cohort: number | null, name: string): Comparison {
	if (school === null) return { difference: null, tone: null, label: 'Not tested', detail: 'No school figure' };
	if (comparator === null) return { difference: null, tone: null, label: 'Not tested', detail: `No figure for ${name}` };
	const difference = Math.round((school - comparator) * 10) / 10;
	const detail = difference === 0 ? `Level with ${name}` : `${points(difference)} ${difference > 0 ? 'above' : 'below'} ${name}`;
	if (cohort === null || cohort <= 0) return { difference, tone: null, label: 'Not tested', detail: `${detail}; the number of pupils was not published` };
	const { lower, upper } = wilsonInterval(school, cohort);
	const tone: SignificanceTone = comparator < lower ? 'above' : comparator > upper ? 'below' : 'average';
	return { difference, tone, label: TONE_LABELS[tone], detail };
}

export const TONE_LABELS: Record<SignificanceTone, string> = {
	above: 'Significantly above',
	average: 'Not significantly different',
	below: 'Significantly below'
};
