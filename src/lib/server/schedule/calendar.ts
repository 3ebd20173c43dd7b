import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { academicYearBounds, HALF_TERMS, type AcademicCalendar } from '../../domain/calendar/half-terms';
import { defaultTermDates } from '../../domain/calendar/default-term-dates';
import { isIsoDate, type IsoDate } from '../../domain/calendar/iso-date';
import { validateCalendar } from '../../domain/calendar/validate-calendar';
import { dayAndDate } from '../../domain/format';

export interface StoredCalendar {
	calendar: AcademicCalendar;
	/** False while the year still uses the generated default dates. */
	saved: boolean;
}

/** A school year's term dates: as an admin saved them, or the generated defaults. */
export async function loadCalendar(db: Db, summerYear: number): Promise<StoredCalendar> {
	const rows = await db.selectFrom('term_dates').selectAll().where('summer_year', '=', summerYear).execute();
	if (rows.length !== HALF_TERMS.length) return { calendar: defaultTermDates(summerYear), saved: false };
	const byId = new Map(rows.map((r) => [r.half_term, r]));
	return {
		calendar: { summerYear, halfTerms: HALF_TERMS.map((id) => ({ id, start: byId.get(id)!.start_date, end: byId.get(id)!.end_date })) },
		saved: true
	};
}

/** Saves all six half terms if they pass validateCalendar. Errors are keyed `autumn_1.start`. */
export async function saveTermDates(db: Db, userId: number, calendar: AcademicCalendar): Promise<void> {
	const problems = validateCalendar(calendar);
	if (problems.length > 0) {
		const errors: Record<string, string> = {};
		for (const p of problems) errors[p.halfTerm ? `${p.halfTerm}.${p.field ?? 'start'}` : 'term-dates'] ??= p.message;
		throw new Refusal(problems[0].message, { errors });
	}
	const before = await loadCalendar(db, calendar.summerYear);
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('term_dates').where('summer_year', '=', calendar.summerYear).execute();
		await trx
			.insertInto('term_dates')
			.values(
				calendar.halfTerms.map((h) => ({
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
			after: calendar.halfTerms
		});
	});
}

/** Goes back to the generated default dates for a year. */
export async function resetTermDates(db: Db, userId: number, summerYear: number): Promise<void> {
	const before = await loadCalendar(db, summerYear);
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('term_dates').where('summer_year', '=', summerYear).execute();
		await audit(trx, { userId, action: 'term_dates.reset', entity: 'term_dates', entityId: summerYear, before: before.calendar.halfTerms });
	});
}

export interface ClosureDay {
	date: IsoDate;
	reason: string;
}

/** LA closure days from 1 September to 31 August of one school year. */
export async function closuresFor(db: Db, summerYear: number): Promise<ClosureDay[]> {
	const { start, end } = academicYearBounds(summerYear);
	return db.selectFrom('closure_days').select(['date', 'reason']).where('date', '>=', start).where('date', '<=', end).orderBy('date').execute();
}

export async function addClosure(db: Db, userId: number | null, date: string, reason: string): Promise<void> {
	const errors: Record<string, string> = {};
	if (!isIsoDate(date)) errors['closure-date'] = 'Enter the closure day as a real date, like 2026-11-13.';
	if (!reason) errors['closure-reason'] = 'Say why the LA is closed that day, for example "Staff training day".';
	else if (reason.length > 200) errors['closure-reason'] = 'The reason must be 200 characters or fewer.';
	if (Object.keys(errors).length > 0) throw new Refusal(Object.values(errors)[0], { errors });
	const existing = await db.selectFrom('closure_days').select('date').where('date', '=', date).executeTakeFirst();
	if (existing) throw new Refusal(`${dayAndDate(date)} is already a closure day.`, { field: 'closure-date' });
	await db.transaction().execute(async (trx) => {
		await trx.insertInto('closure_days').values({ date, reason, created_by: userId, created_at: nowIso() }).execute();
		await audit(trx, { userId, action: 'closure_day.create', entity: 'closure_day', entityId: date, after: { date, reason } });
	});
}

export async function removeClosure(db: Db, userId: number, date: string): Promise<void> {
	const existing = await db.selectFrom('closure_days').selectAll().where('date', '=', date).executeTakeFirst();
	if (!existing) throw new Refusal('That closure day has already been removed.');
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('closure_days').where('date', '=', date).execute();
		await audit(trx, { userId, action: 'closure_day.delete', entity: 'closure_day', entityId: date, before: { date, reason: existing.reason } });
	});
}
