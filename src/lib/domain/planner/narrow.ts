import type { AdviserId, PlanInput, PlanResult } from './plan-types';
import { shortfallsOf } from './plan';

/** Which schools and advisers to keep; null keeps all of them. */
export interface PlanScope {
	urns: ReadonlySet<number> | null;
	advisers: ReadonlySet<AdviserId> | null;
}

/**
 * The part of a plan, and of the input behind it, about some schools and advisers: what someone
 * who serves only some LAs sees of it. An adviser kept keeps their whole capacity; only the work at
 * kept schools is counted against it, and their shortfalls are those of the kept schools' unplaced work.
 */
export function narrowPlan(input: PlanInput, result: PlanResult, scope: PlanScope): { input: PlanInput; result: PlanResult } {
	const school = (urn: number) => scope.urns === null || scope.urns.has(urn);
	const adviser = (id: AdviserId) => scope.advisers === null || scope.advisers.has(id);
	const unplaced = result.unplaced.filter((u) => school(u.urn));
	// Some schools' part of a shortfall is the days their own unplaced work needs, not the whole line's.
	const names = result.shortfalls.map((s) => ({ id: s.adviserId, name: s.adviserName }));
	const shortfalls = scope.urns === null ? result.shortfalls : shortfallsOf(unplaced, names);
	return {
		input: {
			...input,
			advisers: input.advisers.filter((a) => adviser(a.id)),
			schools: input.schools.filter((s) => school(s.urn)),
			...(input.fixed && { fixed: input.fixed.filter((f) => school(f.urn)) })
		},
		result: {
			engagements: result.engagements.filter((e) => school(e.urn)),
			unplaced,
			shortfalls: shortfalls.filter((s) => adviser(s.adviserId))
		}
	};
}
