import { eachDayOfInterval, format, isWeekend } from 'date-fns';
import { bankHolidays } from './bank-holidays';
import { type AcademicCalendar, type HalfTermId } from './half-terms';
import { toDate, toIso, type IsoDate } from './iso-date';

export interface WorkingDay {
	date: IsoDate;
	halfTerm: HalfTermId;
}

/** Bank holidays of both calendar years a school year touches, by date. */
export function academicYearBankHolidays(summerYear: number): Map<IsoDate, string> {
	const both = [...bankHolidays(summerYear - 1), ...bankHolidays(summerYear)];
	return new Map(both.map((holiday) => [holiday.date, holiday.name]));
}

/**
 * The days an adviser can visit or call a school: weekdays inside a half term that are neither
 * a bank holiday nor one of the LA's closure days. Sorted by date. The calendar is assumed valid
 * (see validateCalendar); half terms are read as given.
 */
export function workingDays(calendar: AcademicCalendar, closures: readonly IsoDate[] = []): WorkingDay[] {
	const holidays = academicYearBankHolidays(calendar.summerYear);
	const closed = new Set(closures);
	const days: WorkingDay[] = [];
	for (const halfTerm of calendar.halfTerms) {
		if (halfTerm.end < halfTerm.start) continue;
		for (const day of eachDayOfInterval({ start: toDate(halfTerm.start), end: toDate(halfTerm.end) })) {
			const date = toIso(day);
			if (isWeekend(day) || holidays.has(date) || closed.has(date)) continue;
			days.push({ date, halfTerm: halfTerm.id });
		}
	}
	return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The half term a date falls in, or null in the holidays. */
export function halfTermOf(calendar: AcademicCalendar, date: IsoDate): HalfTermId | null {
	return calendar.halfTerms.find((halfTerm) => halfTerm.start <= date && date <= halfTerm.end)?.id ?? null;
}

/**
 * Why `date` is not a working day, as the end of a sentence ("... because it is a Saturday"),
 * or null when it is one. Checked in the order a person would: weekend, holiday, closure.
 */
export function whyNotWorkingDay(calendar: AcademicCalendar, closures: readonly IsoDate[], date: IsoDate): string | null {
	const day = toDate(date);
	if (isWeekend(day)) return `it is a ${format(day, 'EEEE')}`;
	const halfTerm = halfTermOf(calendar, date);
	if (!halfTerm) return 'it is in the school holidays';
	const holiday = academicYearBankHolidays(calendar.summerYear).get(date);
	if (holiday) return `it is a bank holiday (${holiday})`;
	if (closures.includes(date)) return 'it is an LA closure day';
	return null;
}
