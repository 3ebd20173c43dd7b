import { describe, expect, it } from 'vitest';
import { linearTicks, paddedDomain, svgNumber, symmetricDomain, whiskerPath, type DomainOptions } from './scales';

describe('paddedDomain', () => {
	it.each<[string, (number | null)[], DomainOptions, [number, number]]>([
		['pads and rounds out the data', [12, 87], {}, [0, 100]],
		['rounds to nice numbers', [-3.2, 2.7], {}, [-3.5, 3]],
		['includes a reference value outside the data', [3, 6], { include: [0] }, [-0.5, 6.5]],
		['clamps a percentage', [5, 99], { clamp: [0, 100] }, [0, 100]],
		['gives a single value some span', [5], {}, [4, 6]],
		['gives a single zero a span', [0], {}, [-1, 1]],
		['ignores nulls and non-finite values', [null, 4, Number.NaN, 8, null], {}, [3.5, 8.5]],
		['falls back with no values', [], { fallback: [-5, 5] }, [-5, 5]],
		['falls back to 0 to 1 by default', [null], {}, [0, 1]],
		['uses the padding asked for', [0, 10], { padding: 0.5 }, [-6, 16]]
	])('%s', (_, values, options, expected) => {
		expect(paddedDomain(values, options)).toEqual(expected);
	});
});

describe('symmetricDomain', () => {
	it.each<[string, (number | null)[], number, [number, number]]>([
		['centres on 0 around the furthest value', [-4.1, 1.2, -0.5], 1, [-5, 5]],
		['works from positive values too', [0.5, 2.8], 1, [-3, 3]],
		['is at least the minimum', [0.1, -0.2], 2, [-2.5, 2.5]],
		['ignores nulls', [null, 7.6, null], 1, [-8, 8]],
		['falls back to the minimum with no values', [], 1, [-1.2, 1.2]]
	])('%s', (_, values, minimum, expected) => {
		expect(symmetricDomain(values, minimum)).toEqual(expected);
	});
});

describe('linearTicks', () => {
	it('places and labels ticks across the range', () => {
		expect(linearTicks([0, 100], [0, 500], 5)).toEqual([
			{ value: 0, position: 0, label: '0' },
			{ value: 20, position: 100, label: '20' },
			{ value: 40, position: 200, label: '40' },
			{ value: 60, position: 300, label: '60' },
			{ value: 80, position: 400, label: '80' },
			{ value: 100, position: 500, label: '100' }
		]);
	});

	it('runs a vertical axis from the bottom up', () => {
		const ticks = linearTicks([-4, 4], [200, 0], 4, { signed: true });
		expect(ticks.map((t) => [t.label, t.position])).toEqual([
			['-4', 200],
			['-2', 150],
			['0', 100],
			['+2', 50],
			['+4', 0]
		]);
	});

	it('uses decimals only when the step needs them', () => {
		expect(linearTicks([0, 2], [0, 100], 4).map((t) => t.label)).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0']);
	});

	it.each<[[number, number], string[]]>([
		[
			[0, 3.5],
			['0', '1', '2', '3']
		],
		[
			[0, 1],
			['0', '1']
		],
		[
			[0, 60],
			['0', '10', '20', '30', '40', '50', '60']
		]
	])('gives whole-number ticks for counts over %j', (domain, labels) => {
		expect(linearTicks(domain, [0, 100], 6, { integers: true }).map((t) => t.label)).toEqual(labels);
	});
});

describe('svgNumber', () => {
	it.each([
		[377.77777777777777, 377.8],
		[194.90909090909093, 194.9],
		[-2.349, -2.3],
		[12, 12],
		[0.05, 0.1]
	])('rounds %d to %d', (value, rounded) => {
		expect(svgNumber(value)).toBe(rounded);
	});
});

describe('whiskerPath', () => {
	it.each([
		[{ x: 125.4, y1: 367.5272, y2: 268.3999 }, 'M122.4,367.5h6m-3,0V268.4m-3,0h6'],
		[{ x: 10, y1: 50, y2: 50 }, 'M7,50h6m-3,0V50m-3,0h6']
	])('draws %o as a line with caps', ({ x, y1, y2 }, path) => {
		expect(whiskerPath(x, y1, y2)).toBe(path);
	});
});
