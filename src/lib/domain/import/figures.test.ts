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

	it('reads a known code in any case, with spaces around it, as the code', () => {
		expect(parseFigure(' supp ')).toBe('SUPP');
		expect(parseFigure('LowCov')).toBe('LOWCOV');
	});

	// Until this changed, letters-only text was kept as a code, stored as "not available" with only a
	// warning: `abc%` in PTRWM_EXP imported. What an unknown code means cannot be known, so it is refused.
	it.each(['x', 'X', 'ABC', 'abc%', 'ZZ', 'SUPP%', 'N/A', 'c', 'low'])("refuses %j, which is not one of DfE's codes", (raw) => {
		expect(parseFigure(raw)).toBe(NOT_A_FIGURE);
		expect(KNOWN_CODES.has(raw.toUpperCase())).toBe(false);
	});

	it.each(['6O%', '1.2.3', '12-4', '--5', '%', '-', '5,000'])('refuses %j, which is neither', (raw) => {
		expect(parseFigure(raw)).toBe(NOT_A_FIGURE);
	});

	it('reads every plain number exactly as Number() does, to the last bit', () => {
		const plain = fc
			.tuple(fc.boolean(), fc.stringMatching(/^\d{0,18}$/), fc.option(fc.stringMatching(/^\d{0,18}$/)), fc.boolean())
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
