import { getISODay, subDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { bankHolidays, easterSunday } from './bank-holidays';
import { defaultTermDates } from './default-term-dates';
import { toDate, toIso } from './iso-date';
import { validateCalendar } from './validate-calendar';
import { halfTermOf, workingDays } from './working-days';

const years = Array.from({ length: 46 }, (_, i) => 2015 + i);
const weekday = (iso: string) => getISODay(toDate(iso));

describe('defaultTermDates', () => {
	it.each([
		[
			2025,
			[
				['2024-09-02', '2024-10-25'],
				['2024-11-04', '2024-12-20'],
				['2025-01-06', '2025-02-14'],
				['2025-02-24', '2025-04-11'],
				['2025-04-28', '2025-05-23'],
				['2025-06-02', '2025-07-22']
			]
		],
		[
			// 2 September is a Thursday, so the year starts on the Monday after; spring starts on
			// Tuesday 4 January because Monday 3 January is the New Year substitute bank holiday.
			2022,
			[
				['2021-09-06', '2021-10-22'],
				['2021-11-01', '2021-12-17'],
				['2022-01-04', '2022-02-11'],
				['2022-02-21', '2022-04-08'],
				['2022-04-25', '2022-05-27'],
				['2022-06-06', '2022-07-22']
			]
		],
		[
			2027,
			[
				['2026-09-02', '2026-10-23'],
				['2026-11-02', '2026-12-18'],
				['2027-01-04', '2027-02-12'],
				['2027-02-22', '2027-03-19'],
				['2027-04-05', '2027-05-28'],
				['2027-06-07', '2027-07-22']
			]
		]
	])('gives the expected dates for %i', (year, expected) => {
		expect(defaultTermDates(year).halfTerms.map((h) => [h.start, h.end])).toEqual(expected);
	});

	it.each(years)('%i passes validation', (year) => {
		expect(validateCalendar(defaultTermDates(year))).toEqual([]);
	});

	it.each(years)('%i starts 2 to 6 September and ends 20 to 22 July', (year) => {
		const { halfTerms } = defaultTermDates(year);
		expect(halfTerms[0].start >= `${year - 1}-09-02` && halfTerms[0].start <= `${year - 1}-09-06`).toBe(true);
		expect(halfTerms[5].end >= `${year}-07-20` && halfTerms[5].end <= `${year}-07-22`).toBe(true);
	});

	it.each(years)('%i has holidays of whole weeks: half terms end on a Friday, and start on a Monday unless a bank holiday moves them', (year) => {
		const { halfTerms } = defaultTermDates(year);
		const holidays = new Set([...bankHolidays(year - 1), ...bankHolidays(year)].map((h) => h.date));
		for (const halfTerm of halfTerms.slice(0, 5)) expect(weekday(halfTerm.end)).toBe(5);
		for (const halfTerm of halfTerms.slice(1)) {
			const monday = weekday(halfTerm.start) === 1;
			const dayBefore = toIso(subDays(toDate(halfTerm.start), 1));
			const pushedByBankHoliday = weekday(halfTerm.start) === 2 && holidays.has(dayBefore);
			expect(monday || pushedByBankHoliday).toBe(true);
		}
	});

	it.each(years)('%i places each holiday where an English LA would', (year) => {
		const calendar = defaultTermDates(year);
		const [a1, a2, s1, s2, u1, u2] = calendar.halfTerms;
		const inHolidays = (date: string) => halfTermOf(calendar, date) === null;
		// October half term covers the last days of October.
		expect(inHolidays(`${year - 1}-10-29`)).toBe(true);
		expect(a1.end >= `${year - 1}-10-19`).toBe(true);
		// Christmas: two weeks holding both Christmas Day and New Year's Day.
		expect(inHolidays(`${year - 1}-12-25`) && inHolidays(`${year}-01-01`)).toBe(true);
		expect(workingDaysBetween(calendar, a2.end, s1.start)).toBe(0);
		// February half term holds 18 February; Easter Sunday falls inside the Easter holiday.
		expect(inHolidays(`${year}-02-18`)).toBe(true);
		expect(s1.end < `${year}-02-18` && s2.start > `${year}-02-18`).toBe(true);
		const easter = easterSunday(year);
		expect(s2.end < easter && u1.start > easter).toBe(true);
		// May half term is the week of the spring bank holiday (the last Monday of May).
		const springBankHoliday = bankHolidays(year).find((h) => h.name === 'Spring bank holiday')?.date ?? '';
		expect(u1.end < springBankHoliday && u2.start > springBankHoliday).toBe(true);
	});

	it.each(years)('%i has about 190 working days (191 to 197)', (year) => {
		const count = workingDays(defaultTermDates(year)).length;
		expect(count).toBeGreaterThanOrEqual(191);
		expect(count).toBeLessThanOrEqual(197);
	});
});

/** Working days strictly between two dates of a calendar: 0 means the gap is all holiday. */
function workingDaysBetween(calendar: ReturnType<typeof defaultTermDates>, after: string, before: string): number {
	return workingDays(calendar).filter((day) => day.date > after && day.date < before).length;
}
