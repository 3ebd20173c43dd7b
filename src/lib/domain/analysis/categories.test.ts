import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_LABELS, categoryRank, compareCategories, isCategory, isHighSupport } from './categories';

describe('categories', () => {
	it.each([
		['secure_plus', 0, 'Secure Plus', false],
		['secure', 1, 'Secure', false],
		['light_touch', 2, 'Light touch support', false],
		['focus', 3, 'Focus support', true],
		['intensive', 4, 'Intensive support', true]
	] as const)('%s has rank %i, label %s, high support %s', (category, rank, label, high) => {
		expect(categoryRank(category)).toBe(rank);
		expect(CATEGORY_LABELS[category]).toBe(label);
		expect(isHighSupport(category)).toBe(high);
	});

	it('sorts from least to most support', () => {
		expect(['intensive', 'secure', 'focus', 'secure_plus', 'light_touch'].sort((a, b) => compareCategories(a as never, b as never))).toEqual([...CATEGORIES]);
	});

	it.each([
		['focus', true],
		['Focus', false],
		['', false],
		[null, false],
		[3, false]
	])('isCategory(%j) is %s', (value, expected) => {
		expect(isCategory(value)).toBe(expected);
	});
});
