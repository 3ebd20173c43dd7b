import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { jobStatus } from '$lib/server/import/jobs';

/** A running import's progress, then its outcome. Only the person who started it can see it. */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event, 'importData');
	const status = jobStatus(event.params.id, user.id);
	if (!status) error(404, 'Page not found');
	return json(status);
};
