import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { adviserFeed, getAdviser } from '$lib/server/schedule';
import { NOT_FOUND } from '$lib/domain/refusal';
import { servedLas } from '$lib/domain/access';
import { usersServing } from '$lib/server/la-scope';
import { isRowId } from '$lib/domain/ids';

/** One adviser's engagements as an ICS calendar file, for staff signed in to Triage. */
export const GET: RequestHandler = async (event) => {
	const user = guard(event, 'schools.list');
	const id = Number(event.params.id);
	const las = servedLas(user);
	const adviser = isRowId(id) ? await getAdviser(db(), id) : null;
	// Another LA's adviser is as unknown as one that does not exist.
	const serving = await usersServing(db(), las);
	if (!adviser || (serving !== null && !serving.has(adviser.id))) error(404, NOT_FOUND);
	const slug = adviser.name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return new Response(await adviserFeed(db(), adviser, event.url.origin, las), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="triage-${slug || adviser.id}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
