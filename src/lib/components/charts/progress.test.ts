import { describe, expect, it } from 'vitest';
import { meanProgress, noProgressNote, significanceTone, significanceWording, usableScores, type ProgressScore, type ProgressStatus } from './progress';

const score = (subject: ProgressScore['subject'], status: ProgressStatus, s: number | null, lower: number | null, upper: number | null): ProgressScore => ({
	subject,
	status,
	score: s,
	lower,
	upper
});

describe('significance', () => {
	it.each<[ProgressStatus, string, ReturnType<typeof significanceTone>]>([
		['well_above', 'Well above average', 'above'],
		['above', 'Significantly above average', 'above'],
		['average', 'Not significantly different from average', 'average'],
		['below', 'Significantly below average', 'below'],
		['well_below', 'Well below average', 'below'],
		['not_published', 'Not published', null],
		['low_coverage', 'Not used: fewer than half the pupils covered', null]
	])('%s reads "%s" in the %s colour', (status, words, tone) => {
		expect(significanceWording(status)).toBe(words);
		expect(significanceTone(status)).toBe(tone);
	});
});

describe('meanProgress', () => {
	it.each<[string, ProgressScore[], ReturnType<typeof meanProgress>]>([
		[
			'averages the three scores and their limits',
			[score('reading', 'below', -3, -5, -1), score('writing', 'average', 0, -2, 2), score('maths', 'average', 1.5, -0.5, 3.5)],
			{ score: -0.5, lower: -2.5, upper: 1.5, subjects: 3 }
		],
		[
			'leaves out unpublished and low-coverage subjects',
			[score('reading', 'above', 2, 0.5, 3.5), score('writing', 'low_coverage', -6, -9, -3), score('maths', 'not_published', null, null, null)],
			{ score: 2, lower: 0.5, upper: 3.5, subjects: 1 }
		],
		['leaves out a banded score with no interval', [score('reading', 'below', -2, null, null)], null],
		['is null in a year with no progress', [score('reading', 'not_published', null, null, null), score('maths', 'not_published', null, null, null)], null],
		['is null for no subjects', [], null]
	])('%s', (_, scores, expected) => {
		expect(meanProgress(scores)).toEqual(expected);
	});

	it('keeps the subjects it could use, in order', () => {
		const scores = [score('reading', 'average', 0, -1, 1), score('writing', 'not_published', null, null, null), score('maths', 'well_below', -5, -7, -3)];
		expect(usableScores(scores).map((s) => s.subject)).toEqual(['reading', 'maths']);
	});
});

describe('noProgressNote', () => {
	it.each([
		[2020, /2019\/20: the tests were cancelled/],
		[2021, /2020\/21: the tests were cancelled/],
		[2022, /No school-level KS2 results were published for 2021\/22/],
		[2024, /no KS2 progress scores for 2023\/24: these pupils have no KS1 baseline/],
		[2025, /no KS2 progress scores for 2024\/25/],
		[2019, /No progress scores were published for 2018\/19, for example because the cohort was too small/]
	])('explains %i', (year, pattern) => {
		expect(noProgressNote(year)).toMatch(pattern);
	});
});
