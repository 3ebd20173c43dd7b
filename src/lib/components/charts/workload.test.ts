import { describe, expect, it } from 'vitest';
import { loadParts, maxDays, overCapacityCount, type AdviserLoad } from './workload';

describe('loadParts', () => {
	it.each<[number, number, ReturnType<typeof loadParts>]>([
		[8.5, 6, { within: 6, over: 2.5, spare: 0, isOver: true, phrase: 'over by 2.5 days', text: '8.5 of 6 days planned, over by 2.5 days' }],
		[4.5, 6, { within: 4.5, over: 0, spare: 1.5, isOver: false, phrase: '1.5 days spare', text: '4.5 of 6 days planned, 1.5 days spare' }],
		[6, 6, { within: 6, over: 0, spare: 0, isOver: false, phrase: 'at capacity', text: '6 of 6 days planned, at capacity' }],
		[1, 0, { within: 0, over: 1, spare: 0, isOver: true, phrase: 'over by 1 day', text: '1 of 0 days planned, over by 1 day' }],
		[0, 1, { within: 0, over: 0, spare: 1, isOver: false, phrase: '1 day spare', text: '0 of 1 day planned, 1 day spare' }],
		// Rounding noise from adding quarter days is not "over".
		[0.1 + 0.2, 0.3, { within: 0.3, over: 0, spare: 0, isOver: false, phrase: 'at capacity', text: '0.3 of 0.3 days planned, at capacity' }]
	])('%d planned of %d', (planned, capacity, parts) => {
		const actual = loadParts(planned, capacity);
		expect({ ...actual, within: Math.round(actual.within * 100) / 100 }).toEqual(parts);
	});
});

describe('workload totals', () => {
	const advisers: AdviserLoad[] = [
		{
			adviser: 'A',
			halfTerms: [
				{ label: 'Autumn 1', planned: 7, capacity: 6 },
				{ label: 'Autumn 2', planned: 3, capacity: 6 }
			]
		},
		{
			adviser: 'B',
			halfTerms: [
				{ label: 'Autumn 1', planned: 9.5, capacity: 8 },
				{ label: 'Autumn 2', planned: 8, capacity: 8 }
			]
		}
	];

	it('finds the largest figure to scale bars by', () => {
		expect(maxDays(advisers)).toBe(9.5);
		expect(maxDays([])).toBe(0);
	});

	it('counts the half terms over capacity', () => {
		expect(overCapacityCount(advisers)).toBe(2);
		expect(overCapacityCount([])).toBe(0);
	});
});
