import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../domain/analysis/categories';

/** Schools per category. A category left out has no schools. */
export type CategoryCountMap = Partial<Record<Category, number>>;

export interface CountRow {
	category: Category;
	label: string;
	count: number;
	/** Null when there is no previous year to compare with. */
	previous: number | null;
	change: number | null;
}

/** Tally a list of categories, one per school. */
export function countCategories(categories: readonly Category[]): Record<Category, number> {
	const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	for (const c of categories) counts[c]++;
	return counts;
}

/** One row per category, in category order, whether or not it has schools. */
export function countRows(current: CategoryCountMap, previous: CategoryCountMap | null): CountRow[] {
	return CATEGORIES.map((category) => {
		const count = current[category] ?? 0;
		const before = previous ? (previous[category] ?? 0) : null;
		return { category, label: CATEGORY_LABELS[category], count, previous: before, change: before === null ? null : count - before };
	});
}

/** "3 more", "1 fewer", "no change": short enough to sit in brackets after last year's count. */
export function changePhrase(change: number): string {
	if (change === 0) return 'no change';
	return `${Math.abs(change)} ${change > 0 ? 'more' : 'fewer'}`;
}
