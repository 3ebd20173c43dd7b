import { describe, expect, it } from 'vitest';
import { gapPhrase, list, pupilsPhrase } from './format';

describe('wording', () => {
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
		[-8.84, 'about 9 pupils'],
		[1.2, 'about 1 pupil'],
		[-0.3, 'less than 1 pupil']
	])('pupilsPhrase(%d) is %s', (n, text) => {
		expect(pupilsPhrase(n)).toBe(text);
	});
});
