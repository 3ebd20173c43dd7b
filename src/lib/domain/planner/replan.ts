import type { IsoDate } from '../calendar/iso-date';
import { plan } from './plan';
import type { AdviserId, Engagement, FixedEngagement, PlanInput, PlanResult } from './plan-types';

export interface EngagementMove {
	id: string;
	urn: number;
	label: string;
	from: { date: IsoDate; adviserId: AdviserId };
	to: { date: IsoDate; adviserId: AdviserId };
}

/** What re-planning changed, for people to review before they accept it. */
export interface PlanDiff {
	moved: EngagementMove[];
	added: Engagement[];
	removed: { engagement: Engagement; reason: string }[];
	unchanged: number;
}

/**
 * Plans the year again (after a category change, a new adviser, new closures) keeping every
 * completed and confirmed engagement of the previous plan exactly where it is and replacing the
 * rest. Fixed engagements given in `input.fixed` win over the previous plan's copy of the same id.
 * Set `input.notBefore` to today so nothing new is planned in the past.
 */
export function replan(previous: PlanResult, input: PlanInput): { result: PlanResult; diff: PlanDiff } {
	const fixed = new Map<string, FixedEngagement>();
	for (const engagement of previous.engagements) {
		if (engagement.status === 'planned') continue;
		const { halfTerm: _halfTerm, fulfils: _fulfils, ...rest } = engagement;
		fixed.set(engagement.id, { ...rest, status: engagement.status });
	}
	for (const engagement of input.fixed ?? []) fixed.set(engagement.id, engagement);

	const result = plan({ ...input, fixed: [...fixed.values()] });
	return { result, diff: diffPlans(previous, result, input) };
}

export function diffPlans(previous: PlanResult, next: PlanResult, input: Pick<PlanInput, 'schools'>): PlanDiff {
	const before = new Map(previous.engagements.map((e) => [e.id, e]));
	const after = new Map(next.engagements.map((e) => [e.id, e]));
	const nowUnplaced = new Map(next.unplaced.map((u) => [u.id, u]));
	const schools = new Set(input.schools.map((s) => s.urn));

	const diff: PlanDiff = { moved: [], added: [], removed: [], unchanged: 0 };
	for (const engagement of next.engagements) {
		const old = before.get(engagement.id);
		if (!old) diff.added.push(engagement);
		else if (old.date !== engagement.date || old.adviserId !== engagement.adviserId) {
			diff.moved.push({
				id: engagement.id,
				urn: engagement.urn,
				label: engagement.label,
				from: { date: old.date, adviserId: old.adviserId },
				to: { date: engagement.date, adviserId: engagement.adviserId }
			});
		} else diff.unchanged++;
	}
	for (const engagement of previous.engagements) {
		if (after.has(engagement.id)) continue;
		const reason =
			nowUnplaced.get(engagement.id)?.reason ??
			(schools.has(engagement.urn) ? "The school's support category no longer includes it." : 'The school is no longer in the plan.');
		diff.removed.push({ engagement, reason });
	}
	return diff;
}
