import { describe, expect, it } from 'vitest';
import { addMonthsIso, addYearsIso, isIsoDate, subMonthsIso } from './iso-date';

describe('ISO calendar dates', () => {
	it.each([
		['2025-07-14', true],
		['2024-02-29', true],
		['2025-02-29', false],
		['2025-02-30', false],
		['2025-13-01', false],
		['2025-7-14', false],
		['14/07/2025', false],
		['2025-07-14T00:00:00Z', false],
		['', false]
	])('%j is a date: %s', (text, valid) => {
		expect(isIsoDate(text)).toBe(valid);
	});

	it.each([
		[addYearsIso, '2024-02-29', 3, '2027-02-28'],
		[addYearsIso, '2025-07-14', 3, '2028-07-14'],
		[addMonthsIso, '2025-08-31', 6, '2026-02-28'],
		[subMonthsIso, '2028-08-31', 6, '2028-02-29'],
		[subMonthsIso, '2026-03-29', 1, '2026-02-28']
	])('%o(%s, %i) is %s', (fn, date, n, expected) => {
		expect(fn(date, n)).toBe(expected);
	});
});
