import { error, fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { decide, servedLas, type About, type Action } from '../domain/access';
import { NOT_FOUND, Refusal } from '../domain/refusal';
import type { SessionUser } from './auth/session';
import { db } from './db';
import { getSchool, toSchool } from './schools';
import { isRowId } from '../domain/ids';

/**
 * How access and refusals reach HTTP, in one way for every route. The rules themselves are in
 * src/lib/domain/access.ts; nothing here decides anything.
 *
 * A load function, form action or endpoint starts with its door:
 *   const user = guard(event, 'service.manage');          // signed in and allowed, or 303 / 403 / 404
 *   const { user, school } = await schoolFromUrl(event);  // a page about the school in [urn]
 * A load that calls a service which may refuse wraps it in `orPageError(...)`. A form action does
 * its work in `act(...)`, which gives back what the work returns, or the refusal as
 *   fail(status, { message, field, errors, ...data })
 * for the form to show: 400 for what was typed, 403 for what this person may not do, 404 for what
 * is not there. Anything else thrown is a fault and goes on to the error page.
 */

interface GuardEvent {
	locals: App.Locals;
	url: URL;
}

/** What a refused form action gives its page, besides whatever the action adds (`values`, `kind`...). */
export interface RefusalData {
	message: string;
	field: string | null;
	errors: Record<string, string>;
}

/** The signed-in person. Anyone else is sent to sign in, and back to this page afterwards. */
export function signedIn(event: GuardEvent): SessionUser {
	const user = event.locals.user;
	if (!user) {
		// Come back to the page, not to a form action (`?/update`) that was posted while signed out.
		const search = event.url.search.startsWith('?/') ? '' : event.url.search;
		const back = event.url.pathname + search;
		redirect(303, back === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return user;
}

/** The signed-in person, if the policy allows them `action` (on the thing named): else the error page it answers with. */
export function guard<A extends Action>(event: GuardEvent, action: A, ...about: About<A>): SessionUser {
	const user = signedIn(event);
	const decision = decide(user, action, ...about);
	if (!decision.allowed) error(decision.status, decision.message);
	return user;
}

/** The error page for a refusal: what is not found says only that. */
export function pageError(refusal: Refusal): never {
	error(refusal.status, refusal.status === 404 ? NOT_FOUND : refusal.message);
}

/** Runs a load's work; a refusal becomes its error page. */
export async function orPageError<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof Refusal) pageError(e);
		throw e;
	}
}

/** Runs a form action's work and returns what it returns; a refusal comes back to the form (see above). */
export async function act<T, D extends object = Record<never, never>>(run: () => Promise<T>, data?: D): Promise<T | ActionFailure<D & RefusalData>> {
	try {
		return await run();
	} catch (e) {
		if (!(e instanceof Refusal)) throw e;
		return fail(e.status, { ...(data as D), message: e.message, field: e.field, errors: e.errors });
	}
}

/**
 * The school a URN names (in the address, or in a form), if this person may be told it exists: 404
 * for a URN that is malformed, unknown, or one `school.view` hides, so the three cannot be told apart.
 */
export async function visibleSchool(user: SessionUser, urnText: string) {
	const urn = Number(urnText);
	const school = isRowId(urn) ? await getSchool(db(), urn) : undefined;
	if (!school) error(404, NOT_FOUND);
	const decision = decide(user, 'school.view', toSchool(school));
	if (!decision.allowed) error(decision.status, decision.message);
	return school;
}

/** The signed-in person and the school in the page's [urn], which they may see (see visibleSchool). */
export async function schoolFromUrl(event: GuardEvent & { params: { urn: string } }) {
	const user = signedIn(event);
	return { user, school: await visibleSchool(user, event.params.urn) };
}

/** What every LA shares unless it has its own, and what someone who serves some LAs only is told. */
const SHARED_BY_EVERY_LA = {
	calendar: 'The term dates and closure days every LA shares can be changed only by an admin who serves every LA. Choose your LA to change its own',
	templates: 'The engagement templates every LA shares can be changed only by an admin who serves every LA. Choose your LA to change its own',
	brokerage: 'The school-to-school support settings every LA shares can be changed only by an admin who serves every LA. Choose your LA to change its own'
} as const;

/**
 * For a change to an LA's own term dates, closures, templates or brokerage settings ('' for those every LA shares):
 * only someone who serves that LA may make it, and only someone who serves every LA may change
 * what every LA shares. Another LA's answers 404, as its schools do.
 */
export function requireSettingsOf(user: SessionUser, scope: string, what: keyof typeof SHARED_BY_EVERY_LA): void {
	const las = servedLas(user);
	if (las === null) return;
	if (scope === '') error(403, SHARED_BY_EVERY_LA[what]);
	if (!las.includes(scope)) error(404, NOT_FOUND);
}
