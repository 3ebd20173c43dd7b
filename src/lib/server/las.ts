import type { Db } from './db';
import { getServedLas } from './import/settings';
import { adminSees, type KnownLa } from '../domain/las';
import { servedLas, type Actor } from '../domain/access';
import { isServed, servedUrns } from './la-scope';

/**
 * The LAs this installation knows, by code, with the name the register gives each: the LAs it serves
 * when the import setting lists them, or else every LA the register has schools of; and either way
 * any LA a user already serves, so changing a user never drops one unseen. An installation that knows
 * at most one LA shows no LA anywhere.
 */
export async function knownLas(db: Db): Promise<KnownLa[]> {
	const [served, inRegister, ofUsers] = await Promise.all([
		getServedLas(db),
		db
			.selectFrom('schools')
			.select(['la_code', (eb) => eb.fn.max('la_name').as('la_name')])
			.where('la_code', 'is not', null)
			.groupBy('la_code')
			.execute(),
		db.selectFrom('user_las').select('la_code').distinct().execute()
	]);
	const names = new Map(inRegister.map((r) => [r.la_code as string, r.la_name]));
	const codes = new Set([...(served.length > 0 ? served : names.keys()), ...ofUsers.map((u) => u.la_code)]);
	return [...codes].sort().map((code) => ({ code, name: names.get(code) ?? null }));
}

/**
 * What Admin > Users offers an admin: the LAs to tick (none: no LA field, as in an installation of one
 * LA), within the LAs the admin serves, and whether leaving them all clear (every LA) is theirs to give.
 */
export async function laChoices(db: Db, admin: { laCodes?: readonly string[] }): Promise<{ las: KnownLa[]; everyLa: boolean }> {
	const known = await knownLas(db);
	const mine = admin.laCodes ?? [];
	if (known.length <= 1) return { las: [], everyLa: mine.length === 0 };
	return { las: mine.length > 0 ? known.filter((l) => mine.includes(l.code)) : known, everyLa: mine.length === 0 };
}

/**
 * Whose policy an admin may start a draft of: the one every LA shares (an admin of every LA), and
 * the LAs they serve, each of which may have its own. Unlike laChoices, an admin limited to the one
 * LA an installation knows is offered that LA: the shared policy is not theirs to change.
 */
export async function policyChoices(db: Db, admin: { laCodes?: readonly string[] }): Promise<{ las: KnownLa[]; everyLa: boolean }> {
	const choices = await laChoices(db, admin);
	if (choices.las.length > 0 || choices.everyLa) return choices;
	const mine = admin.laCodes ?? [];
	return { las: (await knownLas(db)).filter((l) => mine.includes(l.code)), everyLa: false };
}

/** The LAs ticked on a user form, or undefined when the form did not ask. */
export function lasFromForm(form: FormData, choices: { las: readonly KnownLa[] }): string[] | undefined {
	return choices.las.length > 0 ? form.getAll('las').map(String) : undefined;
}

/** Whether an admin is shown an account (domain/las.ts `adminSees`): every one, to an admin of every LA. */
export async function seesAccount(db: Db, admin: Actor): Promise<(user: Parameters<typeof adminSees>[1]) => boolean> {
	const served = await servedUrns(db, admin);
	return (user) => adminSees(servedLas(admin), user, (urn) => isServed(served, urn));
}
