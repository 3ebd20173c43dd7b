import { describe, expect, it } from 'vitest';
import { alignToYears, emptyYearRuns, splitAtGaps, yearSpan, type YearValue } from './series';

const v = (year: number, value: number | null): YearValue => ({ year, value });

describe('yearSpan', () => {
	it.each<[string, YearValue[][], number[]]>([
		['spans the holes between the first and last data years', [[v(2018, 60), v(2019, 62), v(2023, 58)]], [2018, 2019, 2020, 2021, 2022, 2023]],
		['merges series', [[v(2019, 1)], [v(2017, 1), v(2018, null)]], [2017, 2018, 2019]],
		['ignores years whose only values are null', [[v(2016, null), v(2018, 1), v(2019, 2), v(2024, null)]], [2018, 2019]],
		['is empty with no values', [[v(2019, null)], []], []]
	])('%s', (_, series, years) => {
		expect(yearSpan(series)).toEqual(years);
	});
});

describe('alignToYears', () => {
	it('puts a value or null against every year, dropping years outside', () => {
		expect(alignToYears([v(2019, 5), v(2016, 3)], [2018, 2019, 2020])).toEqual([v(2018, null), v(2019, 5), v(2020, null)]);
	});
});

describe('splitAtGaps', () => {
	it.each<[string, YearValue[], [number, number][][]]>([
		[
			'keeps one run with no holes',
			[v(2017, 1), v(2018, 2), v(2019, 3)],
			[
				[
					[2017, 1],
					[2018, 2],
					[2019, 3]
				]
			]
		],
		[
			'breaks at null years (2020, 2021, 2022)',
			[v(2018, 60), v(2019, 62), v(2020, null), v(2021, null), v(2022, null), v(2023, 58), v(2024, 61)],
			[
				[
					[2018, 60],
					[2019, 62]
				],
				[
					[2023, 58],
					[2024, 61]
				]
			]
		],
		[
			'breaks at a skipped year with no null to mark it',
			[v(2019, 62), v(2023, 58), v(2024, 61)],
			[
				[[2019, 62]],
				[
					[2023, 58],
					[2024, 61]
				]
			]
		],
		[
			'sorts by year first',
			[v(2024, 61), v(2023, 58), v(2019, 62)],
			[
				[[2019, 62]],
				[
					[2023, 58],
					[2024, 61]
				]
			]
		],
		['keeps a single year as a run of one', [v(2019, null), v(2020, 7), v(2021, null)], [[[2020, 7]]]],
		[
			'keeps zero: it is a value, not a hole',
			[v(2018, 0), v(2019, 0)],
			[
				[
					[2018, 0],
					[2019, 0]
				]
			]
		],
		['returns nothing for no values', [v(2019, null)], []]
	])('%s', (_, points, runs) => {
		expect(splitAtGaps(points).map((run) => run.map((p) => [p.year, p.value]))).toEqual(runs);
	});
});

describe('emptyYearRuns', () => {
	it('finds runs of years where no series has a value', () => {
		const school = [v(2018, 60), v(2019, 62), v(2023, 58), v(2025, 50)];
		const england = [v(2018, 64), v(2019, 65), v(2022, 59), v(2023, 60), v(2025, 62)];
		expect(emptyYearRuns([school, england], [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025])).toEqual([
			{ from: 2020, to: 2021 },
			{ from: 2024, to: 2024 }
		]);
	});

	it('finds none when every year has data', () => {
		expect(emptyYearRuns([[v(2018, 1), v(2019, 2)]], [2018, 2019])).toEqual([]);
	});
});
