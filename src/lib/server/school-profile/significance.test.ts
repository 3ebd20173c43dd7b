import { describe, expect, it } from 'vitest';
import { compareWith, wilsonInterval } from './significance';

describe('wilsonInterval', () => {
	it('matches the published Wilson interval for 15 of 30 pupils', () => {
		const { lower, upper } = wilsonInterval(50, 30);
		expect(lower).toBeCloseTo(33.15, 1);
		expect(upper).toBeCloseTo(66.85, 1);
	});

	it('stays within 0 to 100% at the extremes', () => {
		expect(wilsonInterval(0, 10).lower).toBe(0);
		expect(wilsonInterval(0, 10).upper).toBeCloseTo(27.75, 1);
		expect(wilsonInterval(100, 10).upper).toBeCloseTo(100, 6);
		expect(wilsonInterval(100, 10).upper).toBeLessThanOrEqual(100);
	});
});

describe('compareWith', () => {
	it('calls a large gap in a big cohort significant, in words', () => {
		expect(compareWith(80, 60, 60, 'England')).toEqual({ difference: 20, tone: 'above', label: 'Significantly above', detail: '20 points above England' });
		expect(compareWith(35, 60, 60, 'England')).toMatchObject({ tone: 'below', label: 'Significantly below', detail: '25 points below England' });
	});

	it('does not call the same gap significant in a small cohort', () => {
		expect(compareWith(80, 60, 10, 'England')).toMatchObject({ tone: 'average', label: 'Not significantly different', detail: '20 points above England' });
	});

	it('says level when there is no gap', () => {
		expect(compareWith(61, 61, 30, 'Westmoor (LA)')).toMatchObject({ difference: 0, tone: 'average', detail: 'Level with Westmoor (LA)' });
	});

	it('does not test without a figure, a comparator or a cohort size', () => {
		expect(compareWith(null, 60, 30, 'England')).toMatchObject({ difference: null, tone: null, label: 'Not tested' });
		expect(compareWith(70, null, 30, 'England')).toMatchObject({ difference: null, tone: null, detail: 'No figure for England' });
		expect(compareWith(70, 60, null, 'England')).toMatchObject({ difference: 10, tone: null, label: 'Not tested' });
	});
});
