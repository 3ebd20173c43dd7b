import { addDays, getISODay, isWeekend, nextMonday, previousFriday, startOfISOWeek } from 'date-fns';
import { bankHolidays, easterSunday } from './bank-holidays';
import type { AcademicCalendar } from './half-terms';
import { toDate, toIso, type IsoDate } from './iso-date';

/**
 * Term dates an English local authority would plausibly publish for the school year whose summer
 * falls in `summerYear` (2025 gives 2024/25). Admins edit them to match their own LA's dates;
 * these only have to be a sensible starting point. Every holiday is whole Monday-to-Friday
 * weeks, so each half term starts on a Monday (or the next working day) and ends on a Friday,
 * except the first day of the year and the last.
 *
 * - Autumn 1 starts on 2 September, or on the Monday after it when 2 September is a Thursday or
 *   later, so the year does not open with a one- or two-day week (2 to 6 September).
 * - October half term is the week containing 29 October: its Monday falls between 23 and 29
 *   October, the last full week of the month or the one straddling 1 November.
 * - Christmas is the two weeks containing 25 December and 1 January (they are always
 *   consecutive weeks, as the two days are exactly a week apart). Spring 1 starts on the next
 *   working day, so a New Year substitute Monday pushes it to the Tuesday.
 * - February half term is the week containing 18 February (Monday 12 to 18 February).
 * - Easter is the two weeks around Easter: the week containing Good Friday and the week
 *   containing Easter Monday.
 * - May half term is the week containing 31 May, which is the week of the spring bank holiday
 *   (the last Monday in May).
 * - Summer 2 ends on the last weekday on or before 22 July, so between 20 and 22 July.
 *
 * That gives 191 to 197 weekdays after bank holidays (checked for 2015 to 2040), close to the 190 pupil days
 * (plus 5 INSET days) that LAs plan to.
 */
export function defaultTermDates(summerYear: number): AcademicCalendar {
	const autumnYear = summerYear - 1;
	const holidays = new Set([...bankHolidays(autumnYear), ...bankHolidays(summerYear)].map((h) => h.date));

	/** Term restarts on the first weekday that is not a bank holiday. */
	const firstWorkingDayFrom = (date: Date): IsoDate => {
		let day = date;
		while (isWeekend(day) || holidays.has(toIso(day))) day = addDays(day, 1);
		return toIso(day);
	};
	/** A holiday week, given any day in it, as its Monday. */
	const weekOf = (iso: IsoDate): Date => startOfISOWeek(toDate(iso));
	const fridayBefore = (monday: Date): IsoDate => toIso(previousFriday(monday));
	const mondayAfter = (monday: Date, weeks: number): IsoDate => firstWorkingDayFrom(addDays(monday, 7 * weeks));

	const september2 = toDate(`${autumnYear}-09-02`);
	const autumnStart = getISODay(september2) >= 4 ? nextMonday(september2) : september2;

	const octoberBreak = weekOf(`${autumnYear}-10-29`);
	const christmasBreak = weekOf(`${autumnYear}-12-25`);
	const februaryBreak = weekOf(`${summerYear}-02-18`);
	const easter = toDate(easterSunday(summerYear));
	const easterBreak = startOfISOWeek(addDays(easter, -2));
	const mayBreak = weekOf(`${summerYear}-05-31`);

	const july22 = toDate(`${summerYear}-07-22`);
	const summerEnd = isWeekend(july22) ? previousFriday(july22) : july22;

	return {
		summerYear,
		halfTerms: [
			{ id: 'autumn_1', start: firstWorkingDayFrom(autumnStart), end: fridayBefore(octoberBreak) },
			{ id: 'autumn_2', start: mondayAfter(octoberBreak, 1), end: fridayBefore(christmasBreak) },
			{ id: 'spring_1', start: mondayAfter(christmasBreak, 2), end: fridayBefore(februaryBreak) },
			{ id: 'spring_2', start: mondayAfter(februaryBreak, 1), end: fridayBefore(easterBreak) },
			{ id: 'summer_1', start: mondayAfter(easterBreak, 2), end: fridayBefore(mayBreak) },
			{ id: 'summer_2', start: mondayAfter(mayBreak, 1), end: toIso(summerEnd) }
		]
	};
}
