import { describe, expect, it } from 'vitest';
import type { Ks2SchoolYear } from '../ks2/types';
import { DEFAULT_THRESHOLDS as T } from './policy';
import {
	attainment,
	attainmentBand,
	computeSignals,
	disadvantagedGap,
	noKs2Data,
	persistence,
	pooledFigure,
	progress,
	pupilEquivalent,
	rwmHighVsEngland,
	smallCohort,
	subjectProgress,
	sustainedWellAbove,
	trend,
	type Subject
} from './signals';
import { ENGLAND, englandRow, progressFigures, schoolYear, URN } from './test-fixtures';
import { indexComparators, selectYears, type YearGap } from './years';

const index = indexComparators(ENGLAND);

/** Data years from gaps, newest first, as selectYears returns them. */
function dataYears(...gapsNewestFirst: number[]): YearGap[] {
	return gapsNewestFirst.map((gap, i) => ({ year: 2019 - i, school: 60 + gap, england: 60, gap, cohort: 30, comparator: 'england_state' }));
}

function windowOf(rows: Ks2SchoolYear[], year = 2019) {
	return selectYears(rows, index, year, T.lookbackYears, T.dataYears);
}

describe('attainment band', () => {
	it.each([
		[-35, 'well_below'],
		[-20, 'well_below'],
		[-19.9, 'below'],
		[-10, 'below'],
		[-9.9, 'in_line'],
		[0, 'in_line'],
		[9.9, 'in_line'],
		[10, 'well_above'],
		[40, 'well_above']
	])('g = %d is %s', (gap, band) => {
		expect(attainmentBand(gap, T)).toBe(band);
	});

	it.each([
		[-17, 52, -8.84],
		[10, 30, 3],
		[-5, null, null]
	])('g = %d with %j pupils is %j pupils', (gap, cohort, pupils) => {
		expect(pupilEquivalent(gap, cohort)).toBe(pupils);
	});

	it('is read from the latest data year, with its pupil equivalent', () => {
		const w = windowOf([schoolYear(2018, 70), schoolYear(2019, 48, { cohort: 52 })]);
		expect(attainment(w, null, T)).toEqual({ year: 2019, school: 48, england: 65, gap: -17, band: 'below', cohort: 52, pupils: -8.84, pooled: null });
	});

	it('is null with no data year', () => {
		expect(attainment(windowOf([]), null, T)).toBeNull();
	});
});

describe('persistence', () => {
	it.each([
		[
			[-10, -10, -10],
			[2019, 2018, 2017]
		],
		[
			[-25, 5, -12],
			[2019, 2017]
		],
		[[-9.9, -30, 0], [2018]],
		[[5, 5, 5], []],
		[[-15], [2019]]
	])('gaps %j are below in %j', (gaps, below) => {
		expect(persistence(dataYears(...gaps), T)).toEqual({ belowYears: below, of: gaps.length });
	});

	it('is null with no data', () => {
		expect(persistence([], T)).toBeNull();
	});
});

describe('trend', () => {
	it.each([
		['a fall of exactly 15', [-5, 0, 10], true, 'total_drop'],
		['a fall of 14', [-4, 0, 10], false, null],
		['a fall of 5 at each step, now below 0', [-2, 3, 8], true, 'each_step'],
		['a fall of 5 at each step, still above 0', [0, 5, 10], false, null],
		['a fall of 4.9 then 5', [-2, 3, 7.9], false, null],
		['a rise', [10, 0, -10], false, null],
		['a fall then a rise', [-10, -20, 0], false, null]
	])('%s (gaps newest first %j): declining %s', (_, gaps, declining, reason) => {
		const t = trend(dataYears(...gaps), T);
		expect(t?.declining).toBe(declining);
		expect(t?.reason).toBe(reason);
	});

	it('gives the change, the steps and the gaps oldest first', () => {
		expect(trend(dataYears(-12, -4, 5), T)).toEqual({
			declining: true,
			reason: 'total_drop',
			change: -17,
			steps: [-9, -8],
			gaps: [
				{ year: 2017, gap: 5 },
				{ year: 2018, gap: -4 },
				{ year: 2019, gap: -12 }
			]
		});
	});

	it.each([[[-30, 10]], [[-30]], [[]]])('needs three data years: %j gives none', (gaps) => {
		expect(trend(dataYears(...gaps), T)).toBeNull();
	});
});

describe('progress bands', () => {
	const row = (figures: Partial<Ks2SchoolYear>) => schoolYear(2019, 60, figures);
	it.each([
		['DfE band 1', 'reading', { readProgressBand: 1, readProgress: 0 }, 'well_above', 'dfe_band'],
		['DfE band 2', 'reading', { readProgressBand: 2 }, 'above', 'dfe_band'],
		['DfE band 3', 'maths', { matProgressBand: 3 }, 'average', 'dfe_band'],
		['DfE band 4', 'writing', { writProgressBand: 4 }, 'below', 'dfe_band'],
		['DfE band 5', 'writing', { writProgressBand: 5 }, 'well_below', 'dfe_band'],
		[
			'DfE band wins over the limits',
			'reading',
			{ readProgressBand: 3, readProgress: -5, readProgressLower: -6, readProgressUpper: -4 },
			'average',
			'dfe_band'
		],
		['upper limit below 0', 'reading', { readProgress: -2, readProgressLower: -3.5, readProgressUpper: -0.5 }, 'below', 'confidence_limits'],
		['reading at -3 and sig below', 'reading', { readProgress: -3, readProgressLower: -4.5, readProgressUpper: -1.5 }, 'well_below', 'confidence_limits'],
		['maths at -3 and sig below', 'maths', { matProgress: -3, matProgressLower: -4.5, matProgressUpper: -1.5 }, 'well_below', 'confidence_limits'],
		['writing at -3 is only below', 'writing', { writProgress: -3, writProgressLower: -4.5, writProgressUpper: -1.5 }, 'below', 'confidence_limits'],
		['writing at -3.5', 'writing', { writProgress: -3.5, writProgressLower: -5, writProgressUpper: -2 }, 'well_below', 'confidence_limits'],
		['-4 but not significant', 'reading', { readProgress: -4, readProgressLower: -8, readProgressUpper: 0 }, 'average', 'confidence_limits'],
		['lower limit above 0', 'maths', { matProgress: 2, matProgressLower: 0.5, matProgressUpper: 3.5 }, 'above', 'confidence_limits'],
		['+3 and sig above', 'maths', { matProgress: 3, matProgressLower: 1, matProgressUpper: 5 }, 'well_above', 'confidence_limits'],
		['no progress published (2023/24)', 'reading', {}, 'not_published', null],
		['score without limits', 'reading', { readProgress: -5 }, 'not_published', null],
		['LOWCOV coverage', 'reading', { readProgress: -5, readProgressLower: -6, readProgressUpper: -4, codes: { readCoverage: 'LOWCOV' } }, 'low_coverage', null],
		['LOWCOV in the score', 'writing', { writProgressBand: 5, codes: { writProgress: 'LOWCOV' } }, 'low_coverage', null]
	] as [string, Subject, Partial<Ks2SchoolYear>, string, string | null][])('%s: %s is %s', (_, subject, figures, status, source) => {
		const p = subjectProgress(row(figures), subject, T);
		expect([p.status, p.source]).toEqual([status, source]);
	});

	it.each([
		['all three well below', progressFigures(-5, -5, -5), 3, 3, true],
		['two sig below, none well below', progressFigures(-2, 0, -2), 2, 0, true],
		['average everywhere', progressFigures(0, 0, 0), 0, 0, true],
		['no progress year', {}, 0, 0, false]
	])('%s: %i sig below, %i well below, published %s', (_, figures, sig, well, published) => {
		const p = progress(schoolYear(2019, 60, figures), T);
		expect([p.sigBelow, p.wellBelow, p.published]).toEqual([sig, well, published]);
	});
});

describe('disadvantaged gap', () => {
	it.each([
		['30 points behind with 10 pupils', 41, 10, -30, true],
		['29 points behind', 42, 20, -29, false],
		['far behind with 9 pupils', 20, 9, -51, false],
		['far behind, pupil count suppressed', 20, null, -51, false]
	])('%s: flagged %s', (_, rwm, pupils, gap, flagged) => {
		const d = disadvantagedGap(schoolYear(2019, 60, { rwmExpectedDisadvantaged: rwm, disadvantagedCount: pupils }), index, T);
		expect(d).toEqual({ year: 2019, school: rwm, englandOther: 71, gap, pupils, flagged, comparator: 'england_state' });
	});

	it.each([
		['the school figure is suppressed', schoolYear(2019, 60, { disadvantagedCount: 3, codes: { rwmExpectedDisadvantaged: 'SUPP' } })],
		['England has no figure for the year', schoolYear(2021, 60, { rwmExpectedDisadvantaged: 10, disadvantagedCount: 20 })]
	])('is null when %s', (_, row) => {
		expect(disadvantagedGap(row, index, T)).toBeNull();
	});
});

describe('small cohort pooling', () => {
	it.each([
		['8 pupils', 8, true],
		['10 pupils', 10, true],
		['11 pupils', 11, false],
		['no pupils', 0, false],
		['unknown', null, false]
	])('%s is small: %s', (_, cohort, small) => {
		expect(smallCohort(windowOf([schoolYear(2019, 50, { cohort })]), index, T) !== null).toBe(small);
	});

	it("uses DfE's published three-year figure against England's", () => {
		const rows = [schoolYear(2019, 25, { cohort: 8, cohort3yr: 27, rwmExpected3yr: 50 })];
		const comparators = [englandRow(2019, { rwmExpected3yr: 63 })];
		const pooled = pooledFigure('rwmExpected', windowOf(rows), indexComparators(comparators));
		expect(pooled).toEqual({ school: 50, england: 63, gap: -13, source: 'published_3yr', years: [2019], pupils: 27 });
	});

	it('weights by TELIG over the data years when nothing is published', () => {
		// (10 x 50 + 6 x 100 + 4 x 25) / 20 = 60; England (10 x 65 + 6 x 64 + 4 x 61) / 20 = 63.9.
		const rows = [schoolYear(2019, 50, { cohort: 10 }), schoolYear(2018, 100, { cohort: 6 }), schoolYear(2017, 25, { cohort: 4 })];
		expect(pooledFigure('rwmExpected', windowOf(rows), index)).toEqual({
			school: 60,
			england: 63.9,
			gap: -3.9,
			source: 'weighted',
			years: [2019, 2018, 2017],
			pupils: 20
		});
	});

	it('weights England by the same cohorts when only the school has a three-year figure', () => {
		const rows = [schoolYear(2019, 50, { cohort: 5, rwmExpected3yr: 70 }), schoolYear(2018, 50, { cohort: 15 })];
		expect(pooledFigure('rwmExpected', windowOf(rows), index)).toMatchObject({ england: 64.25, gap: 5.75, source: 'published_3yr' });
	});

	it('judges the attainment band on the pooled figure, not the swing of one year', () => {
		// On its own 2019 is 40 points below England; pooled, the school is in line.
		const rows = [schoolYear(2019, 25, { cohort: 8 }), schoolYear(2018, 70, { cohort: 9 }), schoolYear(2017, 70, { cohort: 7 })];
		const w = windowOf(rows);
		const a = attainment(w, smallCohort(w, index, T), T);
		expect(a).toMatchObject({ year: 2019, band: 'in_line', cohort: 8, pooled: { source: 'weighted' } });
		expect(a?.school).toBe(55);
	});
});

describe('Secure Plus evidence', () => {
	it.each([
		['three years at least 10 above', [10, 15, 20], true],
		['one year at 9.9', [10, 9.9, 20], false],
		['only two years', [30, 30], false]
	])('%s: sustained %s', (_, gaps, met) => {
		expect(sustainedWellAbove(dataYears(...gaps), null, T)).toEqual({ met, pooled: false });
	});

	it('uses the pooled figure for a small cohort', () => {
		const rows = [schoolYear(2019, 50, { cohort: 8, rwmExpected3yr: 80 })];
		const w = windowOf(rows);
		expect(sustainedWellAbove(w.dataYears, smallCohort(w, index, T), T)).toEqual({ met: true, pooled: true });
	});

	it.each([
		[12, true],
		[10, true],
		[9, false]
	])('RWM high %i against England 10: at or above %s', (high, ok) => {
		expect(rwmHighVsEngland(schoolYear(2019, 60, { rwmHigh: high }), null, index)?.atOrAbove).toBe(ok);
	});

	it('has no RWM high comparison when the figure is suppressed', () => {
		expect(rwmHighVsEngland(schoolYear(2019, 60, { rwmHigh: null }), null, index)).toBeNull();
	});
});

describe('no KS2 data', () => {
	const school = { urn: URN, name: 'School' };
	it.each([
		['an infant school by age range', { ageHigh: 7 }, [schoolYear(2019, 60)], 'infant_school'],
		['a school flagged as having no KS2', { hasKs2: false }, [], 'infant_school'],
		['a special school', {}, [schoolYear(2019, 5, { recordType: 2 })], 'special_school'],
		['a NEW row', {}, [schoolYear(2019, null, { cohort: null, codes: { cohort: 'NEW', rwmExpected: 'NEW' } })], 'new_school'],
		['no eligible pupils', {}, [schoolYear(2018, 60), schoolYear(2019, null, { cohort: 0 })], 'no_eligible_pupils'],
		['no rows at all', {}, [], 'no_results'],
		['everything suppressed', {}, [schoolYear(2019, null, { cohort: 20, codes: { rwmExpected: 'SUPP' } })], 'no_results'],
		['a junior school with results', { ageHigh: 11 }, [schoolYear(2019, 60)], null],
		['a middle school with results', { ageHigh: 13 }, [schoolYear(2019, 60)], null]
	])('%s → %j', (_, info, rows, reason) => {
		const w = windowOf(rows);
		const small = smallCohort(w, index, T);
		expect(noKs2Data({ ...school, ...info }, w, attainment(w, small, T) !== null)).toBe(reason);
	});

	it('leaves every data signal empty so the school is judged on soft intelligence alone', () => {
		const { signals } = computeSignals({ urn: URN, name: 'Infants', ageHigh: 7 }, [schoolYear(2019, 10)], index, 2019, T);
		expect(signals).toEqual({
			year: 2019,
			noKs2Data: 'infant_school',
			dataYears: [],
			smallCohort: null,
			attainment: null,
			persistence: null,
			trend: null,
			progress: null,
			disadvantagedGap: null,
			sustainedWellAbove: null,
			rwmHigh: null
		});
	});
});

describe('computeSignals across the gap and without progress', () => {
	it('runs 2023/24 on 2019, 2023 and 2024, with attainment alone', () => {
		const rows = [schoolYear(2019, 75, progressFigures(-5, -5, -5)), schoolYear(2023, 55), schoolYear(2024, 41)];
		const { signals } = computeSignals({ urn: URN, name: 'School' }, rows, index, 2024, T);
		expect(signals.dataYears.map((d) => [d.year, d.gap])).toEqual([
			[2024, -20],
			[2023, -5],
			[2019, 10]
		]);
		expect(signals.attainment?.band).toBe('well_below');
		expect(signals.trend).toMatchObject({ declining: true, change: -30 });
		expect(signals.persistence?.belowYears).toEqual([2024]);
		// 2019's progress is five years old: only the latest year's progress counts, and 2024 has none.
		expect(signals.progress).toMatchObject({ year: 2024, published: false, sigBelow: 0 });
	});
});
