import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { schoolFromUrl } from '$lib/server/access';
import { schoolFeed } from '$lib/server/schedule';

/** One school's engagements as an ICS calendar file: for staff, and for that school's own headteacher. */
export const GET: RequestHandler = async (event) => {
	const { school } = await schoolFromUrl(event);
	return new Response(await schoolFeed(db(), school, event.url.origin), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="triage-school-${school.urn}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
