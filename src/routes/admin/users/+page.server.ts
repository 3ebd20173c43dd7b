import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { listUsers } from '$lib/server/users';
import { knownLas } from '$lib/server/las';

export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	const [users, las] = await Promise.all([listUsers(db()), knownLas(db())]);
	/** Each user's LAs are shown only where there is more than one LA to tell apart. */
	return { title: 'Users', users, showLas: las.length > 1, created: event.url.searchParams.get('created') };
};
