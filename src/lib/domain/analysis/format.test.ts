import { describe, expect, it } from 'vitest';
import { gapPhrase, list, longDate, num, pupilsPhrase, signed } from './format';

describe('wording', () => {
	it.each([
		[48, '48'],
		[61.25, '61.3'],
		[-0.01, '0'],
		[-3.5, '-3.5']
	])('num(%d) is %s', (x, text) => {
		expect(num(x)).toBe(text);
	});

	it.each([
		[-17, '17 points below'],
		[-1, '1 point below'],
		[2.5, '2.5 points above'],
		[0.02, 'level with']
	])('gapPhrase(%d) is %s', (gap, text) => {
		expect(gapPhrase(gap)).toBe(text);
	});

	it.each([
		[[], ''],
		[['a'], 'a'],
		[['a', 'b'], 'a and b'],
		[['a', 'b', 'c'], 'a, b and c']
	])('list(%j) is %j', (items, text) => {
		expect(list(items)).toBe(text);
	});

	it.each([
		['2019-03-12', '12 March 2019'],
		['2025-12-01', '1 December 2025'],
		['not a date', 'not a date']
	])('longDate(%s) is %s', (iso, text) => {
		expect(longDate(iso)).toBe(text);
	});

	it.each([
		[-8.84, 'about 9 pupils'],
		[1.2, 'about 1 pupil'],
		[-0.3, 'less than 1 pupil']
	])('pupilsPhrase(%d) is %s', (n, text) => {
		expect(pupilsPhrase(n)).toBe(text);
	});

	it.each([
		[1.23, '+1.2'],
		[-3.9, '-3.9'],
		[0.01, '0']
	])('signed(%d) is %s', (x, text) => {
		expect(signed(x)).toBe(text);
	});
});
