import { TZDate } from '@date-fns/tz';
import { format, isValid } from 'date-fns';
import { dateInEngland, ENGLAND, toDate, type IsoDate } from './calendar/iso-date';

/*
 * How dates and numbers read wherever people see them: pages, messages, CSV and ICS files and the
 * CLI. Dates follow the GOV.UK style ("6 December 2026": no leading zero, the month in full, no
 * "th"). A calendar date (`yyyy-mm-dd`) is shown as the day it names; a stored timestamp is shown as
 * the day, and time, in England. date-fns writes English month names whatever the server's locale.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date a value names: a `yyyy-mm-dd` date as it is, a timestamp as its date in England, anything else null. */
function calendarDate(value: string): Date | null {
	const iso = ISO_DATE.test(value) ? value : /^\d{4}-\d{2}-\d{2}T/.test(value) && isValid(new Date(value)) ? dateInEngland(value) : null;
	if (iso === null) return null;
	const date = toDate(iso);
	return isValid(date) ? date : null;
}

/**
 * Dates already written, by pattern and value: a page shows the same few hundred dates again and
 * again, and working one out (its day in England, then date-fns' format) was a tenth of a school
 * profile's rendering. What a value reads as never changes, so nothing here goes stale; the
 * map is emptied when it grows large.
 */
const written = new Map<string, string>();
const MAX_WRITTEN = 20_000;

function formatted(value: string | null | undefined, pattern: string, none: string): string {
	if (!value) return none;
	const key = `${pattern}\n${value}`;
	let text = written.get(key);
	if (text === undefined) {
		const date = calendarDate(value);
		text = date ? format(date, pattern) : value;
		if (written.size >= MAX_WRITTEN) written.clear();
		written.set(key, text);
	}
	return text;
}

/** "2026-12-06" → "6 December 2026"; a timestamp gives its date in England; null → `none`; text that is not a date stays as it is. */
export function longDate(value: IsoDate | null | undefined, none = 'Not set'): string {
	return formatted(value, 'd MMMM yyyy', none);
}

/** "Sunday 6 December 2026": the date with its weekday, for messages about choosing a working day. */
export function dayAndDate(value: IsoDate): string {
	return formatted(value, 'EEEE d MMMM yyyy', '');
}

/** "Sun 6 Dec 2026": tables and lists where space is short. */
export function shortDate(value: IsoDate): string {
	return formatted(value, 'EEE d MMM yyyy', '');
}

/** A stored timestamp as the day and time in England: "6 December 2026 at 2:05pm". */
export function dateTime(timestamp: string): string {
	const at = new Date(timestamp);
	return isValid(at) ? format(new TZDate(at.getTime(), ENGLAND), "d MMMM yyyy 'at' h:mmaaa") : timestamp;
}

/** 48 → "48", 61.25 → "61.3", -0 → "0": one decimal place at most, as a person would say it. */
export function num(x: number): string {
	const r = Math.round(x * 10) / 10;
	return String(r === 0 ? 0 : r);
}

/** 61.25 → "61.3%". */
export function pct(x: number): string {
	return `${num(x)}%`;
}

/** "+1.2", "-3.9", "0": progress scores are read with their sign. */
export function signed(x: number): string {
	const n = num(x);
	return x > 0 && n !== '0' ? `+${n}` : n;
}

/** 16652 → "16,652": counts of rows, schools and characters. */
export function count(n: number): string {
	return n.toLocaleString('en-GB');
}

/** A number of days to two places at most, as engagements cost quarter days: "0.25", "2.5", "10". */
export function dayNumber(n: number): string {
	return String(Math.round(n * 100) / 100 || 0);
}

/** "0.25 days", "1 day", "2.5 days". */
export function formatDays(n: number): string {
	const text = dayNumber(n);
	return `${text} ${text === '1' ? 'day' : 'days'}`;
}
