import { formatLocale, precisionFixed } from 'd3-format';

/*
 * Words and numbers for chart labels, tooltips and tables. The sign of a progress score is
 * always written ("+2.3"), since "2.3" next to "-2.3" is easy to misread.
 */

import { formatDays } from '../../domain/format';

export { signed, pct, num, dayNumber, formatDays } from '../../domain/format';

/** "1 school", "12 schools". */
export function schools(n: number): string {
	return `${n} ${n === 1 ? 'school' : 'schools'}`;
}

/** "over by 2.5 days", "at capacity", "1.5 days spare": the workload label, read without the bar. */
export function capacityPhrase(planned: number, capacity: number): string {
	const diff = Math.round((planned - capacity) * 100) / 100;
	if (diff > 0) return `over by ${formatDays(diff)}`;
	if (diff === 0) return 'at capacity';
	return `${formatDays(-diff)} spare`;
}

/** "-4.5 to +1.2": a confidence interval with both signs written. */
export function intervalText(lower: number, upper: number): string {
	return `${signedFixed(lower)} to ${signedFixed(upper)}`;
}

/**
 * Like `signed`, but always one decimal place, so a column of scores lines up: "+2.0", "-0.4", "0.0".
 * Halves round away from zero, so -12.25 and +12.25 read as the same size.
 */
export function signedFixed(x: number): string {
	const size = Math.round(Math.abs(x) * 10) / 10;
	const sign = size === 0 ? '' : x > 0 ? '+' : '-';
	return `${sign}${size.toFixed(1)}`;
}

export interface TickFormatOptions {
	/** Write "+" on positive ticks: for progress scores and gaps to England. */
	signed?: boolean;
	/** Appended to each label, e.g. "%". */
	suffix?: string;
}

// d3-format's default locale writes a Unicode minus; the rest of the app writes "-", and a tick
// should read exactly like the label beside it.
const { format } = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''], minus: '-' });

/**
 * A formatter for axis ticks `step` apart: just enough decimals to tell neighbours apart (0.5 steps
 * give "1.5", 10 steps give "20").
 */
export function tickFormatter(step: number, options: TickFormatOptions = {}): (value: number) => string {
	const places = step > 0 ? precisionFixed(step) : 0;
	const f = format(`${options.signed ? '+' : ''}.${places}f`);
	const suffix = options.suffix ?? '';
	// d3-format writes "+0" for zero with the "+" flag; zero has no sign.
	return (value) => (Math.abs(value) < step / 1e6 ? format(`.${places}f`)(0) : f(value)) + suffix;
}
