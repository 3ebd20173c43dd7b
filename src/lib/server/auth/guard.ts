import { error, redirect } from '@sveltejs/kit';
import { can, STAFF_ROLES, type Permission, type Role } from '../../domain/roles';
import type { SessionUser } from './session';

interface GuardEvent {
	locals: App.Locals;
	url: URL;
}

/**
 * The one server-side guard. Every load function and every action calls it first.
 * No user: redirect to sign-in (and back afterwards). Wrong role: 403.
 */
export function requireUser(event: GuardEvent, roles?: readonly Role[]): SessionUser {
	const user = event.locals.user;
	if (!user) {
		// Come back to the page, not to a form action (`?/update`) that was posted while signed out.
		const search = event.url.search.startsWith('?/') ? '' : event.url.search;
		const back = event.url.pathname + search;
		redirect(303, back === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	if (roles && !roles.includes(user.role)) {
		error(403, 'You do not have permission to see this page');
	}
	return user;
}

export function requirePermission(event: GuardEvent, permission: Permission): SessionUser {
	const user = requireUser(event);
	if (!can(user.role, permission)) error(403, 'You do not have permission to do this');
	return user;
}

export function requireStaff(event: GuardEvent): SessionUser {
	return requireUser(event, STAFF_ROLES);
}

/**
 * A headteacher may only see their own schools. For anyone else's URN the answer is 404,
 * so the existence of other schools is not revealed.
 */
export function requireSchoolAccess(user: SessionUser, urn: number): void {
	if (user.role === 'headteacher' && !user.schoolUrns.includes(urn)) {
		error(404, 'Page not found');
	}
}

/**
 * Staff pages about one school's things (an engagement, its note of visit): a headteacher is never
 * told such a page exists. They get 404, as for another school's URL; their own school's visits are
 * on /schedule/schools/[urn].
 */
export function requireStaffOrNotFound(event: GuardEvent): SessionUser {
	const user = requireUser(event);
	if (!STAFF_ROLES.includes(user.role)) error(404, 'Page not found');
	return user;
}
