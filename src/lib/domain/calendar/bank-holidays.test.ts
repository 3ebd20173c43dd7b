import { describe, expect, it } from 'vitest';
import { bankHolidays, easterSunday } from './bank-holidays';

// Published by GOV.UK (www.gov.uk/bank-holidays, England and Wales), copied by hand so the test
// checks date-holidays against the official list rather than against itself.
const PUBLISHED: [number, string[]][] = [
	[2024, ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']],
	[2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
	[2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
	[2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']]
];

describe('bankHolidays (England and Wales)', () => {
	it.each(PUBLISHED)('%i matches the dates published on GOV.UK', (year, dates) => {
		expect(bankHolidays(year).map((holiday) => holiday.date)).toEqual(dates);
	});

	it.each([
		['2026-12-28', 'Boxing Day (substitute day)'],
		['2027-12-27', 'Christmas Day (substitute day)'],
		['2027-12-28', 'Boxing Day (substitute day)'],
		['2025-04-18', 'Good Friday'],
		['2025-04-21', 'Easter Monday']
	])('names %s as %s', (date, name) => {
		const year = Number(date.slice(0, 4));
		expect(bankHolidays(year).find((holiday) => holiday.date === date)?.name).toBe(name);
	});

	it.each([
		[2022, ['2022-01-03', '2022-06-02', '2022-06-03', '2022-09-19', '2022-12-27']],
		[2023, ['2023-01-02', '2023-05-08']]
	])('%i includes its one-off days and substitutes', (year, dates) => {
		const listed = bankHolidays(year).map((holiday) => holiday.date);
		expect(listed).toEqual(expect.arrayContaining(dates));
	});

	it('never lists a weekend date, even when Christmas falls at the weekend', () => {
		const weekendDates = bankHolidays(2027).filter((holiday) => ['2027-12-25', '2027-12-26'].includes(holiday.date));
		expect(weekendDates).toEqual([]);
	});
});

describe('easterSunday', () => {
	it.each([
		[2024, '2024-03-31'],
		[2025, '2025-04-20'],
		[2026, '2026-04-05'],
		[2027, '2027-03-28'],
		[2038, '2038-04-25']
	])('%i is %s', (year, date) => {
		expect(easterSunday(year)).toBe(date);
	});
});
