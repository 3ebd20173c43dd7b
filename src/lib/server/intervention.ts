import type { Db } from './db';
import { registers } from './soft-intelligence/repository';
import { OFSTED_TYPES } from '../domain/analysis/soft-intelligence';
import { INTERVENTION_STATUSES, interventionStatus, type Intervention, type InterventionStatus } from '../domain/analysis/intervention';

/*
 * DfE's intervention status of each school (docs/ofsted.md), worked out live from the
 * soft-intelligence register as it stands on `asOf` (today, on every page). Nothing is stored: a
 * status follows an imported or recorded inspection at once, without re-running the analysis, and
 * it never touches the support category. One register query however many schools are asked about.
 */

export type { Intervention, InterventionStatus } from '../domain/analysis/intervention';

/** urn → status, for the schools given (all schools when `urns` is left out). Schools with no status are absent. */
export async function interventionStatuses(db: Db, asOf: string, urns?: readonly number[]): Promise<Map<number, Intervention>> {
	const out = new Map<number, Intervention>();
	if (urns !== undefined && urns.length === 0) return out;
	for (const [urn, entries] of await registers(db, urns, OFSTED_TYPES)) {
		const status = interventionStatus(entries, asOf);
		if (status !== null) out.set(urn, status);
	}
	return out;
}

/** One school's status, or null. */
export async function schoolIntervention(db: Db, urn: number, asOf: string): Promise<Intervention | null> {
	return (await interventionStatuses(db, asOf, [urn])).get(urn) ?? null;
}

/** How many schools have each status. */
export function countStatuses(statuses: ReadonlyMap<number, Intervention>): Record<InterventionStatus, number> {
	const counts = Object.fromEntries(INTERVENTION_STATUSES.map((s) => [s, 0])) as Record<InterventionStatus, number>;
	for (const { status } of statuses.values()) counts[status] += 1;
	return counts;
}

/** The URNs with this status, lowest first. */
export function urnsWithStatus(statuses: ReadonlyMap<number, Intervention>, status: InterventionStatus): number[] {
	return [...statuses]
		.filter(([, i]) => i.status === status)
		.map(([urn]) => urn)
		.sort((a, b) => a - b);
}
