import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format, isValid, parse } from 'date-fns';

/**
 * A calendar date as `yyyy-mm-dd`. Term dates, visits and holidays are whole days in England,
 * so the domain never carries a time or a time zone: a Date only exists inside these helpers.
 */
export type IsoDate = string;

const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight, so date-fns day arithmetic stays on calendar days whatever the machine's zone. */
export function toDate(iso: IsoDate): Date {
	return parse(iso, 'yyyy-MM-dd', new Date(2000, 0, 1));
}

export function toIso(date: Date): IsoDate {
	return format(date, 'yyyy-MM-dd');
}

/** England's time zone: the day a date belongs to is its day here, summer time included. */
export const ENGLAND = 'Europe/London';

/** The calendar date in England at an instant (a Date, or a stored UTC timestamp such as `2026-06-30T23:30:00.000Z`). */
export function dateInEngland(instant: Date | string): IsoDate {
	return format(new TZDate(new Date(instant).getTime(), ENGLAND), 'yyyy-MM-dd');
}

/** True for a real calendar date in `yyyy-mm-dd` form (rejects 2025-02-30 and 2025-2-3). */
export function isIsoDate(value: unknown): value is IsoDate {
	if (typeof value !== 'string' || !ISO_PATTERN.test(value)) return false;
	const date = toDate(value);
	return isValid(date) && toIso(date) === value;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	return differenceInCalendarDays(toDate(to), toDate(from));
}
