import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { jobStatus } from '$lib/server/import/jobs';
import { NOT_FOUND } from '$lib/domain/refusal';

/** A running import's progress, then its outcome. Only the person who started it can see it. */
export const GET: RequestHandler = async (event) => {
	const user = guard(event, 'data.import');
	const status = await jobStatus(db(), event.params.id, user.id);
	if (!status) error(404, NOT_FOUND);
	return json(status);
};
