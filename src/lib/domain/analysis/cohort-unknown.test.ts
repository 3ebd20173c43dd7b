// A school-year from EES's school performance data set, before its school information data set
// is imported: results without pupil numbers. And a progress score marked `u` (low reliability).
import { describe, expect, it } from 'vitest';
import { categorise } from './engine';
import { DEFAULT_POLICY } from './policy';
import { subjectProgress } from './signals';
import { gaps, progressFigures, schoolInput, schoolYear } from './test-fixtures';

describe('a year whose cohort size is unknown', () => {
	it('is still analysed, and the reasons say the cohort size is unknown; confidence at most medium', () => {
		const r = categorise(schoolInput(gaps(-12, -15, -22, { cohort: null })), DEFAULT_POLICY);
		expect(r.category).toBe('intensive');
		expect(r.signals.attainment).toMatchObject({ year: 2019, gap: -22, cohort: null, pupils: null });
		expect(r.confidence).toBe('medium');
		expect(r.confidenceReasons).toEqual(['Cohort size unknown for 2018/19: the pupil numbers were not imported, so a small cohort cannot be ruled out']);
	});

	it('leaves confidence low when something else makes it low', () => {
		const r = categorise(schoolInput([schoolYear(2019, 50, { cohort: null })]), DEFAULT_POLICY);
		expect(r.confidence).toBe('low');
		expect(r.confidenceReasons).toEqual([expect.stringMatching(/^Only one year of data/), expect.stringMatching(/^Cohort size unknown for 2018\/19/)]);
	});

	it('changes nothing when the cohort is known', () => {
		const r = categorise(schoolInput(gaps(0, 0, 0)), DEFAULT_POLICY);
		expect(r.confidence).toBe('high');
		expect(r.confidenceReasons).toEqual([]);
	});
});

describe('a progress score of low reliability (GSS symbol u)', () => {
	const t = DEFAULT_POLICY.thresholds;

	it('reads a score marked u as low coverage, as LOWCOV on the coverage column is read', () => {
		const u = schoolYear(2019, 50, { codes: { readProgress: 'u', readProgressLower: 'u', readProgressUpper: 'u', readProgressBand: 'u' } });
		expect(subjectProgress(u, 'reading', t).status).toBe('low_coverage');
		const lowcov = schoolYear(2019, 50, { ...progressFigures(-5, 0, 0), codes: { readCoverage: 'LOWCOV' } });
		expect(subjectProgress(lowcov, 'reading', t).status).toBe('low_coverage');
	});

	it('reads a published score as before', () => {
		expect(subjectProgress(schoolYear(2019, 50, progressFigures(-5, 0, 0)), 'reading', t).status).toBe('well_below');
	});
});
