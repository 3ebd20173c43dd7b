import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'manageService');
	return { title: 'Admin' };
};
