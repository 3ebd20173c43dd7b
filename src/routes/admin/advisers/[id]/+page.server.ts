import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guard';
import { field } from '$lib/server/forms';
import {
	addDaysOff,
	attempt,
	DEFAULT_DAYS_PER_WEEK,
	getAdviser,
	linkSchools,
	listAdvisers,
	reassignFromForm,
	reassignSchools,
	removeDayOff,
	ScheduleError,
	setCapacity,
	today
} from '$lib/server/schedule';
import { ROLE_LABELS } from '$lib/domain/roles';

async function adviserOf(event: RequestEvent) {
	const id = Number(event.params.id);
	const adviser = Number.isInteger(id) ? await getAdviser(db(), id) : null;
	if (!adviser) error(404, 'Page not found');
	return adviser;
}

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'manageService');
	const adviser = await adviserOf(event);
	const others = (await listAdvisers(db())).filter((a) => a.id !== adviser.id).map((a) => ({ id: a.id, name: a.name }));
	const from = today();
	return {
		title: adviser.name,
		adviser: { ...adviser, roleLabel: ROLE_LABELS[adviser.role] },
		defaultDays: DEFAULT_DAYS_PER_WEEK,
		upcomingDaysOff: adviser.daysOff.filter((d) => d.date >= from),
		pastDaysOff: adviser.daysOff.filter((d) => d.date < from).length,
		schools: await linkSchools(db(), adviser.id),
		others
	};
};

export const actions: Actions = {
	capacity: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const adviser = await adviserOf(event);
		const text = field(await event.request.formData(), 'days-per-week');
		const result = await attempt(() => setCapacity(db(), admin.id, adviser.id, text), { 'days-per-week': text });
		return result.ok ? { done: `${adviser.name} now has ${text} days a week for school work. Plan the year again to use it.` } : result.failure;
	},
	addDaysOff: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const adviser = await adviserOf(event);
		const form = await event.request.formData();
		const values = { 'off-from': field(form, 'off-from'), 'off-to': field(form, 'off-to'), 'off-reason': field(form, 'off-reason') };
		const result = await attempt(
			() => addDaysOff(db(), admin.id, adviser.id, { from: values['off-from'], to: values['off-to'], reason: values['off-reason'] }),
			values
		);
		return result.ok
			? { done: `${result.value} ${result.value === 1 ? 'day' : 'days'} off added. Plan the year again to move anything planned on them.` }
			: result.failure;
	},
	removeDayOff: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const adviser = await adviserOf(event);
		const date = field(await event.request.formData(), 'date');
		const result = await attempt(() => removeDayOff(db(), admin.id, adviser.id, date));
		return result.ok ? { done: 'The day off is removed.' } : result.failure;
	},
	reassign: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const adviser = await adviserOf(event);
		const { urns, toAdviserId } = reassignFromForm(await event.request.formData());
		const result = await attempt(async () => {
			if (toAdviserId === 'invalid' || toAdviserId === adviser.id)
				throw new ScheduleError('Choose another adviser to give the schools to.', { 'to-adviser': 'Choose another adviser to give the schools to.' });
			const mine = new Set((await linkSchools(db(), adviser.id)).map((s) => s.urn));
			if (urns.some((urn) => !mine.has(urn)))
				throw new ScheduleError(`Some of those schools are no longer linked to ${adviser.name}. Reload the page and try again.`);
			return reassignSchools(db(), admin.id, urns, toAdviserId);
		});
		return result.ok
			? {
					done: `${result.value} ${result.value === 1 ? 'school has' : 'schools have'} moved. Their planned engagements move the next time the year is planned.`
				}
			: result.failure;
	}
};
