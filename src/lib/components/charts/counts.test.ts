import { describe, expect, it } from 'vitest';
import { changePhrase, countCategories, countRows } from './counts';

describe('category counts', () => {
	it('tallies one category per school, with zeros for the rest', () => {
		expect(countCategories(['secure', 'focus', 'secure'])).toEqual({ secure_plus: 0, secure: 2, light_touch: 0, focus: 1, intensive: 0 });
	});

	it('makes a row for every category, with the change since last year', () => {
		const rows = countRows({ secure: 40, focus: 5 }, { secure: 38, focus: 7, intensive: 2 });
		expect(rows.map((r) => [r.category, r.label, r.count, r.previous, r.change])).toEqual([
			['secure_plus', 'Secure Plus', 0, 0, 0],
			['secure', 'Secure', 40, 38, 2],
			['light_touch', 'Light touch support', 0, 0, 0],
			['focus', 'Focus support', 5, 7, -2],
			['intensive', 'Intensive support', 0, 2, -2]
		]);
	});

	it('leaves the comparison empty with no previous year', () => {
		expect(countRows({ secure: 3 }, null).map((r) => [r.previous, r.change])).toEqual([
			[null, null],
			[null, null],
			[null, null],
			[null, null],
			[null, null]
		]);
	});

	it.each([
		[3, '3 more'],
		[-1, '1 fewer'],
		[0, 'no change']
	])('changePhrase(%i) is %s', (change, text) => {
		expect(changePhrase(change)).toBe(text);
	});
});
