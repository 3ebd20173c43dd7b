import { describe, expect, it } from 'vitest';
import { defaultTermDates } from './default-term-dates';
import type { AcademicCalendar, HalfTerm } from './half-terms';
import { validateCalendar, type CalendarProblem } from './validate-calendar';

const base = defaultTermDates(2025);

/** The default 2024/25 dates with some half terms changed. */
function edited(changes: Partial<Record<number, Partial<HalfTerm>>>): AcademicCalendar {
	return { ...base, halfTerms: base.halfTerms.map((h, i) => ({ ...h, ...changes[i] })) };
}

describe('validateCalendar', () => {
	it('accepts the default dates', () => {
		expect(validateCalendar(base)).toEqual([]);
	});

	it.each<[string, AcademicCalendar, CalendarProblem[]]>([
		[
			'a half term that ends before it starts',
			edited({ 0: { end: '2024-09-01' } }),
			[{ halfTerm: 'autumn_1', field: 'end', message: 'Autumn 1 ends on Sunday 1 September 2024, before it starts on Monday 2 September 2024.' }]
		],
		[
			'a start before 1 September',
			edited({ 0: { start: '2024-08-28' } }),
			[
				{
					halfTerm: 'autumn_1',
					field: 'start',
					message: 'Autumn 1 starts on Wednesday 28 August 2024, before the 2024/25 school year begins on Sunday 1 September 2024.'
				}
			]
		],
		[
			'an end after 31 August',
			edited({ 5: { end: '2025-09-02' } }),
			[
				{
					halfTerm: 'summer_2',
					field: 'end',
					message: 'Summer 2 ends on Tuesday 2 September 2025, after the 2024/25 school year ends on Sunday 31 August 2025.'
				}
			]
		],
		[
			'overlapping half terms',
			edited({ 1: { start: '2024-10-24' } }),
			[
				{
					halfTerm: 'autumn_2',
					field: 'start',
					message: 'Autumn 2 starts on Thursday 24 October 2024, which overlaps autumn 1 (it ends on Friday 25 October 2024).'
				}
			]
		],
		[
			'half terms out of order',
			edited({ 3: { start: '2024-11-11', end: '2024-11-15' } }),
			[
				{
					halfTerm: 'spring_2',
					field: 'start',
					message:
						'Spring 2 starts on Monday 11 November 2024, before spring 1 starts on Monday 6 January 2025: half terms must be in order, from autumn 1 to summer 2.'
				}
			]
		],
		[
			'a date that does not exist',
			edited({ 2: { end: '2025-02-30' } }),
			[{ halfTerm: 'spring_1', field: 'end', message: 'Enter the end date of spring 1 as a real date, like 2024-09-01.' }]
		],
		[
			'a half term of weekend days only',
			edited({ 0: { start: '2024-09-07', end: '2024-09-08' } }),
			[{ halfTerm: 'autumn_1', field: null, message: 'Autumn 1 has no working days: every day in it is a weekend or a bank holiday.' }]
		],
		[
			'a missing half term',
			{ ...base, halfTerms: base.halfTerms.slice(0, 5) },
			[{ halfTerm: 'summer_2', field: null, message: 'Enter the dates of summer 2.' }]
		],
		[
			'a half term given twice',
			{ ...base, halfTerms: [...base.halfTerms, base.halfTerms[2]] },
			[{ halfTerm: 'spring_1', field: null, message: 'Spring 1 is entered twice.' }]
		],
		[
			'an impossible school year',
			{ ...base, summerYear: 25 },
			[{ halfTerm: null, field: null, message: 'Give the school year by its summer, as a whole number from 2000 to 2100 (2025 for 2024/25).' }]
		]
	])('explains %s', (_name, calendar, expected) => {
		expect(validateCalendar(calendar)).toEqual(expected);
	});
});
