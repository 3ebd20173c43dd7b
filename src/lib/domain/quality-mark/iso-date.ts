import { addMonths, addYears, format, isValid, parseISO, subMonths } from 'date-fns';

/**
 * Dates in this domain are calendar dates as 'yyyy-MM-dd' strings: they store as they are in the
 * database and JSON, carry no time zone, and sort correctly as plain strings, so comparisons
 * below are string comparisons. Calendar arithmetic is left to date-fns (month ends, leap days).
 */
export type IsoDate = string;

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function toIso(date: Date): IsoDate {
	return format(date, 'yyyy-MM-dd');
}

/** True for a real calendar date in 'yyyy-MM-dd' form ('2025-02-30' is not one). */
export function isIsoDate(value: string): boolean {
	if (!SHAPE.test(value)) return false;
	const date = parseISO(value);
	return isValid(date) && toIso(date) === value;
}

/** 29 February plus one year is 28 February: date-fns keeps to the end of the shorter month. */
export function addYearsIso(date: IsoDate, years: number): IsoDate {
	return toIso(addYears(parseISO(date), years));
}

export function addMonthsIso(date: IsoDate, months: number): IsoDate {
	return toIso(addMonths(parseISO(date), months));
}

export function subMonthsIso(date: IsoDate, months: number): IsoDate {
	return toIso(subMonths(parseISO(date), months));
}
