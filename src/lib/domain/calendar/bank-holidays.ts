import Holidays from 'date-holidays';
import { isWeekend } from 'date-fns';
import { toDate, type IsoDate } from './iso-date';

export interface BankHoliday {
	date: IsoDate;
	name: string;
}

// England and Wales share one list of bank holidays (Scotland and Northern Ireland differ),
// so the England rules of date-holidays serve both.
const englandAndWales = new Holidays('GB', 'ENG');

const cache = new Map<number, readonly BankHoliday[]>();

/**
 * The bank holidays of one calendar year in England and Wales, as GOV.UK publishes them:
 * Easter and the one-off days (jubilees, coronation, state funeral) included, and when
 * Christmas, Boxing Day or New Year's Day falls at a weekend, the weekday substitute in its
 * place. The weekend date itself is dropped, because it is not a day off work.
 */
export function bankHolidays(year: number): readonly BankHoliday[] {
	const cached = cache.get(year);
	if (cached) return cached;
	const list = englandAndWales
		.getHolidays(year)
		.filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
		.map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }))
		.filter((holiday) => !isWeekend(toDate(holiday.date)))
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	cache.set(year, list);
	return list;
}

const easterCache = new Map<number, IsoDate>();

/** Easter Sunday of `year` (the date date-holidays derives its Easter bank holidays from). */
export function easterSunday(year: number): IsoDate {
	const cached = easterCache.get(year);
	if (cached) return cached;
	const easter = englandAndWales.getHolidays(year).find((holiday) => holiday.rule === 'easter');
	if (!easter) throw new Error(`date-holidays has no Easter Sunday for ${year}`);
	easterCache.set(year, easter.date.slice(0, 10));
	return easter.date.slice(0, 10);
}
