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

/** "Monday 2 September 2024": how dates appear in messages people read. */
export function longDate(iso: IsoDate): string {
	return format(toDate(iso), 'EEEE d MMMM yyyy');
}
