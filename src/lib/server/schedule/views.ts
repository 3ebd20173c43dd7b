import { addDays, addMonths, eachDayOfInterval, endOfMonth, format, isWeekend, startOfISOWeek, startOfMonth } from 'date-fns';
import { toDate, toIso, type IsoDate } from '../../domain/calendar/iso-date';
import { academicYearBounds, HALF_TERM_LABELS, type AcademicCalendar, type HalfTermId } from '../../domain/calendar/half-terms';
import { academicYearBankHolidays, halfTermOf } from '../../domain/calendar/working-days';
import type { ClosureDay } from './calendar';
import type { EngagementView } from './engagements';

export const TERMS = {
	autumn: ['autumn_1', 'autumn_2'],
	spring: ['spring_1', 'spring_2'],
	summer: ['summer_1', 'summer_2']
} as const satisfies Record<string, readonly HalfTermId[]>;
export type Term = keyof typeof TERMS;

export function isTerm(value: unknown): value is Term {
	return typeof value === 'string' && value in TERMS;
}

/** The term `date` falls in (or the next one, in a holiday), defaulting to autumn outside the year. */
export function termOf(calendar: AcademicCalendar, date: IsoDate): Term {
	const halfTerm = halfTermOf(calendar, date) ?? calendar.halfTerms.find((h) => h.start > date)?.id ?? 'autumn_1';
	return (Object.keys(TERMS) as Term[]).find((t) => (TERMS[t] as readonly HalfTermId[]).includes(halfTerm))!;
}

/** The twelve months of a school year as `yyyy-mm`, September first. */
export function monthsOf(summerYear: number): string[] {
	const start = toDate(academicYearBounds(summerYear).start);
	return Array.from({ length: 12 }, (_, i) => format(addMonths(start, i), 'yyyy-MM'));
}

/** The month to show: the one asked for if it is in the year, else today's, else September. */
export function monthFor(summerYear: number, asked: string | null, today: IsoDate): string {
	const months = monthsOf(summerYear);
	if (asked && months.includes(asked)) return asked;
	return months.includes(today.slice(0, 7)) ? today.slice(0, 7) : months[0];
}

export function monthLabel(month: string): string {
	return format(toDate(`${month}-01`), 'MMMM yyyy');
}

/**
 * A month as weeks of Monday to Friday, each day with its engagements and, when no school work
 * can happen, why: a bank holiday, the school holidays, or an LA closure.
 */
export function monthGrid(month: string, calendar: AcademicCalendar, closures: readonly ClosureDay[], engagements: readonly EngagementView[]) {
	const first = toDate(`${month}-01`);
	const holidays = academicYearBankHolidays(calendar.summerYear);
	const closed = new Map(closures.map((c) => [c.date, c.reason]));
	const byDate = new Map<IsoDate, EngagementView[]>();
	for (const e of engagements) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);

	const days = eachDayOfInterval({ start: startOfISOWeek(startOfMonth(first)), end: endOfMonth(first) }).filter((d) => !isWeekend(d));
	const weeks: { date: IsoDate; inMonth: boolean; note: string | null; engagements: EngagementView[] }[][] = [];
	for (const day of days) {
		const date = toIso(day);
		const note = holidays.has(date)
			? `Bank holiday: ${holidays.get(date)}`
			: closed.has(date)
				? `LA closure: ${closed.get(date)}`
				: halfTermOf(calendar, date) === null
					? 'School holiday'
					: null;
		const entry = { date, inMonth: date.slice(0, 7) === month, note, engagements: byDate.get(date) ?? [] };
		if (weeks.length === 0 || weeks[weeks.length - 1].length === 5) weeks.push([]);
		weeks[weeks.length - 1].push(entry);
	}
	// The last week may stop before Friday when the month ends mid-week: fill it from the next month.
	const last = weeks[weeks.length - 1];
	while (last.length < 5) {
		const date = toIso(addDays(toDate(last[last.length - 1].date), 1));
		last.push({ date, inMonth: false, note: null, engagements: [] });
	}
	return weeks.filter((week) => week.some((d) => d.inMonth));
}

/** Monday to Friday of the working week containing `date`, or of the week ahead at a weekend. */
export function weekOf(date: IsoDate): { from: IsoDate; to: IsoDate } {
	const day = toDate(date);
	const monday = startOfISOWeek(isWeekend(day) ? addDays(day, 2) : day);
	return { from: toIso(monday), to: toIso(addDays(monday, 4)) };
}

/** "Autumn 1: Wednesday 2 September to Friday 23 October 2026". */
export function halfTermHeading(calendar: AcademicCalendar, id: HalfTermId): string {
	const half = calendar.halfTerms.find((h) => h.id === id)!;
	const label = HALF_TERM_LABELS[id].replace(/^./, (c) => c.toUpperCase());
	return `${label}: ${format(toDate(half.start), 'EEEE d MMMM')} to ${format(toDate(half.end), 'EEEE d MMMM yyyy')}`;
}
