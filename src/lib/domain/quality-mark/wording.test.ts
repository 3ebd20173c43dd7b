import { describe, expect, it } from 'vitest';
import { count, describeChoices, hasText } from './wording';

describe('wording helpers', () => {
	it.each([
		[[], ''],
		[['Registered'], 'Registered'],
		[['Registered', 'Not engaged'], 'Registered or Not engaged'],
		[['A', 'B', 'C'], 'A, B or C']
	])('describeChoices(%j) is %j', (labels, text) => {
		expect(describeChoices(labels)).toBe(text);
	});

	it('can end a list with "and"', () => {
		expect(describeChoices(['A', 'B'], 'and')).toBe('A and B');
	});

	it.each([
		[1, '1 more strand'],
		[2, '2 more strands']
	])('count(%i) is %j', (n, text) => {
		expect(count(n, 'more strand')).toBe(text);
	});

	it.each([
		['x', true],
		[' \n ', false],
		['', false],
		[null, false],
		[undefined, false]
	])('hasText(%j) is %s', (value, expected) => {
		expect(hasText(value)).toBe(expected);
	});
});
