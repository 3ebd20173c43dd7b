import type { Db } from '../db';
import { buildPlanInput } from './plan-input';
import { latestPlanRun, planInputsChangedSince, schoolsChangedSince, storedPlan, type PlanRunSummary } from './planning';
import { capacitySummary, type CapacitySummary } from '../../domain/planner/capacity-summary';
import type { PlanResult } from '../../domain/planner/plan-types';
import { narrowPlan, type PlanScope } from '../../domain/planner/narrow';
import { servedLas, type Actor } from '../../domain/access';
import { urnsOfLas, usersServing } from '../la-scope';

/**
 * The schools and advisers of the LAs someone serves, for `capacityView`; with `la`, of that LA
 * alone (the comparison page links there), when they serve it. An LA they do not serve gives nothing.
 */
export async function planScopeOf(db: Db, actor: Actor, la: string | null = null): Promise<PlanScope> {
	const served = servedLas(actor);
	const las = la === null ? served : served === null || served.includes(la) ? [la] : [];
	const [urns, advisers] = await Promise.all([urnsOfLas(db, las), usersServing(db, las)]);
	return { urns, advisers };
}

/**
 * The LA whose term dates and closures a capacity view counts days on: the one asked for, else the
 * one LA someone serves, else those every LA shares.
 */
export function calendarLaOf(actor: Actor, la: string | null = null): string | null {
	const served = servedLas(actor);
	return la ?? (served?.length === 1 ? served[0] : null);
}

export interface CapacityView {
	run: PlanRunSummary | null;
	summary: CapacitySummary;
	result: PlanResult;
	/** Schools whose agreed category has changed since the plan was made. */
	changedSince: number[];
	/** Templates, term dates, closures, capacity, days off or link advisers changed since, in words. */
	inputsChanged: string[];
}

/**
 * The stored plan of a year measured against what advisers have: days needed by category, each
 * adviser's planned days and capacity per half term, the LA total, the shortfall and the schools
 * it falls on. Read from the current categories, capacity and term dates, so it also shows when
 * the plan has fallen out of date.
 */
export async function capacityView(db: Db, year: number, scope: PlanScope = { urns: null, advisers: null }, la: string | null = null): Promise<CapacityView> {
	// One LA's capacity is read against its own term dates and closures (buildPlanInput).
	const [whole, stored, run] = await Promise.all([buildPlanInput(db, year, null, la), storedPlan(db, year), latestPlanRun(db, year, la ?? undefined)]);
	// Someone who serves some LAs sees their schools and advisers only (la-scope.ts).
	const { input, result } = narrowPlan(whole, stored, scope);
	return {
		run,
		result,
		summary: capacitySummary(input, result),
		changedSince: run ? schoolsChangedSince(run, input.schools, scope.urns) : [],
		inputsChanged: run ? await planInputsChangedSince(db, run) : []
	};
}
