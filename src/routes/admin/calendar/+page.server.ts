import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard, requireEveryLa } from '$lib/server/access';
import { field } from '$lib/server/forms';
import { addClosure, closuresFor, loadCalendar, removeClosure, resetTermDates, saveTermDates, schoolYearOf, today, yearParam } from '$lib/server/schedule';
import { academicYearLabel } from '$lib/domain/ks2/types';
import { HALF_TERMS, HALF_TERM_LABELS } from '$lib/domain/calendar/half-terms';
import { halfTermOf, whyNotWorkingDay, workingDays } from '$lib/domain/calendar/working-days';
import { bankHolidays } from '$lib/domain/calendar/bank-holidays';
import { academicYearBounds } from '$lib/domain/calendar/half-terms';

/** The year a form is about: sent as a field, because posting to `?/action` drops the page's query. */
async function formYear(event: RequestEvent): Promise<{ form: FormData; year: number }> {
	const form = await event.request.formData();
	return { form, year: yearParam(field(form, 'year')) ?? schoolYearOf(today()) };
}

/** Term dates, bank holidays and LA closure days for one school year. */
export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	const year = yearParam(event.url.searchParams.get('year')) ?? schoolYearOf(today());
	const { calendar, saved } = await loadCalendar(db(), year);
	const closures = await closuresFor(db(), year);
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
		saved,
		halfTerms: HALF_TERMS.map((id) => {
			const h = calendar.halfTerms.find((x) => x.id === id)!;
			return { id, label: HALF_TERM_LABELS[id], start: h.start, end: h.end, workingDays: days.filter((d) => d.halfTerm === id).length };
		}),
		workingDays: days.length,
		holidays: holidays.map((h) => ({ ...h, inTerm: halfTermOf(calendar, h.date) !== null })),
		closures: closures.map((c) => ({ ...c, alreadyClosed: whyNotWorkingDay(calendar, [], c.date) }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const admin = guard(event, 'service.manage');
		requireEveryLa(admin, 'calendar');
		const { form, year } = await formYear(event);
		const halfTerms = HALF_TERMS.map((id) => ({ id, start: field(form, `${id}.start`), end: field(form, `${id}.end`) }));
		const values = Object.fromEntries(
			halfTerms.flatMap((h) => [
				[`${h.id}.start`, h.start],
				[`${h.id}.end`, h.end]
			])
		);
		return act(
			async () => {
				await saveTermDates(db(), admin.id, { summerYear: year, halfTerms });
				return { done: `The ${academicYearLabel(year)} term dates are saved. Plan the year again to use them.` };
			},
			{ values }
		);
	},
	reset: async (event) => {
		const admin = guard(event, 'service.manage');
		requireEveryLa(admin, 'calendar');
		const { year } = await formYear(event);
		return act(async () => {
			await resetTermDates(db(), admin.id, year);
			return { done: `${academicYearLabel(year)} is back to the default term dates.` };
		});
	},
	addClosure: async (event) => {
		const admin = guard(event, 'service.manage');
		requireEveryLa(admin, 'calendar');
		const form = await event.request.formData();
		const values = { 'closure-date': field(form, 'closure-date'), 'closure-reason': field(form, 'closure-reason') };
		return act(
			async () => {
				await addClosure(db(), admin.id, values['closure-date'], values['closure-reason']);
				return { done: 'The closure day is added. Nothing new is planned on it; plan the year again to move anything already there.' };
			},
			{ values }
		);
	},
	removeClosure: async (event) => {
		const admin = guard(event, 'service.manage');
		requireEveryLa(admin, 'calendar');
		const form = await event.request.formData();
		return act(async () => {
			await removeClosure(db(), admin.id, field(form, 'date'));
			return { done: 'The closure day is removed.' };
		});
	}
};
