import { describe, expect, it } from 'vitest';
import { lasPlannedApart, standingRuns, yearPlanRecord, type RunRecord } from './year-plan';
import type { Shortfall } from './plan-types';

const shortfall = (adviserId: number, urns: number[]): Shortfall => ({
	adviserId,
	adviserName: `Adviser ${adviserId}`,
	halfTerm: 'autumn_1',
	days: 1,
	urns,
	message: `Capacity short by 1 day in autumn 1 for Adviser ${adviserId}`
});

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

describe('yearPlanRecord', () => {
	const cases: { what: string; standing: RunRecord[]; apart: number[]; expected: Pick<RunRecord, 'categories' | 'shortfalls'> }[] = [
		{
			what: 'one run of every school is the whole plan',
			standing: [{ la: null, categories: { 1: 'focus', 2: 'secure' }, shortfalls: [shortfall(7, [1, 2])] }],
			apart: [],
			expected: { categories: { 1: 'focus', 2: 'secure' }, shortfalls: [shortfall(7, [1, 2])] }
		},
		{
			what: 'LAs planned apart add up',
			standing: [
				{ la: '936', categories: { 3: 'intensive' }, shortfalls: [shortfall(8, [3])] },
				{ la: '850', categories: { 1: 'focus', 2: 'secure' }, shortfalls: [shortfall(7, [1])] }
			],
			apart: [1, 2, 3],
			expected: { categories: { 3: 'intensive', 1: 'focus', 2: 'secure' }, shortfalls: [shortfall(8, [3]), shortfall(7, [1])] }
		},
		{
			what: 'an LA planned again replaces its part of the run of every school, even a school no longer agreed',
			standing: [
				{ la: '850', categories: { 1: 'intensive' }, shortfalls: [] },
				{ la: null, categories: { 1: 'focus', 2: 'secure', 3: 'light_touch' }, shortfalls: [shortfall(7, [2, 3])] }
			],
			// 850's schools are 1 and 2; 2 is no longer agreed.
			apart: [1, 2],
			expected: { categories: { 1: 'intensive', 3: 'light_touch' }, shortfalls: [shortfall(7, [3])] }
		},
		{
			what: 'a shortfall of every school that fell only on a replanned LA goes',
			standing: [
				{ la: '850', categories: { 1: 'focus' }, shortfalls: [] },
				{ la: null, categories: { 1: 'focus', 3: 'secure' }, shortfalls: [shortfall(7, [1])] }
			],
			apart: [1],
			expected: { categories: { 1: 'focus', 3: 'secure' }, shortfalls: [] }
		}
	];
	it.each(cases)('$what', ({ standing, apart, expected }) => {
		expect(yearPlanRecord(standing, new Set(apart))).toEqual(expected);
	});
});
