import { describe, expect, it } from 'vitest';
import { noEnglandComparatorWarning, noEnglandFiguresWarning } from './england-figures';

const LA_PERFORMANCE =
	'the local authority performance data set from Explore Education Statistics ("Key stage 2 institutional level - Local authority (performance)"), whose National rows are England\'s figures';
const UNTIL = "Until then the analysis cannot compare these results with England's, and a school with no other year to go on is not judged on its KS2 results.";

describe('noEnglandFiguresWarning', () => {
	it.each([
		[
			[2025],
			'ees_school_performance',
			`There are no England figures for 2024/25 yet: this data set has none. Import ${LA_PERFORMANCE}, for that year. ${UNTIL}`
		],
		[
			[2024, 2025],
			'ees_school_performance',
			`There are no England figures for 2023/24 and 2024/25 yet: this data set has none. Import ${LA_PERFORMANCE}, for those years. ${UNTIL}`
		],
		[
			[2019],
			'ks2',
			`There are no England figures for 2018/19 yet: this file has no England rows (RECTYPE 4 or 5). Import the KS2 performance table for England for that year, or ${LA_PERFORMANCE}. ${UNTIL}`
		]
	] as const)('%j from %s', (years, source, text) => {
		expect(noEnglandFiguresWarning(years, source)).toBe(text);
	});
});

describe('noEnglandComparatorWarning', () => {
	it('names the year and what to import, then to run categorise again', () => {
		expect(noEnglandComparatorWarning(2025)).toBe(
			`Warning: there are no England figures for 2024/25, so no school's 2024/25 results were compared with England's, and schools with no other year to go on were not judged on their KS2 results (most are then Secure). Import ${LA_PERFORMANCE}, or a KS2 performance table with England rows, for 2024/25, then run categorise again.`
		);
	});
});
