import type { Handle, RequestEvent } from '@sveltejs/kit';
import { dataVersion, db } from '$lib/server/db';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, sessionCookieOptions, setSessionCookie } from '$lib/server/auth/cookie';
import { acceptsGzip, CACHED_ROUTES, PageCache } from '$lib/server/page-cache';
import { today } from '$lib/server/schedule/years';
import { bodyProblem } from '$lib/server/body-limit';

const pages = new PageCache();

/** Whose page, which address, which day: everything besides the data a cached page depends on. */
function cacheKey(event: RequestEvent): string | null {
	const user = event.locals.user;
	if (process.env.PAGE_CACHE === 'off' || event.request.method !== 'GET' || !user) return null;
	if (event.route.id === null || !CACHED_ROUTES.has(event.route.id)) return null;
	return `${user.id}\n${today()}\n${event.request.url}`;
}

/** Methods that change nothing; every other method must come from this site's own pages. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads the session cookie on every request. Access checks themselves happen in each load and action.
 * SvelteKit checks the origin of form posts; the JSON and upload endpoints (+server.ts) take other
 * content types, so every request that may change something is checked here the same way.
 */
export const handle: Handle = async ({ event, resolve }) => {
	if (!SAFE_METHODS.has(event.request.method) && event.request.headers.get('origin') !== event.url.origin) {
		return new Response('Cross-site requests are not allowed. Use the page in Triage itself.', {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	// A NUL has no place in an address; PostgreSQL refuses it in text, so it is refused here, in words.
	if (/%00/.test(event.url.pathname + event.url.search)) {
		return new Response('The address contains a character that cannot be used. Check the address and try again.', {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const tooLarge = bodyProblem(event.request.method, event.url.pathname, event.request.headers.get('content-length'));
	if (tooLarge) return new Response(tooLarge.message, { status: tooLarge.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	if (token === null) {
		event.locals.user = null;
		event.locals.session = null;
	} else {
		const { session, user } = await validateSessionToken(db(), token);
		if (session) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		else deleteSessionCookie(event.cookies, event.url);
		event.locals.user = user;
		event.locals.session = session;
	}

	const key = cacheKey(event);
	let response: Response;
	if (key === null) response = await resolve(event);
	else {
		const served = await pages.serve(
			key,
			() => dataVersion(db()),
			() => resolve(event),
			acceptsGzip(event.request.headers.get('accept-encoding'))
		);
		response = served.response;
		// SvelteKit adds the cookies set above only to pages it renders; a kept page gets the session's here.
		if (served.hit && token !== null && event.locals.session) {
			response.headers.append('set-cookie', event.cookies.serialize(SESSION_COOKIE, token, sessionCookieOptions(event.url, event.locals.session.expiresAt)));
		}
	}
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	// Signed in, a page holds school data: not kept by the browser, so Back after signing out on a shared computer shows nothing.
	if (event.locals.user && !response.headers.has('cache-control')) response.headers.set('Cache-Control', 'private, no-store');
	// Over https, browsers are told to use nothing else for a year.
	if (event.url.protocol === 'https:') response.headers.set('Strict-Transport-Security', 'max-age=31536000');
	return response;
};
