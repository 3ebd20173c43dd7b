import type { DayTable } from './day-table';
import type { Adviser } from './plan-types';

/** Work is counted in quarter days, the unit every default cost is a multiple of, so sums are exact. */
export const QUARTERS_PER_DAY = 4;

export function toQuarters(days: number): number {
	return Math.round(days * QUARTERS_PER_DAY);
}

/**
 * One adviser's booked work by day and by week, and the days they can be given new work. The
 * planner asks "does this fit on day d?" tens of thousands of times, so both loads are arrays
 * indexed by day number and week number: each check is two lookups, never a scan.
 */
export class AdviserLedger {
	readonly dayLoad: Int32Array;
	readonly weekLoad: Int32Array;
	readonly weeklyCap: number;
	/** Day numbers open to new work, ascending: working days, not a day off, not before notBefore. */
	readonly available: Int32Array;
	private readonly firstAtOrAfter: Int32Array;
	private readonly lastAtOrBefore: Int32Array;

	constructor(
		readonly table: DayTable,
		readonly adviser: Adviser,
		notBefore: number
	) {
		this.dayLoad = new Int32Array(table.length);
		this.weekLoad = new Int32Array(table.weeks);
		this.weeklyCap = Math.floor(adviser.daysPerWeek * QUARTERS_PER_DAY + 1e-9);
		const off = new Set(adviser.daysOff);
		const open: number[] = [];
		for (let day = Math.max(0, notBefore); day < table.length; day++) {
			if (table.working[day] && !off.has(table.dates[day])) open.push(day);
		}
		this.available = Int32Array.from(open);
		this.firstAtOrAfter = new Int32Array(table.length + 1);
		this.lastAtOrBefore = new Int32Array(table.length);
		let position = open.length;
		for (let day = table.length; day >= 0; day--) {
			while (position > 0 && open[position - 1] >= day) position--;
			this.firstAtOrAfter[day] = position;
		}
		let last = -1;
		for (let day = 0; day < table.length; day++) {
			if (last + 1 < open.length && open[last + 1] === day) last++;
			this.lastAtOrBefore[day] = last;
		}
	}

	/** Position in `available` of the first open day on or after day number `day` (length if none). */
	positionOnOrAfter(day: number): number {
		if (day <= 0) return 0;
		if (day > this.table.length) return this.available.length;
		return this.firstAtOrAfter[day];
	}

	/** Position in `available` of the last open day on or before day number `day` (-1 if none). */
	positionOnOrBefore(day: number): number {
		if (day < 0) return -1;
		if (day >= this.table.length) return this.available.length - 1;
		return this.lastAtOrBefore[day];
	}

	/** True when `quarters` more work on `day` keeps within 1 day that day and the weekly capacity. */
	fits(day: number, quarters: number): boolean {
		if (quarters === 0) return true;
		return this.dayLoad[day] + quarters <= QUARTERS_PER_DAY && this.weekLoad[this.table.week[day]] + quarters <= this.weeklyCap;
	}

	book(day: number, quarters: number): void {
		if (day < 0 || day >= this.table.length) return;
		this.dayLoad[day] += quarters;
		this.weekLoad[this.table.week[day]] += quarters;
	}
}
