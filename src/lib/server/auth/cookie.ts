import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

/**
 * Secure whenever the site is served over https, which is how production runs (directly, or
 * behind a proxy with ORIGIN=https://...). Over plain http on a developer's machine a Secure
 * cookie would never be sent back, so it is left off there. COOKIE_SECURE=true forces it on.
 */
function secure(url: URL): boolean {
	return process.env.COOKIE_SECURE === 'true' || url.protocol === 'https:';
}

export function sessionCookieOptions(url: URL, expiresAt: Date) {
	return { httpOnly: true, sameSite: 'lax', path: '/', secure: secure(url), expires: expiresAt } as const;
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url, expiresAt));
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', secure: secure(url), maxAge: 0 });
}
