import { describe, expect, it } from 'vitest';
import { readHeader, type Header } from './header';
import { EesYears, type EesYear, type EesYearsOptions } from './ees-years';
import { describeProblem, emptyReport } from './report';

function header(names: string[]): Header {
	const r = readHeader(names);
	if (!r.ok) throw new Error(r.problem);
	return r.header;
}

function years(rows: string[][], o: Partial<EesYearsOptions> = {}, names = ['time_period', 'version']) {
	const report = emptyReport('ks2.csv');
	const y = new EesYears<EesYear>({ header: header(names), report, fileName: 'ks2.csv', year: null, version: null, ...o }, (year) => ({
		year,
		version: 'final',
		laCodes: new Set()
	}));
	const parts = rows.map((r, i) => y.of(r, i + 2)?.year ?? null);
	y.finish();
	return { parts, history: y.history(), report, problems: report.problems.map(describeProblem) };
}

describe('the years of an EES file', () => {
	it('makes one part per time_period, oldest first, each with its own version', () => {
		const r = years([
			['202425', 'Final'],
			['202324', 'final'],
			['202223', 'Revised'],
			['202425', 'FINAL']
		]);
		expect(r.parts).toEqual([2025, 2024, 2023, 2025]);
		expect(r.history.map((h) => [h.year, h.version])).toEqual([
			[2023, 'revised'],
			[2024, 'final'],
			[2025, 'final']
		]);
		expect(r.problems).toEqual([]);
		expect(r.report).toMatchObject({ year: null, version: null });
	});

	it('puts the year and version in the report for a file of one year', () => {
		expect(years([['202425', 'Provisional']]).report).toMatchObject({ year: 2025, version: 'provisional' });
	});

	it.each([
		[[['2024', 'Final']], 'Row 2, column time_period: "2024" is not an academic year as EES writes it: six digits, such as 202425 for 2024/25.'],
		[[['202425', 'Draft']], 'Row 2, column version: "Draft" is not a version: it should be Provisional, Revised or Final.'],
		[
			[
				['202425', 'Final'],
				['202425', 'Provisional'],
				['202425', 'Provisional']
			],
			'Row 3, column version: 2024/25 has final results (from row 2) and provisional results here. A file can hold only one version of each year: import each version as its own file.'
		]
	])('refuses %j', (rows, problem) => {
		expect(years(rows).problems).toEqual([problem]);
	});

	it('refuses a year the person gave that the file does not hold alone', () => {
		expect(
			years(
				[
					['202425', 'Final'],
					['202324', 'Final']
				],
				{ year: 2025 }
			).problems
		).toEqual([
			'column time_period: You said this file is for 2024/25, but it holds 2023/24 and 2024/25. Leave the year blank to import every year in the file.'
		]);
		expect(years([['202425', 'Final']], { year: 2025 }).problems).toEqual([]);
	});

	it('refuses a version the person gave that the file contradicts', () => {
		expect(years([['202425', 'Final']], { version: 'provisional' }).problems).toEqual([
			'column version: You said these are provisional results, but the file says final for 2024/25. Check the version and the file.'
		]);
	});

	it('without a version column, takes the version given, then the file name, then final with a warning', () => {
		const rows = [['202324']];
		expect(years(rows, { version: 'revised' }, ['time_period']).history[0].version).toBe('revised');
		expect(years(rows, { fileName: 'ks2_2024_provisional.csv' }, ['time_period']).history[0].version).toBe('provisional');
		const guessed = years(rows, {}, ['time_period']);
		expect(guessed.history[0].version).toBe('final');
		expect(guessed.report.warnings).toEqual([expect.stringContaining('recorded as final')]);
	});
});
