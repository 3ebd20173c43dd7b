import type { Category } from '../analysis/categories';

/*
 * A year's plan is made by runs of the planner: one for every school at once, or one per LA once
 * LAs plan apart. What the year's plan holds now is the newest run of every school at once, with
 * each LA planned on its own since then in place of its part of it: the newest run of that LA.
 */

/** What a run planned from: the LA (null for every school) and the categories it recorded. */
export interface RunRecord {
	la: string | null;
	categories: Readonly<Record<string, Category>>;
}

/**
 * Of a year's runs, newest first, the ones whose work stands: the newest run of each LA up to the
 * newest run of every school, and that run. Older runs were planned over.
 */
export function standingRuns<R extends { la: string | null }>(newestFirst: readonly R[]): R[] {
	const seen = new Set<string>();
	const out: R[] = [];
	for (const run of newestFirst) {
		if (run.la === null) {
			out.push(run);
			break;
		}
		if (seen.has(run.la)) continue;
		seen.add(run.la);
		out.push(run);
	}
	return out;
}

/** The LAs planned on their own after the newest run of every school (all of them, if there is none). */
export function lasPlannedApart(standing: readonly { la: string | null }[]): string[] {
	return standing.flatMap((r) => (r.la === null ? [] : [r.la]));
}

/**
 * The categories the year's plan was made with, from its standing runs (newest first). `apart`
 * holds the schools of the LAs planned apart since the run of every school: that run's part for
 * them is replaced by their own LA's run. (The year's shortfalls are worked out again from the work
 * that could not be placed, which each run keeps for its own schools: see shortfallsOf.)
 */
export function yearPlanCategories(standing: readonly RunRecord[], apart: ReadonlySet<number>): Record<string, Category> {
	const categories: Record<string, Category> = {};
	for (const run of standing) {
		if (run.la !== null) {
			Object.assign(categories, run.categories);
			continue;
		}
		for (const [urn, category] of Object.entries(run.categories)) if (!apart.has(Number(urn))) categories[urn] = category;
	}
	return categories;
}
