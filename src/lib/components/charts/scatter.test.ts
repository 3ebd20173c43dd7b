import { describe, expect, it } from 'vitest';
import { attainmentText, jitter, progressText, scatterPlan, type ScatterSchool } from './scatter';

const school = (urn: number, attainment: number | null, progress: number | null, category: ScatterSchool['category'] = 'secure'): ScatterSchool => ({
	urn,
	name: `School ${urn}`,
	category,
	attainment,
	progress: progress === null ? null : { score: progress, lower: progress - 2, upper: progress + 2 }
});

describe('scatterPlan', () => {
	it('plots schools with both figures, left to right, and sets the others aside', () => {
		const plan = scatterPlan([school(1, 5, 1), school(2, -10, 0.5), school(3, 5, -2), school(4, 3, null), school(5, null, 2)]);
		expect(plan.mode).toBe('scatter');
		expect(plan.plotted.map((s) => s.urn)).toEqual([2, 3, 1]);
		expect(plan.attainmentOnly.map((s) => s.urn)).toEqual([4]);
		expect(plan.missing.map((s) => s.urn)).toEqual([5]);
	});

	it('falls back to a strip by category in a year with no progress scores', () => {
		const plan = scatterPlan([school(1, 5, null, 'focus'), school(2, -3, null, 'secure'), school(3, -8, null, 'focus')]);
		expect(plan.mode).toBe('strip');
		expect(plan.attainmentOnly.map((s) => s.urn)).toEqual([2, 3, 1]);
	});

	it.each([
		['no schools', []],
		['no attainment', [school(1, null, null), school(2, null, 1)]]
	])('is empty with %s', (_, schools) => {
		expect(scatterPlan(schools).mode).toBe('empty');
	});
});

describe('scatter wording', () => {
	it.each([
		[-12, 'gap', '12 points below England'],
		[3.25, 'gap', '3.3 points above England'],
		[0, 'gap', 'level with England'],
		[48, 'percent', '48%'],
		[61.25, 'percent', '61.3%']
	] as const)('attainmentText(%d, %s) is %s', (value, measure, text) => {
		expect(attainmentText(value, measure)).toBe(text);
	});

	it('writes a progress score with its interval', () => {
		expect(progressText({ score: -1.2, lower: -3, upper: 0.6 })).toBe('-1.2 (95% confidence interval -3.0 to +0.6)');
	});
});

describe('jitter', () => {
	it('is fixed for a URN and lies in [-0.5, 0.5)', () => {
		const urns = [100000, 100001, 100002, 123456, 999999, 1];
		for (const urn of urns) {
			expect(jitter(urn)).toBe(jitter(urn));
			expect(jitter(urn)).toBeGreaterThanOrEqual(-0.5);
			expect(jitter(urn)).toBeLessThan(0.5);
		}
	});

	it('spreads neighbouring URNs apart', () => {
		const offsets = [100000, 100001, 100002, 100003, 100004].map(jitter);
		expect(new Set(offsets).size).toBe(5);
		expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(0.3);
	});
});
