import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireStaff } from '$lib/server/auth/guard';
import { today } from '$lib/server/schedule/years';
import { schoolListView } from '$lib/server/school-list';

export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	return { title: 'Schools', ...(await schoolListView(db(), event.url.searchParams, today())) };
};
