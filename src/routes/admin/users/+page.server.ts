import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { listUsers } from '$lib/server/users';

export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	return { title: 'Users', users: await listUsers(db()), created: event.url.searchParams.get('created') };
};
