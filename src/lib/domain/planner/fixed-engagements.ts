import type { FixedEngagement } from './plan-types';
import type { Requirement } from './requirements';

/**
 * Which requirements of a school's current category its confirmed and completed engagements
 * already meet. First by template and occurrence (the common case: nothing changed); then, for a
 * school that changed category, by activity: a completed desktop analysis or initial visit
 * counts for the new category when its date falls in that requirement's window. Anything left
 * over is kept in the plan but meets nothing.
 *
 * `fixed` must be sorted (by date, then id) so the matching is the same whatever order the
 * caller used. Returns, for each fixed engagement, the index of the requirement it meets.
 */
export function matchFixed(
	requirements: readonly Requirement[],
	spans: readonly { first: number; last: number }[],
	fixed: readonly { engagement: FixedEngagement; day: number }[]
): (number | null)[] {
	const taken = new Set<number>();
	const result: (number | null)[] = fixed.map(({ engagement }) => {
		const index = requirements.findIndex((r, i) => !taken.has(i) && r.template.id === engagement.templateId && r.sequence === engagement.sequence);
		if (index < 0) return null;
		taken.add(index);
		return index;
	});
	fixed.forEach(({ engagement, day }, f) => {
		if (result[f] !== null) return;
		const index = requirements.findIndex(
			(r, i) => !taken.has(i) && r.template.activity === engagement.activity && spans[i].first <= day && day <= spans[i].last
		);
		if (index >= 0) {
			taken.add(index);
			result[f] = index;
		}
	});
	return result;
}
