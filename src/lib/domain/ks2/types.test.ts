import { describe, expect, it } from 'vitest';
import { academicYearLabel, parseAcademicYear } from './types';

describe('academic years', () => {
	it.each([
		['2018-19', 2019],
		['2018/19', 2019],
		['2019', 2019],
		['1999-00', 2000],
		['2018-2019', 2019],
		['2018-20', null],
		['18-19', null],
		['', null]
	])('parses %j as %j', (text, year) => {
		expect(parseAcademicYear(text)).toBe(year);
	});

	it.each([
		[2019, '2018/19'],
		[2000, '1999/00'],
		[2026, '2025/26']
	])('labels %i as %s', (year, label) => {
		expect(academicYearLabel(year)).toBe(label);
	});
});
