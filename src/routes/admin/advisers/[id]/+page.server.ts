import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { servedLas, type Actor } from '$lib/domain/access';
import { keepServed, keepUsers, servedUrns, usersServing } from '$lib/server/la-scope';
import { field } from '$lib/server/forms';
import {
	addDaysOff,
	DEFAULT_DAYS_PER_WEEK,
	getAdviser,
	linkSchools,
	listAdvisers,
	reassignFromForm,
	reassignSchools,
	removeDayOff,
	setCapacity,
	today
} from '$lib/server/schedule';
import { ROLE_LABELS } from '$lib/domain/roles';
import { NOT_FOUND, Refusal } from '$lib/domain/refusal';
import { isRowId } from '$lib/domain/ids';
import { requireAdviserWithin } from '$lib/server/users';

/** The adviser in the address, if this admin serves an LA they serve (another LA's is not there). */
async function adviserOf(event: RequestEvent, admin: Actor) {
	const id = Number(event.params.id);
	const adviser = isRowId(id) ? await getAdviser(db(), id) : null;
	const serving = await usersServing(db(), servedLas(admin));
	if (!adviser || (serving !== null && !serving.has(adviser.id))) error(404, NOT_FOUND);
	return adviser;
}

export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	const adviser = await adviserOf(event, admin);
	const others = keepUsers(await usersServing(db(), servedLas(admin)), await listAdvisers(db()))
		.filter((a) => a.id !== adviser.id)
		.map((a) => ({ id: a.id, name: a.name }));
	const from = today();
	return {
		title: adviser.name,
		adviser: { ...adviser, roleLabel: ROLE_LABELS[adviser.role] },
		defaultDays: DEFAULT_DAYS_PER_WEEK,
		upcomingDaysOff: adviser.daysOff.filter((d) => d.date >= from),
		pastDaysOff: adviser.daysOff.filter((d) => d.date < from).length,
		schools: keepServed(await servedUrns(db(), admin), await linkSchools(db(), adviser.id)),
		others
	};
};

export const actions: Actions = {
	capacity: async (event) => {
		const admin = guard(event, 'service.manage');
		const adviser = await adviserOf(event, admin);
		const text = field(await event.request.formData(), 'days-per-week');
		return act(
			async () => {
				await requireAdviserWithin(db(), admin, adviser);
				await setCapacity(db(), admin.id, adviser.id, text);
				return { done: `${adviser.name} now has ${text} days a week for school work. Plan the year again to use it.` };
			},
			{ values: { 'days-per-week': text } }
		);
	},
	addDaysOff: async (event) => {
		const admin = guard(event, 'service.manage');
		const adviser = await adviserOf(event, admin);
		const form = await event.request.formData();
		const values = { 'off-from': field(form, 'off-from'), 'off-to': field(form, 'off-to'), 'off-reason': field(form, 'off-reason') };
		return act(
			async () => {
				await requireAdviserWithin(db(), admin, adviser);
				const added = await addDaysOff(db(), admin.id, adviser.id, { from: values['off-from'], to: values['off-to'], reason: values['off-reason'] });
				return { done: `${added} ${added === 1 ? 'day' : 'days'} off added. Plan the year again to move anything planned on them.` };
			},
			{ values }
		);
	},
	removeDayOff: async (event) => {
		const admin = guard(event, 'service.manage');
		const adviser = await adviserOf(event, admin);
		const date = field(await event.request.formData(), 'date');
		return act(async () => {
			await requireAdviserWithin(db(), admin, adviser);
			await removeDayOff(db(), admin.id, adviser.id, date);
			return { done: 'The day off is removed.' };
		});
	},
	reassign: async (event) => {
		const admin = guard(event, 'service.manage');
		const adviser = await adviserOf(event, admin);
		const { urns, toAdviserId } = reassignFromForm(await event.request.formData());
		return act(async () => {
			if (toAdviserId === 'invalid' || toAdviserId === adviser.id) throw new Refusal('Choose another adviser to give the schools to.', { field: 'to-adviser' });
			const mine = new Set((await linkSchools(db(), adviser.id)).map((s) => s.urn));
			if (urns.some((urn) => !mine.has(urn)))
				throw new Refusal(`Some of those schools are no longer linked to ${adviser.name}. Reload the page and try again.`);
			const moved = await reassignSchools(db(), admin, urns, toAdviserId);
			return { done: `${moved} ${moved === 1 ? 'school has' : 'schools have'} moved. Their planned engagements move the next time the year is planned.` };
		});
	}
};
