import { describe, expect, it } from 'vitest';
import { defaultTermDates } from './default-term-dates';
import { halfTermOf, whyNotWorkingDay, workingDays } from './working-days';

// 2024/25: autumn 1 is 2 September to 25 October 2024, Easter holiday 14 to 25 April 2025.
const calendar = defaultTermDates(2025);
const closures = ['2024-09-20'];
const days = workingDays(calendar, closures);
const dates = new Set(days.map((day) => day.date));

describe('workingDays', () => {
	it.each([
		['2024-09-02', true, 'the first day of term'],
		['2024-09-07', false, 'a Saturday'],
		['2024-09-20', false, 'an LA closure day'],
		['2024-10-28', false, 'October half term'],
		['2025-05-05', false, 'the early May bank holiday, in term time'],
		['2025-05-06', true, 'the day after it'],
		['2025-07-22', true, 'the last day of the year'],
		['2025-07-23', false, 'the summer holiday']
	])('%s is a working day: %s (%s)', (date, expected) => {
		expect(dates.has(date)).toBe(expected);
	});

	it('tags each day with its half term and keeps them in date order', () => {
		expect(days[0]).toEqual({ date: '2024-09-02', halfTerm: 'autumn_1' });
		expect(days.at(-1)).toEqual({ date: '2025-07-22', halfTerm: 'summer_2' });
		expect(days.map((day) => day.date)).toEqual([...dates].sort());
		expect(days.every((day) => halfTermOf(calendar, day.date) === day.halfTerm)).toBe(true);
	});

	it('counts 196 days for 2024/25, one fewer with a closure day', () => {
		expect(workingDays(calendar).length).toBe(196);
		expect(days.length).toBe(195);
	});
});

describe('halfTermOf', () => {
	it.each([
		['2024-09-02', 'autumn_1'],
		['2024-11-04', 'autumn_2'],
		['2025-02-14', 'spring_1'],
		['2025-04-11', 'spring_2'],
		['2025-04-28', 'summer_1'],
		['2025-06-02', 'summer_2'],
		['2024-12-25', null],
		['2025-08-01', null]
	])('%s is in %s', (date, expected) => {
		expect(halfTermOf(calendar, date)).toBe(expected);
	});
});

describe('whyNotWorkingDay', () => {
	it.each([
		['2024-09-07', 'it is a Saturday'],
		['2024-09-08', 'it is a Sunday'],
		['2024-12-23', 'it is in the school holidays'],
		['2025-05-26', 'it is in the school holidays'],
		['2025-05-05', 'it is a bank holiday (Early May bank holiday)'],
		['2024-09-20', 'it is an LA closure day'],
		['2024-09-19', null]
	])('%s: %s', (date, expected) => {
		expect(whyNotWorkingDay(calendar, closures, date)).toBe(expected);
	});
});
