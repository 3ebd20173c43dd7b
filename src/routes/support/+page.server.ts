import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { getSchools } from '$lib/server/schools';
import { askForSupport, SupportError, supportRequests } from '$lib/server/support';
import { field } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, ['headteacher']);
	const schools = await getSchools(db(), user.schoolUrns);
	const requests = await Promise.all(schools.map(async (s) => ({ urn: s.urn, name: s.name, requests: await supportRequests(db(), s.urn) })));
	return { title: 'Ask for support', schools: requests };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event, ['headteacher']);
		const form = await event.request.formData();
		const urn = Number(field(form, 'urn'));
		const reason = field(form, 'reason');
		if (!user.schoolUrns.includes(urn)) error(404, 'Page not found');
		try {
			const asked = await askForSupport(db(), user, urn, reason);
			if (asked.created) return { done: true };
			return { already: { date: asked.date, details: asked.details }, reason: asked.details === reason.trim() ? '' : reason };
		} catch (e) {
			if (e instanceof SupportError) return fail(e.status, { message: e.message, reason });
			throw e;
		}
	}
};
