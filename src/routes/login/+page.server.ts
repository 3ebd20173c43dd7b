import { withoutNul } from '$lib/domain/text';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { attemptLogin } from '$lib/server/auth/login';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { safeRedirectPath } from '$lib/domain/auth/redirect';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo'), url.origin));
	return { title: 'Sign in' };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = withoutNul(String(form.get('email') ?? ''));
		const password = String(form.get('password') ?? '');
		const result = await attemptLogin(db(), email, password, event.getClientAddress());
		if (!result.ok) return fail(result.status, { email, message: result.message });
		const token = generateSessionToken();
		const session = await createSession(db(), token, result.userId);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, safeRedirectPath(event.url.searchParams.get('redirectTo'), event.url.origin));
	}
};
