import { describe, expect, it } from 'vitest';
import { count, dateTime, dayAndDate, dayNumber, formatDays, longDate, num, pct, shortDate, signed } from './format';

describe('dates, GOV.UK style', () => {
	it.each([
		['2019-03-12', '12 March 2019'],
		['2025-12-01', '1 December 2025'],
		['2026-12-06', '6 December 2026'],
		['2024-02-29', '29 February 2024'],
		// A stored timestamp is shown as its date in England: 23:30 UTC in summer is the next day.
		['2026-06-30T23:30:00.000Z', '1 July 2026'],
		['2026-12-31T23:30:00.000Z', '31 December 2026'],
		['not a date', 'not a date'],
		['2025-02-30', '2025-02-30']
	])('longDate(%j) is %j', (value, text) => {
		expect(longDate(value)).toBe(text);
	});

	it.each([
		[null, undefined, 'Not set'],
		[undefined, undefined, 'Not set'],
		['', undefined, 'Not set'],
		[null, '', '']
	] as const)('longDate(%j, %j) is %j', (value, none, text) => {
		expect(longDate(value, none)).toBe(text);
	});

	it.each([
		['2024-09-02', 'Monday 2 September 2024'],
		['2026-03-14', 'Saturday 14 March 2026'],
		['2026-06-30T23:30:00.000Z', 'Wednesday 1 July 2026']
	])('dayAndDate(%j) is %j', (value, text) => {
		expect(dayAndDate(value)).toBe(text);
	});

	it.each([
		['2026-09-07', 'Mon 7 Sep 2026'],
		['2026-12-06', 'Sun 6 Dec 2026']
	])('shortDate(%j) is %j', (value, text) => {
		expect(shortDate(value)).toBe(text);
	});

	it.each([
		['2025-07-14T14:05:00.000Z', '14 July 2025 at 3:05pm'],
		['2025-12-06T09:30:00.000Z', '6 December 2025 at 9:30am'],
		['2026-06-30T23:30:00.000Z', '1 July 2026 at 12:30am'],
		['not a time', 'not a time']
	])('dateTime(%j) is %j, in England', (value, text) => {
		expect(dateTime(value)).toBe(text);
	});
});

describe('numbers', () => {
	it.each([
		[48, '48'],
		[61.25, '61.3'],
		[-0.01, '0'],
		[-3.5, '-3.5']
	])('num(%d) is %s', (x, text) => {
		expect(num(x)).toBe(text);
	});

	it.each([
		[61.25, '61.3%'],
		[0, '0%']
	])('pct(%d) is %s', (x, text) => {
		expect(pct(x)).toBe(text);
	});

	it.each([
		[1.23, '+1.2'],
		[-3.9, '-3.9'],
		[0.01, '0']
	])('signed(%d) is %s', (x, text) => {
		expect(signed(x)).toBe(text);
	});

	it.each([
		[7, '7'],
		[16652, '16,652'],
		[1237500, '1,237,500']
	])('count(%d) is %s', (n, text) => {
		expect(count(n)).toBe(text);
	});

	it.each([
		[0, '0 days'],
		[-0, '0 days'],
		[0.25, '0.25 days'],
		[1, '1 day'],
		[2.5, '2.5 days'],
		[1.004, '1 day'],
		[10.125, '10.13 days']
	])('formatDays(%d) is %s', (n, text) => {
		expect(formatDays(n)).toBe(text);
		expect(dayNumber(n)).toBe(text.replace(/ days?$/, ''));
	});
});
