import { differenceInCalendarISOWeeks, eachDayOfInterval } from 'date-fns';
import { academicYearBounds, halfTermIndex, HALF_TERMS, type AcademicCalendar, type HalfTermId } from '../calendar/half-terms';
import { daysBetween, toDate, toIso, type IsoDate } from '../calendar/iso-date';
import { workingDays } from '../calendar/working-days';

/**
 * The school year as day numbers: 0 is 1 September, the last is 31 August. The planner does all
 * its arithmetic on these integers (date-fns works out each day's week and half term once,
 * here) so that placing tens of thousands of engagements needs no date objects.
 */
export interface DayTable {
	start: IsoDate;
	length: number;
	dates: IsoDate[];
	/** Half-term index (0 to 5) of each day, or -1 in the holidays. */
	halfTerm: Int8Array;
	/** ISO week number counted from the week holding 1 September: Monday to Sunday share one. */
	week: Int32Array;
	weeks: number;
	/** 1 for a term-time weekday that is neither a bank holiday nor an LA closure day. */
	working: Uint8Array;
	halfTermStart: number[];
	halfTermEnd: number[];
	/** Day number by date, for the dates inside the year. */
	index: Map<IsoDate, number>;
}

export function buildDayTable(calendar: AcademicCalendar, closures: readonly IsoDate[]): DayTable {
	const { start, end } = academicYearBounds(calendar.summerYear);
	const first = toDate(start);
	const days = eachDayOfInterval({ start: first, end: toDate(end) });
	const length = days.length;
	const dates = days.map(toIso);
	const table: DayTable = {
		start,
		length,
		dates,
		index: new Map(dates.map((date, day) => [date, day])),
		halfTerm: new Int8Array(length).fill(-1),
		week: Int32Array.from(days, (day) => differenceInCalendarISOWeeks(day, first)),
		weeks: differenceInCalendarISOWeeks(days[length - 1], first) + 1,
		working: new Uint8Array(length),
		halfTermStart: [],
		halfTermEnd: []
	};
	for (const halfTerm of [...calendar.halfTerms].sort((a, b) => halfTermIndex(a.id) - halfTermIndex(b.id))) {
		const from = ordinalOf(table, halfTerm.start);
		const to = ordinalOf(table, halfTerm.end);
		table.halfTermStart[halfTermIndex(halfTerm.id)] = from;
		table.halfTermEnd[halfTermIndex(halfTerm.id)] = to;
		for (let day = from; day <= to; day++) table.halfTerm[day] = halfTermIndex(halfTerm.id);
	}
	for (const day of workingDays(calendar, closures)) table.working[ordinalOf(table, day.date)] = 1;
	return table;
}

/** Day number of a date; may fall outside 0..length-1 for dates outside the school year. */
export function ordinalOf(table: DayTable, date: IsoDate): number {
	return table.index.get(date) ?? daysBetween(table.start, date);
}

export function halfTermAt(table: DayTable, ordinal: number): HalfTermId | null {
	const index = ordinal >= 0 && ordinal < table.length ? table.halfTerm[ordinal] : -1;
	return index < 0 ? null : HALF_TERMS[index];
}

/** The day numbers a requirement's window covers, first and last inclusive. */
export function windowDays(table: DayTable, window: { from: HalfTermId; to: HalfTermId }, withinWeeks: number | null): { first: number; last: number } {
	const first = table.halfTermStart[halfTermIndex(window.from)];
	const end = table.halfTermEnd[halfTermIndex(window.to)];
	return { first, last: withinWeeks ? Math.min(end, first + 7 * withinWeeks - 1) : end };
}
