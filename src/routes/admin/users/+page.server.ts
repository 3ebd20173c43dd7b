import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { listUsers } from '$lib/server/users';
import { knownLas } from '$lib/server/las';
import { isServed, servedUrns } from '$lib/server/la-scope';
import { servedLas } from '$lib/domain/access';
import { adminSees } from '$lib/domain/las';

export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	const [all, las, ours] = await Promise.all([listUsers(db()), knownLas(db()), servedUrns(db(), admin)]);
	// An admin who serves some LAs is shown their LAs' accounts only.
	const users = all.filter((u) => adminSees(servedLas(admin), u, (urn) => isServed(ours, urn)));
	/** Each user's LAs are shown only where there is more than one LA to tell apart. */
	return { title: 'Users', users, showLas: las.length > 1, created: event.url.searchParams.get('created') };
};
