import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { signedIn } from '$lib/server/access';

// Signing out is a POST (from the header). Visiting /logout directly just goes home.
export const load: PageServerLoad = async (event) => {
	signedIn(event);
	redirect(303, '/');
};

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session) await invalidateSession(db(), event.locals.session.id);
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/login');
	}
};
