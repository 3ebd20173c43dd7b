import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/access';

export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	return { title: 'Admin' };
};
