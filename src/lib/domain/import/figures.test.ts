import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_CODES, NOT_A_FIGURE, parseFigure } from './figures';

describe('reading a KS2 cell', () => {
	it.each([
		['66%', 66],
		['0%', 0],
		['100%', 100],
		['-1.9', -1.9],
		['-5', -5],
		['0', 0],
		['0.0', 0],
		['101', 101],
		[' 7 ', 7],
		['12 %', 12]
	])('reads %j as the number %j, with the %% sign stripped', (raw, value) => {
		expect(parseFigure(raw)).toBe(value);
	});

	it.each(['SUPP', 'NA', 'NE', 'NP', 'SP', 'RE', 'LOWCOV', 'NEW'])('keeps the code %s, never a number', (code) => {
		expect(parseFigure(code)).toBe(code);
		expect(KNOWN_CODES.has(code)).toBe(true);
	});

	it('treats an empty cell, a single space and a missing trailing field as blank, not 0', () => {
		expect(parseFigure('')).toBe('');
		expect(parseFigure(' ')).toBe('');
		expect(parseFigure(undefined)).toBe('');
	});

	it('keeps a code DfE has not used before as a code, so it can never become a number', () => {
		expect(parseFigure('x')).toBe('X');
		expect(KNOWN_CODES.has('X')).toBe(false);
	});

	it.each(['6O%', '1.2.3', '12-4', '--5', '%', '-', '5,000'])('refuses %j, which is neither', (raw) => {
		expect(parseFigure(raw)).toBe(NOT_A_FIGURE);
	});

	it('reads every plain number exactly as Number() does, to the last bit', () => {
		const plain = fc.tuple(fc.boolean(), fc.stringMatching(/^\d{0,18}$/), fc.option(fc.stringMatching(/^\d{0,18}$/)), fc.boolean())
			.map(([minus, whole, fraction, percent]) => `${minus ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}${percent ? '%' : ''}`)
			.filter((s) => /\d/.test(s));
		fc.assert(
			fc.property(plain, (text) => {
				expect(Object.is(parseFigure(text), Number(text.replace(/%$/, '')))).toBe(true);
			}),
			{ numRuns: 5000 }
		);
	});
});
