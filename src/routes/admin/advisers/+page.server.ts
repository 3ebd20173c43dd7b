import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { DEFAULT_DAYS_PER_WEEK, linkSchools, listAdvisers, reassignFromForm, reassignSchools } from '$lib/server/schedule';
import { Refusal } from '$lib/domain/refusal';
import { ROLE_LABELS } from '$lib/domain/roles';
import { servedLas } from '$lib/domain/access';
import { keepServed, keepUsers, servedUrns, usersServing } from '$lib/server/la-scope';

/** Advisers' capacity and link schools, and the schools still without a link adviser. */
export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	// An admin who serves some LAs: the advisers who serve them, and their schools without one.
	const advisers = keepUsers(await usersServing(db(), servedLas(admin)), await listAdvisers(db(), servedLas(admin)));
	return {
		title: 'Advisers',
		defaultDays: DEFAULT_DAYS_PER_WEEK,
		advisers: advisers.map((a) => ({
			id: a.id,
			name: a.name,
			role: ROLE_LABELS[a.role],
			daysPerWeek: a.daysPerWeek,
			capacitySet: a.capacitySet,
			daysOff: a.daysOff.length,
			schools: a.schoolCount
		})),
		unlinked: keepServed(await servedUrns(db(), admin), await linkSchools(db(), null))
	};
};

export const actions: Actions = {
	assign: async (event) => {
		const admin = guard(event, 'service.manage');
		const { urns, toAdviserId } = reassignFromForm(await event.request.formData());
		return act(async () => {
			if (toAdviserId === 'invalid' || toAdviserId === null) throw new Refusal('Choose the adviser to give the schools to.', { field: 'to-adviser' });
			const linked = await reassignSchools(db(), admin, urns, toAdviserId);
			return { done: `${linked} ${linked === 1 ? 'school has' : 'schools have'} a link adviser now. Plan the year again to give them engagements.` };
		});
	}
};
