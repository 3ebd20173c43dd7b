import { describe, expect, it } from 'vitest';
import { NOT_A_FIGURE } from './figures';
import { GSS_SYMBOLS, gssSymbol, parseEesFigure, parseEesVersion, parseProgressBand, parseTimePeriod, timePeriodOf } from './ees-values';

describe('time_period', () => {
	it.each([
		['202425', 2025],
		['202324', 2024],
		['202223', 2023],
		[' 201819 ', 2019],
		['199900', 2000]
	])('reads %j as the summer %i', (raw, year) => {
		expect(parseTimePeriod(raw)).toBe(year);
		expect(parseTimePeriod(timePeriodOf(year))).toBe(year);
	});

	it.each(['2024', '2024-25', '202426', '202524', '20242025', 'z', '', undefined])('refuses %j', (raw) => {
		expect(parseTimePeriod(raw)).toBeNull();
	});
});

describe('version', () => {
	it.each([
		['Provisional', 'provisional'],
		['Revised', 'revised'],
		['Final', 'final'],
		['FINAL', 'final'],
		[' final ', 'final']
	])('reads %j as %s', (raw, version) => {
		expect(parseEesVersion(raw)).toBe(version);
	});

	it.each(['Draft', 'Finalised', '', undefined])('refuses %j', (raw) => {
		expect(parseEesVersion(raw)).toBeNull();
	});
});

describe('GSS symbols', () => {
	it.each(GSS_SYMBOLS.map((s) => [s]))('keeps %j as a code, never a number and never 0', (symbol) => {
		expect(parseEesFigure(symbol)).toBe(symbol);
		expect(parseEesFigure(symbol.toUpperCase())).toBe(symbol);
		expect(parseEesFigure(` ${symbol} `)).toBe(symbol);
	});

	it.each(['SUPP', 'NA', 'LOWCOV', 'zz', 'n/a', '-', '..', 'lo'])('does not know %j', (raw) => {
		expect(gssSymbol(raw)).toBeNull();
		expect(parseEesFigure(raw)).toBe(NOT_A_FIGURE);
	});
});

describe('an EES figure cell', () => {
	it.each([
		['77', 77],
		['0', 0],
		['-0.1', -0.1],
		['108', 108],
		['50%', 50],
		[' 7 ', 7],
		['+2.5', 2.5]
	])('reads %j as %j', (raw, value) => {
		expect(parseEesFigure(raw)).toBe(value);
	});

	it('reads an empty cell as blank, not 0', () => {
		expect(parseEesFigure('')).toBe('');
		expect(parseEesFigure(undefined)).toBe('');
	});

	it.each(['7O', '1.2.3', '12-4', '5,000', '1e5', '%'])('refuses the malformed number %j', (raw) => {
		expect(parseEesFigure(raw)).toBe(NOT_A_FIGURE);
	});
});

describe('progress_measure_description', () => {
	it.each([
		['Well above average', 1],
		['Above average', 2],
		['Average', 3],
		['Below average', 4],
		['Well below average', 5],
		['well BELOW  average', 5],
		['1', 1],
		['5', 5],
		['z', 'z'],
		['u', 'u'],
		['c', 'c']
	])('reads %j as %j', (raw, band) => {
		expect(parseProgressBand(raw)).toBe(band);
	});

	it.each(['Far below average', 'Good', 'SUPP'])('refuses %j', (raw) => {
		expect(parseProgressBand(raw)).toBe(NOT_A_FIGURE);
	});
});
