import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { listUsers } from '$lib/server/users';
import { knownLas, seesAccount } from '$lib/server/las';

export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	const [all, las, sees] = await Promise.all([listUsers(db()), knownLas(db()), seesAccount(db(), admin)]);
	// An admin who serves some LAs is shown their LAs' accounts only.
	const users = all.filter(sees);
	/** Each user's LAs are shown only where there is more than one LA to tell apart. */
	return { title: 'Users', users, showLas: las.length > 1, created: event.url.searchParams.get('created') };
};
