import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard, requireSettingsOf } from '$lib/server/access';
import { scopeQuery, settingsScope } from '$lib/server/schedule/settings-scope';
import { field } from '$lib/server/forms';
import { addClosure, closuresFor, loadCalendar, removeClosure, resetTermDates, saveTermDates, schoolYearOf, today, yearParam } from '$lib/server/schedule';
import { academicYearLabel } from '$lib/domain/ks2/types';
import { HALF_TERMS, HALF_TERM_LABELS } from '$lib/domain/calendar/half-terms';
import { halfTermOf, whyNotWorkingDay, workingDays } from '$lib/domain/calendar/working-days';
import { bankHolidays } from '$lib/domain/calendar/bank-holidays';
import { academicYearBounds } from '$lib/domain/calendar/half-terms';

/**
 * The year and LA a form is about, sent as fields (the forms post to the page's own address too, so
 * the page shown after them is for the same LA and year). Only someone who serves the LA (or, for those every LA shares, every LA) may change them.
 */
async function formScope(event: RequestEvent): Promise<{ form: FormData; year: number; scope: string; admin: ReturnType<typeof guard> }> {
	const admin = guard(event, 'service.manage');
	const form = await event.request.formData();
	const { scope } = await settingsScope(db(), admin, field(form, 'la'));
	requireSettingsOf(admin, scope, 'calendar');
	return { form, year: yearParam(field(form, 'year')) ?? schoolYearOf(today()), scope, admin };
}

/** Term dates, bank holidays and LA closure days for one school year. */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'service.manage');
	const year = yearParam(event.url.searchParams.get('year')) ?? schoolYearOf(today());
	const view = await settingsScope(db(), user, event.url.searchParams.get('la'));
	const { calendar, saved, from } = await loadCalendar(db(), year, view.scope);
	const closures = await closuresFor(db(), year, view.scope);
	const { start, end } = academicYearBounds(year);
	const holidays = [...bankHolidays(year - 1), ...bankHolidays(year)].filter((h) => h.date >= start && h.date <= end);
	const days = workingDays(
		calendar,
		closures.map((c) => c.date)
	);
	const current = schoolYearOf(today());
	return {
		title: 'Term dates',
		year,
		yearLabel: academicYearLabel(year),
		years: [current - 1, current, current + 1, current + 2].map((y) => ({ value: y, label: academicYearLabel(y) })),
		/** The page's LA and year, kept in each form's address so the page shown after it (an error, or saved) is the same one. */
		query: `${scopeQuery(view)}year=${year}&`,
		saved,
		/** Whose dates these are: the LA's own, or every LA's. */
		own: saved && from === view.scope,
		...view,
		halfTerms: HALF_TERMS.map((id) => {
			const h = calendar.halfTerms.find((x) => x.id === id)!;
			return { id, label: HALF_TERM_LABELS[id], start: h.start, end: h.end, workingDays: days.filter((d) => d.halfTerm === id).length };
		}),
		workingDays: days.length,
		holidays: holidays.map((h) => ({ ...h, inTerm: halfTermOf(calendar, h.date) !== null })),
		closures: closures.map((c) => ({ ...c, everyLa: c.la === '' && view.isLa, alreadyClosed: whyNotWorkingDay(calendar, [], c.date) }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { form, year, scope, admin } = await formScope(event);
		const halfTerms = HALF_TERMS.map((id) => ({ id, start: field(form, `${id}.start`), end: field(form, `${id}.end`) }));
		const values = Object.fromEntries(
			halfTerms.flatMap((h) => [
				[`${h.id}.start`, h.start],
				[`${h.id}.end`, h.end]
			])
		);
		return act(
			async () => {
				await saveTermDates(db(), admin.id, { summerYear: year, halfTerms }, scope);
				return { done: `The ${academicYearLabel(year)} term dates are saved. Plan the year again to use them.` };
			},
			{ values }
		);
	},
	reset: async (event) => {
		const { year, scope, admin } = await formScope(event);
		return act(async () => {
			await resetTermDates(db(), admin.id, year, scope);
			return {
				done:
					scope === ''
						? `${academicYearLabel(year)} is back to the default term dates.`
						: `${academicYearLabel(year)} uses the term dates every LA shares again. Plan the year again to use them.`
			};
		});
	},
	addClosure: async (event) => {
		const { form, year, scope, admin } = await formScope(event);
		const values = { 'closure-date': field(form, 'closure-date'), 'closure-reason': field(form, 'closure-reason') };
		return act(
			async () => {
				await addClosure(db(), admin.id, values['closure-date'], values['closure-reason'], scope, year);
				return { done: 'The closure day is added. Nothing new is planned on it; plan the year again to move anything already there.' };
			},
			{ values }
		);
	},
	removeClosure: async (event) => {
		const { form, scope, admin } = await formScope(event);
		return act(async () => {
			await removeClosure(db(), admin.id, field(form, 'date'), scope);
			return { done: 'The closure day is removed.' };
		});
	}
};
