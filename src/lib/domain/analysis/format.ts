import { academicYearLabel } from '../ks2/types';

/*
 * Wording for the reasons. They are read aloud to headteachers, so numbers are rounded the way a
 * person would say them, and no code or field name ever appears.
 */

/** 48 → "48", 61.25 → "61.3", -0 → "0". */
export function num(x: number): string {
	const r = Math.round(x * 10) / 10;
	return String(r === 0 ? 0 : r);
}

export function pct(x: number): string {
	return `${num(x)}%`;
}

/** "1 point", "17 points", "2.5 points", by size. */
export function points(x: number): string {
	const n = num(Math.abs(x));
	return `${n} ${n === '1' ? 'point' : 'points'}`;
}

/** "17 points below", "3 points above", "level with". */
export function gapPhrase(gap: number): string {
	if (num(gap) === '0') return 'level with';
	return `${points(gap)} ${gap < 0 ? 'below' : 'above'}`;
}

export function yearLabel(year: number): string {
	return academicYearLabel(year);
}

/** "a", "a and b", "a, b and c". */
export function list(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2019-03-12" → "12 March 2019"; written by hand so the wording never depends on the server's locale. */
export function longDate(iso: string): string {
	const month = MONTHS[Number(iso.slice(5, 7)) - 1];
	return month ? `${Number(iso.slice(8, 10))} ${month} ${iso.slice(0, 4)}` : iso;
}

/** "about 9 pupils", "about 1 pupil", "less than 1 pupil". */
export function pupilsPhrase(pupils: number): string {
	const n = Math.round(Math.abs(pupils));
	if (n === 0) return 'less than 1 pupil';
	return `about ${n} ${n === 1 ? 'pupil' : 'pupils'}`;
}

/** "+1.2", "-3.9", "0": progress scores are read with their sign. */
export function signed(x: number): string {
	const n = num(x);
	return x > 0 && n !== '0' ? `+${n}` : n;
}
