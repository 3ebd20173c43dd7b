import type { Db } from '../db';
import { loadKs2ForAnalysis } from '../import/ks2-repository';
import type { CategoryState } from '../analysis/categories';
import { progress } from '../../domain/analysis/signals';
import { englandFigure, indexComparators } from '../../domain/analysis/years';
import type { PolicyThresholds } from '../../domain/analysis/policy';
import type { Category } from '../../domain/analysis/categories';
import type { Ks2Field } from '../../domain/ks2/types';
import { countCategories, type CategoryCountMap } from '../../components/charts/counts';
import type { FlowCount } from '../../components/charts/flow';
import { meanProgress } from '../../components/charts/progress';
import type { ScatterSchool } from '../../components/charts/scatter';
import type { TrendSeries } from '../../components/charts/series';
import type { Ks2Comparator } from '../../domain/ks2/types';

/** The data behind the overview's charts, in the shapes the chart components take. */

export interface YearCounts {
	label: string;
	counts: CategoryCountMap;
}

/** Schools per category, from each school's working category (agreed or still waiting). */
export function categoryCounts(states: readonly CategoryState[]): Record<Category, number> {
	return countCategories(states.map((s) => s.category));
}

/** How many schools went from each category last year to each category this year. */
export function categoryFlows(previous: readonly CategoryState[], current: readonly CategoryState[]): FlowCount[] {
	const before = new Map(previous.map((s) => [s.urn, s.category]));
	const counts = new Map<string, FlowCount>();
	for (const s of current) {
		const from = before.get(s.urn);
		if (!from) continue;
		const key = `${from}>${s.category}`;
		const flow = counts.get(key) ?? { from, to: s.category, count: 0 };
		flow.count++;
		counts.set(key, flow);
	}
	return [...counts.values()];
}

/** Years with KS2 results, newest first, and whether any school has a progress score in each. */
export async function resultYears(db: Db): Promise<{ year: number; withProgress: boolean }[]> {
	const rows = await db
		.selectFrom('ks2_results')
		.select((eb) => [
			'year',
			eb.fn.count<number>('read_progress').as('read'),
			eb.fn.count<number>('writ_progress').as('writ'),
			eb.fn.count<number>('mat_progress').as('mat')
		])
		.groupBy('year')
		.orderBy('year', 'desc')
		.execute();
	return rows.map((r) => ({ year: r.year, withProgress: Number(r.read) + Number(r.writ) + Number(r.mat) > 0 }));
}

/** What a dot needs: RWM expected, and each subject's progress score, limits, band and coverage (signals.ts `progress`). */
const SCATTER_FIELDS: readonly Ks2Field[] = (['read', 'writ', 'mat'] as const).flatMap((s) => [
	`${s}Progress` as const,
	`${s}ProgressLower` as const,
	`${s}ProgressUpper` as const,
	`${s}ProgressBand` as const,
	`${s}Coverage` as const
]);

/**
 * One dot a school for a results year: RWM expected against England in points, and the mean of
 * its published progress scores. `categories` colours the dots; schools without one are left out.
 */
export async function scatterSchools(
	db: Db,
	year: number,
	categories: ReadonlyMap<number, Category>,
	names: ReadonlyMap<number, string>,
	t: PolicyThresholds
): Promise<ScatterSchool[]> {
	const { results, comparators } = await loadKs2ForAnalysis(db, { fromYear: year, upToYear: year, fields: ['rwmExpected', ...SCATTER_FIELDS] });
	const england = englandFigure(indexComparators(comparators), year, 'rwmExpected')?.value ?? null;
	const byUrn = new Map(results.map((r) => [r.urn, r]));
	const schools: ScatterSchool[] = [];
	for (const [urn, category] of categories) {
		const row = byUrn.get(urn);
		const name = names.get(urn);
		if (name === undefined) continue;
		// Special schools' results are not compared with England (docs/categories.md): listed, not plotted.
		const mainstream = row !== undefined && row.recordType === 1 ? row : null;
		const attainment = mainstream && mainstream.rwmExpected !== null && england !== null ? Math.round((mainstream.rwmExpected - england) * 10) / 10 : null;
		const mean = mainstream ? meanProgress(progress(mainstream, t).subjects) : null;
		schools.push({ urn, name, category, attainment, progress: mean && { score: mean.score, lower: mean.lower, upper: mean.upper } });
	}
	return schools;
}

/** RWM expected over every year with figures: one line per LA in the register, and England. */
export function laEnglandTrend(comparators: readonly Ks2Comparator[], las: readonly { code: string; name: string | null }[]): TrendSeries[] {
	const index = indexComparators(comparators);
	const years = [...new Set(comparators.map((c) => c.year))].sort((a, b) => a - b);
	const series: TrendSeries[] = las.map((la) => ({
		label: la.name ? `${la.name} (LA)` : `LA ${la.code}`,
		kind: 'la',
		points: comparators.filter((c) => c.kind === 'la' && c.laCode === la.code).map((c) => ({ year: c.year, value: c.rwmExpected }))
	}));
	series.push({ label: 'England', kind: 'england', points: years.map((year) => ({ year, value: englandFigure(index, year, 'rwmExpected')?.value ?? null })) });
	return series;
}
