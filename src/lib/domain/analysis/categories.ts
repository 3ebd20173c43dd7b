/**
 * The five support categories of docs/categories.md, from least to most support.
 * The array order is the rank: everything that compares categories goes through `categoryRank`.
 */
export const CATEGORIES = ['secure_plus', 'secure', 'light_touch', 'focus', 'intensive'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
	secure_plus: 'Secure Plus',
	secure: 'Secure',
	light_touch: 'Light touch support',
	focus: 'Focus support',
	intensive: 'Intensive support'
};

/** 0 for Secure Plus up to 4 for Intensive support: a higher rank means more support. */
export function categoryRank(category: Category): number {
	return CATEGORIES.indexOf(category);
}

/** Negative when `a` needs less support than `b`; for sorting lists of schools by need. */
export function compareCategories(a: Category, b: Category): number {
	return categoryRank(a) - categoryRank(b);
}

export function isCategory(value: unknown): value is Category {
	return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** Focus and Intensive schools join the Project Board and the Tier 1/2 programme. */
export function isHighSupport(category: Category): boolean {
	return categoryRank(category) >= categoryRank('focus');
}
