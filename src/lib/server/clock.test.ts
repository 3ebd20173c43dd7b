import { afterEach, describe, expect, it } from 'vitest';
import { now, nowIso, setClock, today } from './clock';

afterEach(() => setClock(null));

describe('the clock', () => {
	it.each([
		['2026-06-30T23:30:00.000Z', '2026-07-01', '00:30 BST is already the next day in England'],
		['2026-07-01T22:59:59.000Z', '2026-07-01', 'a second before midnight BST'],
		['2026-07-01T23:00:00.000Z', '2026-07-02', 'midnight BST'],
		['2026-12-31T23:30:00.000Z', '2026-12-31', 'in winter England is on UTC'],
		['2027-01-01T00:00:00.000Z', '2027-01-01', 'midnight GMT'],
		['2026-03-29T00:30:00.000Z', '2026-03-29', 'the night the clocks go forward'],
		['2026-10-24T23:30:00.000Z', '2026-10-25', 'the night the clocks go back']
	])('at %s today is %s (%s)', (instant, date) => {
		setClock(instant);
		expect(today()).toBe(date);
		expect(nowIso()).toBe(instant);
	});

	it('runs again from the real time when set to null', () => {
		setClock('2001-01-01T12:00:00Z');
		expect(now().getUTCFullYear()).toBe(2001);
		setClock(null);
		expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
	});
});
