import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard, visibleSchool } from '$lib/server/access';
import { getSchools } from '$lib/server/schools';
import { askForSupport, supportRequests } from '$lib/server/support';
import { field } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'support.open');
	const schools = await getSchools(db(), user.schoolUrns);
	const requests = await Promise.all(
		schools.map(async (s) => ({ urn: s.urn, name: s.name, hasLinkAdviser: s.link_adviser_id !== null, requests: await supportRequests(db(), s.urn) }))
	);
	return { title: 'Ask for support', schools: requests };
};

export const actions: Actions = {
	default: async (event) => {
		const user = guard(event, 'support.open');
		const form = await event.request.formData();
		const school = await visibleSchool(user, field(form, 'urn'));
		const reason = field(form, 'reason');
		// The school it was for comes back with every outcome: a head of two schools keeps it chosen.
		const urn = school.urn;
		return act(
			async () => {
				const asked = await askForSupport(db(), user, urn, reason);
				if (asked.created) return { done: true, urn };
				return { already: { date: asked.date, details: asked.details }, reason: asked.details === reason.trim() ? '' : reason, urn };
			},
			{ reason, urn }
		);
	}
};
