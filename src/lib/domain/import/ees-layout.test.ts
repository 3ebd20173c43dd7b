import { describe, expect, it } from 'vitest';
import { KS2_FIELD_SPECS } from './ks2-fields';
import {
	EES_MEASURES,
	isTextColumn,
	LabelIndex,
	mappedSlots,
	matchBreakdown,
	matchEstablishmentType,
	matchSubject,
	type EesBreakdown,
	type EesSubject
} from './ees-layout';

/** mappedSlots as measure column -> Ks2Figures field, for reading. */
function mapped(b: EesBreakdown | null, s: EesSubject | null): Record<string, string> {
	const slots = mappedSlots(b, s);
	const out: Record<string, string> = {};
	for (let i = 0; i < slots.length; i += 2) out[EES_MEASURES[slots[i]].column] = KS2_FIELD_SPECS[slots[i + 1]].field;
	return out;
}

describe('breakdowns', () => {
	it.each([
		['Total', 'total', 'Total'],
		['total', 'total', 'Total'],
		[' TOTAL ', 'total', 'Total'],
		['Disadvantaged', 'disadvantaged', 'Disadvantaged'],
		['Not disadvantaged', 'not_disadvantaged', 'Not disadvantaged'],
		['not  Disadvantaged', 'not_disadvantaged', 'Not disadvantaged'],
		['Not-disadvantaged', 'not_disadvantaged', 'Not disadvantaged'],
		['Boys', null, 'Boys'],
		['girls', null, 'Girls'],
		['SEN support', null, 'SEN support'],
		['sen ehc', null, 'SEN EHC'],
		['No SEN', null, 'No SEN']
	])('matches %j as %s, shown as %j', (raw, key, label) => {
		expect(matchBreakdown(raw)).toEqual({ key, label, known: true });
	});

	it('keeps an unknown breakdown for display, as the file names it', () => {
		expect(matchBreakdown(' Free school meals ')).toEqual({ key: null, label: 'Free school meals', known: false });
	});
});

describe('subjects', () => {
	it.each([
		['Reading, writing and maths', 'rwm', 'Reading, writing and maths'],
		['reading, Writing and MATHS', 'rwm', 'Reading, writing and maths'],
		['Reading writing & maths', 'rwm', 'Reading, writing and maths'],
		['Reading', 'reading', 'Reading'],
		['Writing', 'writing', 'Writing'],
		['Maths', 'maths', 'Maths'],
		['Grammar, punctuation and spelling', 'gps', 'Grammar, punctuation and spelling'],
		['grammar, punctuation and spelling', 'gps', 'Grammar, punctuation and spelling']
	])('matches %j as %s', (raw, key, label) => {
		expect(matchSubject(raw)).toEqual({ key, label, known: true });
	});

	it('keeps an unknown subject for display', () => {
		expect(matchSubject('Science')).toEqual({ key: null, label: 'Science', known: false });
	});
});

describe('the figures the analysis reads, as ks2final names them', () => {
	it.each([
		['total', 'rwm', { expected_standard_pupil_percent: 'rwmExpected', higher_standard_pupil_percent: 'rwmHigh' }],
		[
			'total',
			'reading',
			{
				expected_standard_pupil_percent: 'readExpected',
				higher_standard_pupil_percent: 'readHigh',
				average_scaled_score: 'readAverage',
				progress_measure_score: 'readProgress',
				progress_measure_lower_conf_interval: 'readProgressLower',
				progress_measure_upper_conf_interval: 'readProgressUpper',
				progress_measure_description: 'readProgressBand'
			}
		],
		[
			'total',
			'writing',
			{
				expected_standard_pupil_percent: 'writExpected',
				higher_standard_pupil_percent: 'writHigh',
				progress_measure_score: 'writProgress',
				progress_measure_lower_conf_interval: 'writProgressLower',
				progress_measure_upper_conf_interval: 'writProgressUpper',
				progress_measure_description: 'writProgressBand'
			}
		],
		[
			'total',
			'maths',
			{
				expected_standard_pupil_percent: 'matExpected',
				higher_standard_pupil_percent: 'matHigh',
				average_scaled_score: 'matAverage',
				progress_measure_score: 'matProgress',
				progress_measure_lower_conf_interval: 'matProgressLower',
				progress_measure_upper_conf_interval: 'matProgressUpper',
				progress_measure_description: 'matProgressBand'
			}
		],
		['total', 'gps', {}],
		['disadvantaged', 'rwm', { expected_standard_pupil_percent: 'rwmExpectedDisadvantaged', higher_standard_pupil_percent: 'rwmHighDisadvantaged' }],
		['disadvantaged', 'reading', {}],
		['not_disadvantaged', 'rwm', { expected_standard_pupil_percent: 'rwmExpectedNotDisadvantaged' }],
		[null, 'rwm', {}],
		['total', null, {}]
	] as const)('%s x %s', (b, s, fields) => {
		expect(mapped(b, s)).toEqual(fields);
	});
});

describe('information columns', () => {
	it.each([
		['time_period', true],
		['time_identifier', true],
		['geographic_level', true],
		['country_code', true],
		['la_name', true],
		['old_la_code', true],
		['rectype', true],
		['school_urn', true],
		['school_laestab', true],
		['school_name', true],
		['version', true],
		['telig', false],
		['ptfsm6cla1a', false],
		['telig_3yr', false],
		['tks1average', false],
		['telig_23', false]
	])('%s is a text column: %s', (name, text) => {
		expect(isTextColumn(name)).toBe(text);
	});
});

describe('numbering labels', () => {
	it('gives texts with the same label one number, in order of first appearance', () => {
		const index = new LabelIndex(matchBreakdown);
		expect(['Total', 'Boys', 'total', 'Pupils with a cat', 'TOTAL'].map((t) => index.index(t))).toEqual([0, 1, 0, 2, 0]);
		expect(index.labels).toEqual(['Total', 'Boys', 'Pupils with a cat']);
		expect(index.keys).toEqual(['total', null, null]);
		expect(index.unknown()).toEqual(['Pupils with a cat']);
	});

	it('reads only "All state funded" establishment rows as comparators', () => {
		expect(matchEstablishmentType('All state-funded').key).toBe('all_state_funded');
		expect(matchEstablishmentType('all state funded').key).toBe('all_state_funded');
		expect(matchEstablishmentType('Academies').key).toBeNull();
	});
});
