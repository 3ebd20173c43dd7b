import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { laComparison } from '$lib/server/la-comparison';
import { today } from '$lib/server/schedule/years';

/** The LAs someone serves, side by side (domain/la-comparison.ts). */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
	return { title: 'Compare local authorities', ...(await laComparison(db(), user, today())) };
};
