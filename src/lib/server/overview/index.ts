import type { Db } from '../db';
import { categoryStates, latestCategoryYear } from '../analysis/categories';
import { moderationList } from '../analysis/moderation';
import { adoptedPolicy } from '../analysis/policy-store';
import { loadKs2ForAnalysis } from '../import/ks2-repository';
import { currentQualityMarkHolders } from '../quality-mark/queries';
import { isClosed, registerSummary } from '../schools';
import { countStatuses, interventionStatuses, type InterventionStatus } from '../intervention';
import { attentionGroups, attentionLists, type Attention, type AttentionGroup } from './attention';
import { VersionedCache } from './versioned-cache';
import { categoryCounts, categoryFlows, laEnglandTrend, resultYears, scatterSchools, type YearCounts } from './charts';
import type { Category } from '../../domain/analysis/categories';
import type { FlowCount } from '../../components/charts/flow';
import type { ScatterSchool } from '../../components/charts/scatter';
import { scatterDrawing, type ScatterDrawing } from '../../components/charts/scatter-drawing';
import type { TrendSeries } from '../../components/charts/series';
import { academicYearLabel } from '../../domain/ks2/types';
import { keepServed, type Served } from '../la-scope';

export {
	ATTENTION_LIMIT,
	attentionGroups,
	awaitingAgreement,
	movedUp,
	openSelfReferrals,
	type Attention,
	type AttentionGroup,
	type AttentionLine,
	type AttentionList
} from './attention';
export { categoryCounts, categoryFlows, laEnglandTrend, resultYears, scatterSchools } from './charts';
export { VersionedCache } from './versioned-cache';

export interface ScatterView {
	year: number;
	/** Years with results, newest first, for the year picker. */
	years: number[];
	/** The year the categories colouring the dots are for. */
	categoryYear: number;
	/** Why this year was chosen, when it is not the one asked for or the latest ("no progress scores yet"). */
	note: string | null;
	/** Every school, for the chart's data page; the overview itself sends only the `drawing`. */
	schools: ScatterSchool[];
	/** The chart laid out: where each school's mark goes. */
	drawing: ScatterDrawing;
}

export interface StaffOverview {
	register: Awaited<ReturnType<typeof registerSummary>>;
	/** The latest results year with categories; null before the first analysis. */
	year: number | null;
	counts: { current: YearCounts; previous: YearCounts | null; waiting: number } | null;
	flow: { flows: FlowCount[]; fromLabel: string; toLabel: string } | null;
	scatter: ScatterView | null;
	trend: TrendSeries[];
	attention: Attention;
	/** The same, in words and links, as the page lists them. */
	attentionGroups: AttentionGroup[];
	/** Secure Plus schools holding a Quality Mark: who could lead support for others. */
	couldLeadSupport: number;
	/** How many schools have each DfE intervention status today, from the register (analysed or not). */
	interventions: Record<InterventionStatus, number>;
}

/**
 * The results year for the attainment against progress chart: the one asked for if it has results,
 * else the latest year with progress scores (saying so when that is not the latest year), else the latest.
 */
export function chooseScatterYear(
	years: readonly { year: number; withProgress: boolean }[],
	requested: number | null
): { year: number; note: string | null } | null {
	if (years.length === 0) return null;
	const latest = years[0];
	const asked = years.find((y) => y.year === requested);
	if (asked) {
		return {
			year: asked.year,
			note: asked.withProgress ? null : `There are no progress scores for ${academicYearLabel(asked.year)}, so schools are placed by attainment alone.`
		};
	}
	const chosen = ((): { year: number; note: string | null } => {
		if (latest.withProgress) return { year: latest.year, note: null };
		const withProgress = years.find((y) => y.withProgress);
		if (!withProgress) return { year: latest.year, note: `No year has progress scores yet, so schools are placed by attainment alone.` };
		return {
			year: withProgress.year,
			note: `There are no progress scores for ${academicYearLabel(latest.year)}, the latest results, so this shows ${academicYearLabel(withProgress.year)}, the latest year with progress scores. Choose another year to see it.`
		};
	})();
	// A year asked for that has no results (2019/20 to 2021/22 had none) is said, not passed over.
	if (requested === null) return chosen;
	const instead = `There are no school results for ${academicYearLabel(requested)}, so this shows ${academicYearLabel(chosen.year)}.`;
	return { year: chosen.year, note: chosen.note ? `${instead} ${chosen.note}` : instead };
}

const cache = new VersionedCache<StaffOverview>();

/**
 * Everything the staff overview shows. `scatterYear` is the `?year=` the person chose, if any.
 * It reads most of the database, so it is built once and reused until anything is written to it.
 */
export async function staffOverview(db: Db, options: OverviewOptions): Promise<StaffOverview> {
	return cache.get(db, JSON.stringify([options.today, options.scatterYear, options.las ?? null]), () => buildStaffOverview(db, options));
}

export interface OverviewOptions {
	scatterYear: number | null;
	today: string;
	/** The LAs whose schools it takes in (access.ts `servedLas`): null for every LA. */
	las?: readonly string[] | null;
}

async function buildStaffOverview(db: Db, options: OverviewOptions): Promise<StaffOverview> {
	const { today } = options;
	const served = options.las ?? null;
	const [register, year, years, schools, policy, allInterventions] = await Promise.all([
		registerSummary(db, served),
		latestCategoryYear(db, { las: served }),
		resultYears(db),
		db
			.selectFrom('schools')
			.select(['urn', 'name', 'la_code', 'la_name', 'status'])
			.$if(served !== null, (qb) => qb.where('la_code', 'in', served!))
			.execute(),
		// One LA's own policy for someone who serves that LA alone; the shared one otherwise.
		adoptedPolicy(db, served?.length === 1 ? served[0] : null),
		interventionStatuses(db, today)
	]);
	const names = new Map(schools.map((s) => [s.urn, s.name]));
	const urns: Served = served === null ? null : new Set(names.keys());
	// Of the open schools served: GIAS keeps closed ones in the register, with the last Ofsted outcome they had.
	const open = new Set(schools.filter((s) => !isClosed(s.status)).map((s) => s.urn));
	const interventions = new Map([...allInterventions].filter(([urn]) => open.has(urn)));
	const [current, previous, moderation] =
		year === null
			? [[], [], []]
			: await Promise.all([
					categoryStates(db, year).then((rows) => keepServed(urns, rows)),
					categoryStates(db, year - 1).then((rows) => keepServed(urns, rows)),
					moderationList(db, year, served, { summaries: false })
				]);

	const counts =
		year === null
			? null
			: {
					current: { label: academicYearLabel(year), counts: categoryCounts(current) },
					previous: previous.length > 0 ? { label: academicYearLabel(year - 1), counts: categoryCounts(previous) } : null,
					waiting: current.filter((s) => s.status !== 'agreed').length
				};
	const flows = categoryFlows(previous, current);
	const flow = year !== null && flows.length > 0 ? { flows, fromLabel: academicYearLabel(year - 1), toLabel: academicYearLabel(year) } : null;

	let scatter: ScatterView | null = null;
	const chosen = chooseScatterYear(years, options.scatterYear);
	if (chosen && year !== null) {
		// Colour by the category for that year's results where there is one, else by the latest.
		const own = chosen.year === year ? current : chosen.year === year - 1 ? previous : keepServed(urns, await categoryStates(db, chosen.year));
		const categoryYear = own.length > 0 ? chosen.year : year;
		const categories = new Map<number, Category>((own.length > 0 ? own : current).map((s) => [s.urn, s.category]));
		const plotted = await scatterSchools(db, chosen.year, categories, names, policy.policy.thresholds);
		scatter = {
			year: chosen.year,
			years: years.map((y) => y.year),
			categoryYear,
			note: chosen.note,
			schools: plotted,
			drawing: scatterDrawing(plotted)
		};
	}

	// Comparators only: asking for no schools' rows loads every year's LA and England figures.
	const { comparators } = await loadKs2ForAnalysis(db, { urns: [] });
	const laList = [
		...new Map(schools.filter((s) => s.la_code !== null).map((s) => [s.la_code as string, { code: s.la_code as string, name: s.la_name }])).values()
	];
	const holders = await currentQualityMarkHolders(db, today);
	const attention = await attentionLists(db, year, moderation, today, urns);
	return {
		register,
		year,
		counts,
		flow,
		scatter,
		trend: laEnglandTrend(comparators, laList),
		attention,
		attentionGroups: attentionGroups(attention),
		couldLeadSupport: current.filter((s) => s.category === 'secure_plus' && holders.has(s.urn)).length,
		interventions: countStatuses(interventions)
	};
}
