import { error, fail } from '@sveltejs/kit';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { requireSchoolAccess } from '../auth/guard';
import { getSchool } from '../schools';
import { ScheduleError } from './errors';

/**
 * Runs a schedule change for a form action. A refusal becomes a 400 with its message and the
 * field errors (and the values typed, to refill the form); a change on someone else's engagement
 * a 403; something that does not exist a 404. Anything else is a real fault and is thrown on.
 */
export async function attempt<T, V extends object = Record<string, string>>(run: () => Promise<T>, values?: V) {
	try {
		return { ok: true as const, value: await run() };
	} catch (e) {
		if (!(e instanceof ScheduleError)) throw e;
		if (e.status === 404) error(404, 'Page not found');
		if (e.status === 403) error(403, e.message);
		return { ok: false as const, failure: fail(400, { message: e.message, errors: e.errors, values }) };
	}
}

/** The school a URL names, if this person may see it: 404 for a bad or unknown URN, or for another school's headteacher. */
export async function schoolFromParam(db: Db, user: SessionUser, param: string) {
	const urn = Number(param);
	if (!Number.isInteger(urn)) error(404, 'Page not found');
	requireSchoolAccess(user, urn);
	const school = await getSchool(db, urn);
	if (!school) error(404, 'Page not found');
	return school;
}
