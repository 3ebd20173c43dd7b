import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireStaff } from '$lib/server/auth/guard';
import { searchSchools } from '$lib/server/analysis/school-list';

export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const search = event.url.searchParams.get('q') ?? '';
	const page = Number(event.url.searchParams.get('page')) || 1;
	return { title: 'Schools', search, list: await searchSchools(db(), { search, page }) };
};
