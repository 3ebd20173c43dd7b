import { categoryRank, type Category } from '../../domain/analysis/categories';
import { gapPhrase } from '../../domain/analysis/format';
import { intervalText, signedFixed } from './format';
import type { Interval } from './progress';

/*
 * The attainment against progress scatter: one school a dot. Attainment is RWM expected, either as
 * the gap to England in percentage points or as the school's %; progress is the mean of its
 * published subject scores (see `meanProgress`).
 */

export type AttainmentMeasure = 'gap' | 'percent';

export interface ScatterSchool {
	urn: number;
	name: string;
	category: Category;
	/** RWM expected, as the measure says; null when not published (suppressed, no KS2 data). */
	attainment: number | null;
	/** Mean progress and interval; null in years without progress scores or when not published. */
	progress: Interval | null;
}

export type PlottedSchool = ScatterSchool & { attainment: number; progress: Interval };
export type AttainmentOnlySchool = ScatterSchool & { attainment: number };

export interface ScatterPlan {
	/**
	 * 'scatter' when some schools have both figures; 'strip' when none has progress (2023/24, say),
	 * so attainment is shown alone, a row a category; 'empty' when no school has attainment either.
	 */
	mode: 'scatter' | 'strip' | 'empty';
	/** In keyboard order: left to right, then bottom to top. */
	plotted: PlottedSchool[];
	/** Schools with attainment but no progress: the strip's dots, or left off the scatter. */
	attainmentOnly: AttainmentOnlySchool[];
	/** Schools with no attainment figure, listed in the table only. */
	missing: ScatterSchool[];
}

export function scatterPlan(schools: readonly ScatterSchool[]): ScatterPlan {
	const plotted: PlottedSchool[] = [];
	const attainmentOnly: AttainmentOnlySchool[] = [];
	const missing: ScatterSchool[] = [];
	for (const s of schools) {
		if (s.attainment === null) missing.push(s);
		else if (s.progress === null) attainmentOnly.push(s as AttainmentOnlySchool);
		else plotted.push(s as PlottedSchool);
	}
	plotted.sort((a, b) => a.attainment - b.attainment || a.progress.score - b.progress.score || a.urn - b.urn);
	attainmentOnly.sort((a, b) => categoryRank(a.category) - categoryRank(b.category) || a.attainment - b.attainment || a.urn - b.urn);
	const mode = plotted.length > 0 ? 'scatter' : attainmentOnly.length > 0 ? 'strip' : 'empty';
	return { mode, plotted, attainmentOnly, missing };
}

/** "12 points below England", "level with England", "48%". */
export function attainmentText(value: number, measure: AttainmentMeasure): string {
	return measure === 'gap' ? `${gapPhrase(value)} England` : `${Math.round(value * 10) / 10}%`;
}

/** "-1.2 (95% confidence interval -3.0 to +0.6)". */
export function progressText(p: Interval): string {
	return `${signedFixed(p.score)} (95% confidence interval ${intervalText(p.lower, p.upper)})`;
}

/**
 * A fixed offset in [-0.5, 0.5) from a URN, to spread the strip's dots up and down their row.
 * Fixed rather than random, so the server and the browser draw the same picture.
 */
export function jitter(urn: number): number {
	// Knuth's multiplicative hash: neighbouring URNs land far apart.
	return ((Math.imul(urn, 2654435761) >>> 0) % 1000) / 1000 - 0.5;
}
