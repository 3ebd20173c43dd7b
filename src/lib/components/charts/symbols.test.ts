import { describe, expect, it } from 'vitest';
import { MARK_SHAPES, placedSymbol, symbolPath } from './symbols';

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

describe('placedSymbol', () => {
	/** The opening move of path data: where the shape starts. */
	const start = (d: string) => /^M(-?[\d.]+),(-?[\d.]+)/.exec(d)!.slice(1).map(Number);

	it('moves a shape to where it goes and draws the rest of it relative to there', () => {
		const square = symbolPath('square', 10);
		const [x0, y0] = start(square);
		const side = -2 * x0;
		expect(placedSymbol('square', 10)(100, 50)).toBe(`M${100 + x0},${50 + y0}${square.replace(/^M[^a-zA-Z]+/, '').replace('Z', 'z')}`);
		expect(side).toBeGreaterThan(8);
		expect(placedSymbol('circle', 10)(10, 20)).toBe('M15,20a5,5,0,1,1,-10,0a5,5,0,1,1,10,0');
	});

	it.each(MARK_SHAPES)('starts the %s where symbolPath starts it, moved', (shape) => {
		const at = placedSymbol(shape, 11);
		const [x0, y0] = start(symbolPath(shape, 11));
		expect(start(at(200, 100))).toEqual([Math.round((200 + x0) * 10) / 10, Math.round((100 + y0) * 10) / 10]);
		// Joined, the marks stay separate subpaths: each begins with its own move, the rest is relative.
		expect(`${at(10, 10)}${at(30, 40)}`.match(/[A-Z]/g)).toEqual(['M', 'M']);
	});
});
