import { describe, expect, it } from 'vitest';
import {
	isBlankCell,
	parseCategoryOfConcern,
	parseOeifGrade,
	parseOeifOverall,
	parseReportCardGrade,
	parseSafeguardingMet,
	parseYesNo,
	type CellResult
} from './grades';

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const BLANKS: (string | null | undefined)[] = ['', '   ', null, undefined, 'NULL', 'null', 'Not applicable', 'NOT APPLICABLE', ' Not\u00a0 applicable '];

describe('parseCategoryOfConcern', () => {
	it.each([
		['SM', 'special_measures'],
		['sm', 'special_measures'],
		[' SWK ', 'serious_weaknesses'],
		['RSI', 'requires_significant_improvement'],
		['Special measures', 'special_measures'],
		['SPECIAL  MEASURES', 'special_measures'],
		['Serious weaknesses', 'serious_weaknesses'],
		['Requires significant improvement', 'requires_significant_improvement']
	])('%j → %s', (cell, value) => {
		expect(parseCategoryOfConcern(cell)).toEqual(ok(value));
	});

	it.each(BLANKS)('%j → no category', (cell) => {
		expect(parseCategoryOfConcern(cell)).toEqual(ok(null));
	});

	it.each(['Inadequate', 'S M', 'Yes', '4'])('%j is refused, naming the cell', (cell) => {
		expect(parseCategoryOfConcern(cell)).toEqual({ ok: false, message: `“${cell}” is not a category of concern (SM, SWK or RSI)` });
	});
});

describe('parseOeifGrade and parseOeifOverall', () => {
	it.each([
		['1', 1, 'outstanding'],
		['2', 2, 'good'],
		[' 3 ', 3, 'requires_improvement'],
		['4', 4, 'inadequate'],
		['Not judged', null, null],
		['not JUDGED', null, null]
	] as const)('%j → %s (%s)', (cell, n, grade) => {
		expect(parseOeifGrade(cell)).toEqual(ok(n));
		expect(parseOeifOverall(cell)).toEqual(ok(grade));
	});

	it.each(BLANKS)('%j → null', (cell) => {
		expect(parseOeifGrade(cell)).toEqual(ok(null));
		expect(parseOeifOverall(cell)).toEqual(ok(null));
	});

	it.each(['0', '5', '2.0', 'Good', '12', '9'])('%j is refused', (cell) => {
		expect(parseOeifGrade(cell)).toEqual({ ok: false, message: `“${cell}” is not an OEIF grade (1 to 4, or Not judged)` });
		expect(parseOeifOverall(cell).ok).toBe(false);
	});
});

describe('parseReportCardGrade', () => {
	it.each([
		['Exceptional', 'exceptional'],
		['Strong standard', 'strong_standard'],
		['expected standard', 'expected_standard'],
		['NEEDS ATTENTION', 'needs_attention'],
		[' Urgent  improvement ', 'urgent_improvement'],
		['Not judged', null]
	])('%j → %s', (cell, value) => {
		expect(parseReportCardGrade(cell)).toEqual(ok(value));
	});

	it.each(BLANKS)('%j → not graded', (cell) => {
		expect(parseReportCardGrade(cell)).toEqual(ok(null));
	});

	it.each(['Good', 'Strong', 'Requires improvement', '2'])('%j is refused', (cell) => {
		expect(parseReportCardGrade(cell)).toEqual({ ok: false, message: `“${cell}” is not a report-card grade` });
	});
});

describe('yes/no and met/not met cells', () => {
	it.each([
		['Met', ok(true)],
		['not met', ok(false)],
		['', ok(null)],
		['Yes', { ok: false, message: '“Yes” is not Met or Not met' }]
	])('safeguarding standards %j', (cell, result) => {
		expect(parseSafeguardingMet(cell)).toEqual(result);
	});

	it.each([
		['Yes', ok(true)],
		['NO', ok(false)],
		['NULL', ok(null)],
		['Met', { ok: false, message: '“Met” is not Yes or No' }]
	])('yes/no %j', (cell, result) => {
		expect(parseYesNo(cell)).toEqual(result);
	});

	it.each([
		['', true],
		['NULL', true],
		['Not applicable', true],
		['Not judged', false],
		['2', false]
	])('isBlankCell(%j) is %s', (cell, blank) => {
		expect(isBlankCell(cell)).toBe(blank);
	});
});
