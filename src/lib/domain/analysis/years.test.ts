import { describe, expect, it } from 'vitest';
import { ENGLAND, englandRow, schoolYear } from './test-fixtures';
import { englandFigure, gapForYear, indexComparators, roundPoints, selectYears } from './years';

describe('England comparator', () => {
	it.each([
		[
			'state-funded when present',
			[englandRow(2019, { rwmExpected: 65 }), englandRow(2019, { kind: 'england_all', rwmExpected: 64 })],
			{ value: 65, kind: 'england_state' }
		],
		[
			'all schools when the state-funded row has no figure',
			[englandRow(2019, { rwmExpected: null }), englandRow(2019, { kind: 'england_all', rwmExpected: 64 })],
			{ value: 64, kind: 'england_all' }
		],
		['all schools when there is no state-funded row', [englandRow(2019, { kind: 'england_all', rwmExpected: 64 })], { value: 64, kind: 'england_all' }],
		['never the LA', [englandRow(2019, { kind: 'la', laCode: '850', rwmExpected: 68 })], null],
		['nothing for another year', [englandRow(2018)], null]
	])('%s', (_, rows, expected) => {
		expect(englandFigure(indexComparators(rows), 2019, 'rwmExpected')).toEqual(expected);
	});

	it('keeps the first of two rows of the same kind', () => {
		const index = indexComparators([englandRow(2019, { rwmExpected: 65 }), englandRow(2019, { rwmExpected: 99 })]);
		expect(englandFigure(index, 2019, 'rwmExpected')?.value).toBe(65);
	});
});

describe('g(y)', () => {
	const index = indexComparators(ENGLAND);
	it.each([
		[48, -17],
		[65, 0],
		[75.5, 10.5],
		[null, null]
	])('RWM %j in 2018/19 gives a gap of %j', (rwm, gap) => {
		expect(gapForYear(schoolYear(2019, rwm), index)?.gap ?? null).toBe(gap);
	});

	it('has no gap in a year without England figures', () => {
		expect(gapForYear(schoolYear(2021, 50), index)).toBeNull();
	});

	it('removes float noise so thresholds hold exactly', () => {
		expect(roundPoints(54.9 - 64.9)).toBe(-10);
	});
});

describe('selectYears', () => {
	const index = indexComparators(ENGLAND);
	const years = (w: ReturnType<typeof selectYears>) => w.dataYears.map((d) => d.year);

	it.each([
		['the last three years', [2016, 2017, 2018, 2019], 2019, [2019, 2018, 2017]],
		['across the 2020 to 2022 gap', [2017, 2018, 2019, 2023], 2023, [2023, 2019, 2018]],
		['no further back than six years', [2017, 2018, 2019, 2023], 2024, [2023, 2019]],
		['2019, 2023 and 2024 for 2023/24', [2018, 2019, 2023, 2024], 2024, [2024, 2023, 2019]],
		['nothing after the analysis year', [2018, 2019, 2023], 2019, [2019, 2018]],
		['whatever order the rows come in', [2019, 2017, 2018], 2019, [2019, 2018, 2017]]
	])('takes %s', (_, rowYears, year, expected) => {
		const rows = rowYears.map((y) => schoolYear(y, 60));
		expect(years(selectYears(rows, index, year, 6, 3))).toEqual(expected);
	});

	it('skips suppressed years and says why, keeping the latest row for its cohort and codes', () => {
		const suppressed = schoolYear(2019, null, { cohort: 4, codes: { rwmExpected: 'SUPP' } });
		const w = selectYears([schoolYear(2017, 60), schoolYear(2018, 60), suppressed, schoolYear(2016, 50)], index, 2019, 6, 3);
		expect(w.latestRow).toBe(suppressed);
		expect(years(w)).toEqual([2018, 2017, 2016]);
		expect(w.skipped).toEqual([{ year: 2019, reason: 'no_rwm_figure', code: 'SUPP' }]);
	});

	it('records years beyond the data years and years England has no figure for', () => {
		const w = selectYears(
			[2016, 2017, 2018, 2019, 2021].map((y) => schoolYear(y, 60)),
			index,
			2021,
			6,
			3
		);
		expect(years(w)).toEqual([2019, 2018, 2017]);
		expect(w.skipped).toEqual([
			{ year: 2021, reason: 'no_england_figure', code: null },
			{ year: 2016, reason: 'beyond_data_years', code: null }
		]);
	});

	it('uses the first row when a year is given twice', () => {
		const w = selectYears([schoolYear(2019, 50), schoolYear(2019, 70)], index, 2019, 6, 3);
		expect(w.dataYears.map((d) => d.school)).toEqual([50]);
	});
});
