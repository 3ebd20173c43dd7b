import { describe, expect, it } from 'vitest';
import { MARK_SHAPES, symbolPath } from './symbols';

describe('symbolPath', () => {
	it.each(MARK_SHAPES)('draws the %s as SVG path data', (shape) => {
		expect(symbolPath(shape, 10)).toMatch(/^M[-\d.,]+([AHLVZ][-\d.,]*)+$/i);
	});

	it('draws each shape differently', () => {
		expect(new Set(MARK_SHAPES.map((s) => symbolPath(s, 10))).size).toBe(MARK_SHAPES.length);
	});

	it.each(MARK_SHAPES)('scales the %s with its diameter', (shape) => {
		expect(symbolPath(shape, 20)).not.toBe(symbolPath(shape, 10));
	});

	it.each(MARK_SHAPES)('writes the %s to a tenth of a unit', (shape) => {
		expect(symbolPath(shape, 11)).not.toMatch(/\d\.\d\d/);
	});
});
