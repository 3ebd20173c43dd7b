import { academicYearLabel } from '../ks2/types';
import { num } from '../format';

/*
 * Wording for the reasons. They are read aloud to headteachers, so numbers are rounded the way a
 * person would say them (the numbers and dates themselves are written by ../format), and no code or
 * field name ever appears.
 */

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

/** "about 9 pupils", "about 1 pupil", "less than 1 pupil". */
export function pupilsPhrase(pupils: number): string {
	const n = Math.round(Math.abs(pupils));
	if (n === 0) return 'less than 1 pupil';
	return `about ${n} ${n === 1 ? 'pupil' : 'pupils'}`;
}
