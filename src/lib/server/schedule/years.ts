import type { Db } from '../db';
import { schoolYearOf } from '../../domain/self-evaluation/summary';
import type { IsoDate } from '../../domain/calendar/iso-date';

export { schoolYearOf };
/** Today in England, from the app's one clock (re-exported here for the schedule's pages). */
export { today } from '../clock';

/**
 * The year to plan by default: the one after the latest year with KS2 results (results for
 * 2018/19 set the support for 2019/20: docs/scheduling.md). Null when nothing is imported yet.
 */
export async function planningYear(db: Db): Promise<number | null> {
	const row = await db
		.selectFrom('ks2_results')
		.select((eb) => eb.fn.max('year').as('year'))
		.executeTakeFirst();
	return row?.year == null ? null : Number(row.year) + 1;
}

/** Years with a stored plan, newest first. */
export async function plannedYears(db: Db): Promise<number[]> {
	const rows = await db.selectFrom('plan_runs').select('year').distinct().orderBy('year', 'desc').execute();
	return rows.map((r) => r.year);
}

/**
 * The year the schedule opens on: this school year if it has a plan, else the newest planned
 * year, else the year to plan next, else this school year.
 */
export async function defaultScheduleYear(db: Db, today: IsoDate): Promise<number> {
	const current = schoolYearOf(today);
	const planned = await plannedYears(db);
	if (planned.includes(current)) return current;
	return planned[0] ?? (await planningYear(db)) ?? current;
}

/** Reads `?year=` as a school year by its summer, within reason; otherwise null. */
export function yearParam(value: string | null): number | null {
	const year = Number(value);
	return value && Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}
