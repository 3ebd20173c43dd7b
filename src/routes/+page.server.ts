import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { getSchools, registerSummary } from '$lib/server/schools';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (user.role === 'headteacher') {
		return { title: 'My school', view: 'headteacher' as const, schools: await getSchools(db(), user.schoolUrns) };
	}
	return { title: 'Overview', view: 'staff' as const, summary: await registerSummary(db()) };
};
