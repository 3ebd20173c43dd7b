import { describe, expect, it } from 'vitest';
import { lasPlannedApart, standingRuns, yearPlanCategories, type RunRecord } from './year-plan';

describe('standingRuns', () => {
	const cases: { what: string; runs: { id: number; la: string | null }[]; standing: number[] }[] = [
		{ what: 'never planned', runs: [], standing: [] },
		{
			what: 'every school at once, twice',
			runs: [
				{ id: 2, la: null },
				{ id: 1, la: null }
			],
			standing: [2]
		},
		{
			what: 'each LA apart, the newest of each',
			runs: [
				{ id: 4, la: '936' },
				{ id: 3, la: '850' },
				{ id: 2, la: '936' },
				{ id: 1, la: '850' }
			],
			standing: [4, 3]
		},
		{
			what: 'one LA planned again after every school at once',
			runs: [
				{ id: 3, la: '850' },
				{ id: 2, la: null },
				{ id: 1, la: '936' }
			],
			standing: [3, 2]
		}
	];
	it.each(cases)('$what', ({ runs, standing }) => {
		expect(standingRuns(runs).map((r) => r.id)).toEqual(standing);
	});

	it('names the LAs planned apart', () => {
		expect(lasPlannedApart([{ la: '850' }, { la: null }])).toEqual(['850']);
		expect(lasPlannedApart([{ la: null }])).toEqual([]);
	});
});

describe('yearPlanCategories', () => {
	const cases: { what: string; standing: RunRecord[]; apart: number[]; expected: Record<string, string> }[] = [
		{
			what: 'one run of every school is the whole plan',
			standing: [{ la: null, categories: { 1: 'focus', 2: 'secure' } }],
			apart: [],
			expected: { 1: 'focus', 2: 'secure' }
		},
		{
			what: 'LAs planned apart add up',
			standing: [
				{ la: '936', categories: { 3: 'intensive' } },
				{ la: '850', categories: { 1: 'focus', 2: 'secure' } }
			],
			apart: [1, 2, 3],
			expected: { 3: 'intensive', 1: 'focus', 2: 'secure' }
		},
		{
			what: 'an LA planned again replaces its part of the run of every school, even a school no longer agreed',
			standing: [
				{ la: '850', categories: { 1: 'intensive' } },
				{ la: null, categories: { 1: 'focus', 2: 'secure', 3: 'light_touch' } }
			],
			// 850's schools are 1 and 2; 2 is no longer agreed.
			apart: [1, 2],
			expected: { 1: 'intensive', 3: 'light_touch' }
		}
	];
	it.each(cases)('$what', ({ standing, apart, expected }) => {
		expect(yearPlanCategories(standing, new Set(apart))).toEqual(expected);
	});
});
