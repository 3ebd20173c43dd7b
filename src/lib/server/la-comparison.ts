import type { Db } from './db';
import { categoryStates, latestCategoryYear } from './analysis/categories';
import { interventionStatuses } from './intervention';
import { currentQualityMarkHolders } from './quality-mark/queries';
import { buildPlanInput } from './schedule/plan-input';
import { latestPlanRun, storedPlan } from './schedule/planning';
import { defaultScheduleYear } from './schedule/years';
import { usersServing } from './la-scope';
import { stillOpen } from './schools';
import { servedLas, type Actor } from '../domain/access';
import { compareLas, type LaComparisonRow, type LaDays } from '../domain/la-comparison';
import { capacitySummary } from '../domain/planner/capacity-summary';
import { narrowPlan } from '../domain/planner/narrow';
import type { Category } from '../domain/analysis/categories';

export interface LaComparison {
	/** The results year of the categories compared; null before the first analysis. */
	year: number | null;
	/** The school year whose plan gives the adviser days; null when it has none. */
	planYear: number | null;
	rows: LaComparisonRow[];
}

/**
 * The LAs someone serves, side by side (domain/la-comparison.ts): every LA in the register for
 * someone who serves every LA. Adviser days come from the plan of the school year the schedule
 * opens on: an LA's advisers are those who serve it, and someone who serves every LA is counted in each.
 */
export async function laComparison(db: Db, actor: Actor, today: string): Promise<LaComparison> {
	const las = servedLas(actor);
	const schools = await db
		.selectFrom('schools')
		.select(['urn', 'la_code', 'la_name'])
		.where('la_code', 'is not', null)
		// Open schools: GIAS keeps closed ones in the register, and they are not analysed.
		.where(stillOpen('status'))
		.$if(las !== null, (qb) => qb.where('la_code', 'in', las!))
		.execute();
	const names = new Map<string, string>();
	for (const s of schools) if (!names.has(s.la_code!) || s.la_name) names.set(s.la_code!, s.la_name ?? `LA ${s.la_code}`);
	const order = [...names].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code));

	const year = await latestCategoryYear(db, { las });
	const [current, previous, interventions, holders] = await Promise.all([
		year === null ? [] : categoryStates(db, year),
		year === null ? [] : categoryStates(db, year - 1),
		interventionStatuses(db, today),
		currentQualityMarkHolders(db, today)
	]);
	const now = new Map<number, Category>(current.map((c) => [c.urn, c.category]));
	const before = new Map<number, Category>(previous.map((c) => [c.urn, c.category]));
	const facts = schools.map((s) => ({
		urn: s.urn,
		laCode: s.la_code!,
		category: now.get(s.urn) ?? null,
		lastYear: before.get(s.urn) ?? null,
		intervention: interventions.get(s.urn)?.status ?? null,
		holdsQualityMark: holders.has(s.urn)
	}));

	const planYear = await defaultScheduleYear(db, today);
	const days = new Map<string, LaDays>();
	const planned = (await latestPlanRun(db, planYear)) !== null;
	if (planned) {
		const result = await storedPlan(db, planYear);
		for (const la of order) {
			// Each LA's available days are counted on its own term dates and closures.
			const input = await buildPlanInput(db, planYear, null, la.code);
			const urns = new Set(facts.filter((f) => f.laCode === la.code).map((f) => f.urn));
			const narrowed = narrowPlan(input, result, { urns, advisers: await usersServing(db, [la.code]) });
			const { total } = capacitySummary(narrowed.input, narrowed.result);
			days.set(la.code, { planned: total.planned, available: total.available });
		}
	}
	return { year, planYear: planned ? planYear : null, rows: compareLas(order, facts, days) };
}
