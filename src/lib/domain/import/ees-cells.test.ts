import { describe, expect, it } from 'vitest';
import { ABSENT, EesCellReader } from './ees-cells';

describe('reading EES cells by column', () => {
	it('numbers each distinct text once per column, and keeps a symbol as a code, never a number', () => {
		const r = new EesCellReader(['percent', 'band']);
		const a = r.read(0, '77');
		expect(r.read(0, '77')).toBe(a);
		expect([r.values[a], r.codes[a], r.json[a]]).toEqual([77, null, '77']);
		const c = r.read(0, 'c');
		expect(Number.isNaN(r.values[c])).toBe(true);
		expect([r.codes[c], r.json[c]]).toEqual(['c', '"c"']);
		const band = r.read(1, 'Well below average');
		expect([r.values[band], r.codes[band]]).toEqual([5, null]);
		expect([r.values[ABSENT], r.codes[ABSENT], r.json[ABSENT]]).toEqual([NaN, null, 'null']);
	});

	it.each([
		['percent', '101', '101 should be a percentage between 0 and 100.'],
		['percent', '7O', '"7O" is neither a number nor a GSS symbol (z, x, c, low, u, :).'],
		['percent', 'SUPP', '"SUPP" is neither a number nor a GSS symbol (z, x, c, low, u, :).'],
		['score', '20', '20 is not a plausible scaled score (between 50 and 150).'],
		['band', '6', '6 should be a band from 1 to 5.'],
		['band', 'Great', '"Great" is neither a number, a progress band such as "Below average", nor a GSS symbol (z, x, c, low, u, :).']
	] as const)('refuses a %s of %j: %s', (kind, raw, problem) => {
		const r = new EesCellReader([kind]);
		expect(r.read(0, raw)).toBe(-1);
		expect(r.read(0, raw)).toBe(-1);
		expect(r.problem(0, raw)).toBe(problem);
	});

	it('checks no range for a column of no known kind', () => {
		const r = new EesCellReader([null]);
		expect(r.values[r.read(0, '412')]).toBe(412);
		expect(r.read(0, 'junk')).toBe(-1);
	});

	it('counts the symbols read in each column, for the report', () => {
		const r = new EesCellReader(['percent', 'progress']);
		for (const cell of ['z', 'z', 'c', '50', 'low']) r.read(0, cell);
		r.read(1, 'u');
		expect(r.suppressed(['expected', 'progress'])).toEqual({ expected: { z: 2, c: 1, low: 1 }, progress: { u: 1 } });
	});
});
