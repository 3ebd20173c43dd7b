import type { DayTable } from './day-table';
import { daysPerWeekOn, type Adviser } from './plan-types';

/** Work is counted in quarter days, the unit every default cost is a multiple of, so sums are exact. */
export const QUARTERS_PER_DAY = 4;

/** Days a week as whole quarter days, the unit the weekly limit is counted in. */
export function toWeekCap(daysPerWeek: number): number {
	return Math.floor(daysPerWeek * QUARTERS_PER_DAY + 1e-9);
}

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
	/** Quarter days the adviser can give in each week: the capacity in force on the week's first day in the year. */
	readonly weeklyCaps: Int32Array;
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
		this.weeklyCaps = new Int32Array(table.weeks).fill(toWeekCap(adviser.daysPerWeek));
		if (adviser.earlier && adviser.earlier.length > 0) {
			const seen = new Uint8Array(table.weeks);
			for (let day = 0; day < table.length; day++) {
				const week = table.week[day];
				if (seen[week]) continue;
				seen[week] = 1;
				this.weeklyCaps[week] = toWeekCap(daysPerWeekOn(adviser, table.dates[day]));
			}
		}
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
		return this.dayLoad[day] + quarters <= QUARTERS_PER_DAY && this.weekLoad[this.table.week[day]] + quarters <= this.weeklyCaps[this.table.week[day]];
	}

	book(day: number, quarters: number): void {
		if (day < 0 || day >= this.table.length) return;
		this.dayLoad[day] += quarters;
		this.weekLoad[this.table.week[day]] += quarters;
	}
}
