import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

/** Secure unless we are plainly in development or tests over http on loopback. */
function secure(): boolean {
	if (process.env.COOKIE_SECURE === 'false') return false;
	if (process.env.COOKIE_SECURE === 'true') return true;
	const origin = process.env.ORIGIN ?? '';
	return process.env.NODE_ENV === 'production' && !origin.startsWith('http://');
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: secure(),
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.set(SESSION_COOKIE, '', {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: secure(),
		maxAge: 0
	});
}
