import { describe, expect, it } from 'vitest';
import { compareLas, isMovement, movement, type SchoolFacts } from './la-comparison';
import type { Category } from './analysis/categories';

describe('how a category moved since last year', () => {
	it.each<[Category | null, Category, string]>([
		[null, 'focus', 'new'],
		['secure', 'focus', 'more'],
		['secure_plus', 'intensive', 'more'],
		['intensive', 'focus', 'less'],
		['light_touch', 'secure_plus', 'less'],
		['secure', 'secure', 'same']
	])('%s to %s is %s', (from, to, moved) => expect(movement(from, to)).toBe(moved));

	it.each([
		['more', true],
		['up', false],
		['', false]
	])('%o is a movement: %s', (value, is) => expect(isMovement(value)).toBe(is));
});

const school = (urn: number, laCode: string, facts: Partial<SchoolFacts> = {}): SchoolFacts => ({
	urn,
	laCode,
	category: null,
	lastYear: null,
	intervention: null,
	holdsQualityMark: false,
	...facts
});

describe('the LAs side by side', () => {
	const las = [
		{ code: '936', name: 'Surrey' },
		{ code: '850', name: 'Hampshire' }
	];
	const rows = compareLas(
		las,
		[
			school(1, '850', { category: 'focus', lastYear: 'secure', holdsQualityMark: true }),
			school(2, '850', { category: 'secure', lastYear: 'secure', intervention: 'special_measures' }),
			school(3, '850'),
			school(4, '936', { category: 'secure_plus', lastYear: 'secure', holdsQualityMark: true }),
			school(5, '936', { category: 'intensive', intervention: 'rise_targeted', holdsQualityMark: true }),
			school(6, '938', { category: 'focus' })
		],
		new Map([['850', { planned: 12.5, available: 40 }]])
	);

	it('keeps the LAs in the order given, and leaves out schools of LAs not listed', () => {
		expect(rows.map((r) => [r.code, r.name, r.schools])).toEqual([
			['936', 'Surrey', 2],
			['850', 'Hampshire', 3]
		]);
	});

	it.each([
		['850', { secure_plus: 0, secure: 1, light_touch: 0, focus: 1, intensive: 0, none: 1 }, { more: 1, less: 0, same: 1, new: 0 }],
		['936', { secure_plus: 1, secure: 0, light_touch: 0, focus: 0, intensive: 1, none: 0 }, { more: 0, less: 1, same: 0, new: 1 }]
	])('LA %s: categories and movement', (code, byCategory, moved) => {
		const row = rows.find((r) => r.code === code)!;
		expect(row.byCategory).toEqual(byCategory);
		expect(row.movement).toEqual(moved);
	});

	it.each([
		['850', { special_measures: 1, requires_significant_improvement: 0, rise_targeted: 0 }, { holding: 1, percent: 33 }, { planned: 12.5, available: 40 }],
		['936', { special_measures: 0, requires_significant_improvement: 0, rise_targeted: 1 }, { holding: 2, percent: 100 }, null]
	])('LA %s: interventions, Quality Marks and adviser days', (code, interventions, qualityMark, days) => {
		const row = rows.find((r) => r.code === code)!;
		expect(row.interventions).toEqual(interventions);
		expect(row.qualityMark).toEqual(qualityMark);
		expect(row.days).toEqual(days);
	});

	it('an LA with no schools has noughts, not a division by nought', () => {
		const [empty] = compareLas([{ code: '999', name: 'Empty' }], [], new Map());
		expect(empty.schools).toBe(0);
		expect(empty.qualityMark).toEqual({ holding: 0, percent: 0 });
	});
});
