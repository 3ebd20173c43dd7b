import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { subscribedCalendar } from '$lib/server/schedule';
import { NOT_FOUND } from '$lib/domain/refusal';

/**
 * A person's private calendar subscription, polled by Outlook without a session: the address is
 * the secret. An unknown, revoked or malformed address is simply not found.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const token = /^([a-z2-7]{32})\.ics$/.exec(params.file)?.[1];
	const calendar = token ? await subscribedCalendar(db(), token, url.origin) : null;
	if (calendar === null) error(404, NOT_FOUND);
	return new Response(calendar, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store' }
	});
};
