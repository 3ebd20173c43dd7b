import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guard';
import { attempt, DEFAULT_DAYS_PER_WEEK, linkSchools, listAdvisers, reassignFromForm, reassignSchools, ScheduleError } from '$lib/server/schedule';
import { ROLE_LABELS } from '$lib/domain/roles';

/** Advisers' capacity and link schools, and the schools still without a link adviser. */
export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'manageService');
	const advisers = await listAdvisers(db());
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
		unlinked: await linkSchools(db(), null)
	};
};

export const actions: Actions = {
	assign: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const { urns, toAdviserId } = reassignFromForm(await event.request.formData());
		const result = await attempt(async () => {
			if (toAdviserId === 'invalid' || toAdviserId === null)
				throw new ScheduleError('Choose the adviser to give the schools to.', { 'to-adviser': 'Choose the adviser to give the schools to.' });
			return reassignSchools(db(), admin.id, urns, toAdviserId);
		});
		return result.ok
			? { done: `${result.value} ${result.value === 1 ? 'school has' : 'schools have'} a link adviser now. Plan the year again to give them engagements.` }
			: result.failure;
	}
};
