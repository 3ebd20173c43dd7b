import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guard';
import { listUsers } from '$lib/server/users';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'manageService');
	return { title: 'Users', users: await listUsers(db()), created: event.url.searchParams.get('created') };
};
