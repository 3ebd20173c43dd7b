import { describe, expect, it } from 'vitest';
import { pupilGroupRows, scaledScoreRows, stateFunded, type BreakdownFigures } from './pupil-groups';

// As the import stores them: breakdown -> subject -> [expected %, higher %, average scaled score, ...].
const school: BreakdownFigures = {
	Total: { 'Reading, writing and maths': [46, 5], Reading: [58, 8, 103], Writing: [58, 8], Maths: [58, 8, 'c'] },
	disadvantaged: { 'reading, writing and maths': ['c', 'c'] },
	'Not disadvantaged': { 'Reading, writing and maths': [52] },
	Boys: { 'Reading, writing and maths': [40, 3] },
	Girls: { 'Reading, writing and maths': [52, 7] }
};
const la: BreakdownFigures = {
	Total: { 'Reading, writing and maths': [60, 8], Reading: [72, 10, 104], Maths: [72, 10, 104], 'Grammar, punctuation and spelling': [70, 20, 105] },
	Disadvantaged: { 'Reading, writing and maths': [42, 0] },
	'SEN support': { 'Reading, writing and maths': [20] }
};
const england: BreakdownFigures = { Total: { 'Reading, writing and maths': [62, 8], Reading: [74, 11, 105] } };

describe('pupil groups beside the LA and England', () => {
	it.each([
		['All pupils', 46, 60, 62],
		['Disadvantaged', 'c', 42, null],
		['Not disadvantaged', 52, null, null],
		['Boys', 40, null, null],
		['Girls', 52, null, null],
		['SEN support', null, 20, null]
	])('%s: school %s, LA %s, England %s', (label, s, l, e) => {
		expect(pupilGroupRows({ school, la, england }).find((r) => r.label === label)).toEqual({ label, school: s, la: l, england: e });
	});

	it('lists groups in a fixed order and leaves out those nobody publishes', () => {
		expect(pupilGroupRows({ school, la, england }).map((r) => r.label)).toEqual([
			'All pupils',
			'Disadvantaged',
			'Not disadvantaged',
			'Boys',
			'Girls',
			'SEN support'
		]);
		expect(pupilGroupRows({ school: null, la: null, england: null })).toEqual([]);
	});

	it('gives average scaled scores by subject, keeping a withheld figure as its symbol', () => {
		expect(scaledScoreRows({ school, la, england })).toEqual([
			{ label: 'Reading', school: 103, la: 104, england: 105 },
			{ label: 'Maths', school: 'c', la: 104, england: null },
			{ label: 'Grammar, punctuation and spelling', school: null, la: 105, england: null }
		]);
	});
});

describe('an area row by establishment type', () => {
	it.each([
		['All state funded', true],
		['All state-funded', true],
		['all  state funded', true],
		['Academies', false]
	])('%s: found %s', (type, found) => {
		expect(stateFunded({ [type]: la }) === la).toBe(found);
	});
	it('gives nothing for no row', () => expect(stateFunded(null)).toBeNull());
});
