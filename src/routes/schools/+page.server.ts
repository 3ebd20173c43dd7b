import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { servedLas } from '$lib/domain/access';
import { today } from '$lib/server/schedule/years';
import { schoolListView } from '$lib/server/school-list';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
	return { title: 'Schools', ...(await schoolListView(db(), event.url.searchParams, today(), servedLas(user))) };
};
