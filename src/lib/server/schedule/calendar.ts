import type { Db } from '../db';
import { audit } from '../audit';
import { oneAtATime } from '../db/dialect';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { academicYearBounds, HALF_TERMS, type AcademicCalendar } from '../../domain/calendar/half-terms';
import { defaultTermDates } from '../../domain/calendar/default-term-dates';
import { isIsoDate, type IsoDate } from '../../domain/calendar/iso-date';
import { validateCalendar } from '../../domain/calendar/validate-calendar';
import { dayAndDate, longDate } from '../../domain/format';
import { academicYearLabel } from '../../domain/ks2/types';

/**
 * Whose term dates, templates or closures: an LA's code, or '' for the installation's own, which
 * every LA without its own uses (migration 0024).
 */
export type SettingsScope = string;
export const INSTALLATION: SettingsScope = '';

export interface StoredCalendar {
	calendar: AcademicCalendar;
	/** False while the year still uses the generated default dates. */
	saved: boolean;
	/** Whose saved dates these are: the LA's own, or the installation's ('') that every LA without its own uses. */
	from: SettingsScope;
}

/**
 * A school year's term dates for an LA (or, with '', for the installation): the LA's own if it has
 * saved some, else the installation's, else the generated defaults.
 */
export async function loadCalendar(db: Db, summerYear: number, scope: SettingsScope = INSTALLATION): Promise<StoredCalendar> {
	const rows = await db
		.selectFrom('term_dates')
		.selectAll()
		.where('summer_year', '=', summerYear)
		.where('la_code', 'in', [...new Set([INSTALLATION, scope])])
		.execute();
	for (const from of [...new Set([scope, INSTALLATION])]) {
		const own = rows.filter((r) => r.la_code === from);
		if (own.length !== HALF_TERMS.length) continue;
		const byId = new Map(own.map((r) => [r.half_term, r]));
		return {
			calendar: { summerYear, halfTerms: HALF_TERMS.map((id) => ({ id, start: byId.get(id)!.start_date, end: byId.get(id)!.end_date })) },
			saved: true,
			from
		};
	}
	return { calendar: defaultTermDates(summerYear), saved: false, from: INSTALLATION };
}

/** Saves all six half terms (an LA's own, or the installation's) if they pass validateCalendar. Errors are keyed `autumn_1.start`. */
export async function saveTermDates(db: Db, userId: number, calendar: AcademicCalendar, scope: SettingsScope = INSTALLATION): Promise<void> {
	const problems = validateCalendar(calendar);
	if (problems.length > 0) {
		const errors: Record<string, string> = {};
		for (const p of problems) errors[p.halfTerm ? `${p.halfTerm}.${p.field ?? 'start'}` : 'term-dates'] ??= p.message;
		throw new Refusal(problems[0].message, { errors });
	}
	await db.transaction().execute(async (trx) => {
		// One change of term dates or closure days at a time, on any app server: the second sees the first's.
		await oneAtATime(trx, 'calendar');
		const before = await loadCalendar(trx, calendar.summerYear, scope);
		await trx.deleteFrom('term_dates').where('summer_year', '=', calendar.summerYear).where('la_code', '=', scope).execute();
		await trx
			.insertInto('term_dates')
			.values(
				calendar.halfTerms.map((h) => ({
					la_code: scope,
					summer_year: calendar.summerYear,
					half_term: h.id,
					start_date: h.start,
					end_date: h.end,
					updated_at: nowIso(),
					updated_by: userId
				}))
			)
			.execute();
		await audit(trx, {
			userId,
			action: 'term_dates.update',
			entity: 'term_dates',
			entityId: calendar.summerYear,
			before: before.calendar.halfTerms,
			after: scope === INSTALLATION ? calendar.halfTerms : { la: scope, halfTerms: calendar.halfTerms }
		});
	});
}

/** Drops a year's saved dates: the installation's go back to the generated defaults, an LA's to the installation's. */
export async function resetTermDates(db: Db, userId: number, summerYear: number, scope: SettingsScope = INSTALLATION): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await oneAtATime(trx, 'calendar');
		const before = await loadCalendar(trx, summerYear, scope);
		await trx.deleteFrom('term_dates').where('summer_year', '=', summerYear).where('la_code', '=', scope).execute();
		await audit(trx, {
			userId,
			action: 'term_dates.reset',
			entity: 'term_dates',
			entityId: summerYear,
			before: scope === INSTALLATION ? before.calendar.halfTerms : { la: scope, halfTerms: before.calendar.halfTerms }
		});
	});
}

export interface ClosureDay {
	date: IsoDate;
	reason: string;
	/** The LA that closes that day, or '' when every LA does. */
	la: SettingsScope;
}

/**
 * Closure days from 1 September to 31 August of one school year that apply to an LA: every LA's
 * and its own. With '', only those of every LA.
 */
export async function closuresFor(db: Db, summerYear: number, scope: SettingsScope = INSTALLATION): Promise<ClosureDay[]> {
	const { start, end } = academicYearBounds(summerYear);
	return db
		.selectFrom('closure_days')
		.select(['date', 'reason', 'la_code as la'])
		.where('date', '>=', start)
		.where('date', '<=', end)
		.where('la_code', 'in', [...new Set([INSTALLATION, scope])])
		.orderBy('date')
		.orderBy('la_code')
		.execute();
}

/**
 * Adds a closure day for every LA ('') or for one. With `summerYear` (the school year the page shows),
 * the day must fall in it: a mistyped year would add a day no page lists.
 */
export async function addClosure(
	db: Db,
	userId: number | null,
	date: string,
	reason: string,
	scope: SettingsScope = INSTALLATION,
	summerYear?: number
): Promise<void> {
	const errors: Record<string, string> = {};
	const bounds = summerYear === undefined ? null : academicYearBounds(summerYear);
	if (!isIsoDate(date)) errors['closure-date'] = 'Enter the closure day as a real date, like 2026-11-13.';
	else if (bounds && summerYear !== undefined && (date < bounds.start || date > bounds.end))
		errors['closure-date'] =
			`Enter a day in ${academicYearLabel(summerYear)}, from ${longDate(bounds.start)} to ${longDate(bounds.end)}. For another school year, choose that year first.`;
	if (!reason) errors['closure-reason'] = 'Say why the LA is closed that day, for example "Staff training day".';
	else if (reason.length > 200) errors['closure-reason'] = 'The reason must be 200 characters or fewer.';
	if (Object.keys(errors).length > 0) throw new Refusal(Object.values(errors)[0], { errors });
	const after = scope === INSTALLATION ? { date, reason } : { date, reason, la: scope };
	await db.transaction().execute(async (trx) => {
		// Checked and added one at a time, on any app server: two adding the same day at once get one day and a message.
		await oneAtATime(trx, 'calendar');
		const existing = await trx
			.selectFrom('closure_days')
			.select('la_code')
			.where('date', '=', date)
			.where('la_code', 'in', [...new Set([INSTALLATION, scope])])
			.executeTakeFirst();
		if (existing) {
			const whose = existing.la_code === scope || scope === INSTALLATION ? '' : ' for every LA';
			throw new Refusal(`${dayAndDate(date)} is already a closure day${whose}.`, { field: 'closure-date' });
		}
		await trx.insertInto('closure_days').values({ la_code: scope, date, reason, created_by: userId, created_at: nowIso() }).execute();
		await audit(trx, { userId, action: 'closure_day.create', entity: 'closure_day', entityId: date, after });
	});
}

export async function removeClosure(db: Db, userId: number, date: string, scope: SettingsScope = INSTALLATION): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await oneAtATime(trx, 'calendar');
		const existing = await trx.selectFrom('closure_days').selectAll().where('date', '=', date).where('la_code', '=', scope).executeTakeFirst();
		if (!existing) throw new Refusal('That closure day has already been removed.');
		const before = scope === INSTALLATION ? { date, reason: existing.reason } : { date, reason: existing.reason, la: scope };
		await trx.deleteFrom('closure_days').where('date', '=', date).where('la_code', '=', scope).execute();
		await audit(trx, { userId, action: 'closure_day.delete', entity: 'closure_day', entityId: date, before });
	});
}
