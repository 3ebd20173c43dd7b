import type { Db } from './db';
import { audit } from './audit';
import { nowIso } from './clock';
import { hashPassword, passwordProblem } from './auth/password';
import { invalidateUserSessions } from './auth/session';
import { normaliseEmail, type UserInput } from '../domain/users';
import type { Role } from '../domain/roles';
import { Refusal } from '../domain/refusal';
import { accountOutside, inLas, laChoiceProblem } from '../domain/las';
import { knownLas } from './las';
import { oneAtATime } from './db/dialect';
import { servedLas, type Actor } from '../domain/access';

/** A refusal about the account as a whole: the user pages show it at the top of their error summary. */
const ABOUT_THE_ACCOUNT = { field: 'user' };

export interface UserSummary {
	id: number;
	email: string;
	name: string;
	role: Role;
	disabledAt: string | null;
	schoolUrns: number[];
	/** The LAs they serve; none: every LA (and none for a headteacher, who is tied to schools). */
	laCodes: string[];
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
	const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabled_at']).orderBy('name').execute();
	const links = await db.selectFrom('user_schools').select(['user_id', 'urn']).orderBy('urn').execute();
	const las = await db.selectFrom('user_las').select(['user_id', 'la_code']).orderBy('la_code').execute();
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		name: r.name,
		role: r.role,
		disabledAt: r.disabled_at,
		schoolUrns: links.filter((l) => l.user_id === r.id).map((l) => l.urn),
		laCodes: las.filter((l) => l.user_id === r.id).map((l) => l.la_code)
	}));
}

export async function getUser(db: Db, id: number): Promise<UserSummary | undefined> {
	const row = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
	if (!row) return undefined;
	const links = await db.selectFrom('user_schools').select('urn').where('user_id', '=', id).orderBy('urn').execute();
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		role: row.role,
		disabledAt: row.disabled_at,
		schoolUrns: links.map((l) => l.urn),
		laCodes: await lasOf(db, id)
	};
}

export async function findUserByEmail(db: Db, email: string) {
	return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

/** The LAs a user serves, sorted; none: every LA. Nobody (the CLI, the demo) serves every LA. */
async function lasOf(db: Db, userId: number | null): Promise<string[]> {
	if (userId === null) return [];
	return (await db.selectFrom('user_las').select('la_code').where('user_id', '=', userId).orderBy('la_code').execute()).map((r) => r.la_code);
}

/**
 * Refuses an admin who serves some LAs changing an adviser's capacity or days off when the adviser
 * also serves other LAs (or every LA): those LAs' plans count on them too (docs/roles.md).
 */
export async function requireAdviserWithin(db: Db, actor: Actor, adviser: { id: number; role: Role }): Promise<void> {
	const outside = accountOutside(servedLas(actor) ?? [], { role: adviser.role, laCodes: await lasOf(db, adviser.id) });
	if (outside) throw new Refusal(outside.replace('This account serves', 'This adviser serves').replace('can change it', 'can change their days'));
}

/** Every URN is a school in the register, within the LAs of the admin giving it (`giver`; none: every LA). */
async function checkSchoolsExist(db: Db, urns: number[], giver: readonly string[]): Promise<void> {
	if (urns.length === 0) return;
	const found = await db.selectFrom('schools').select(['urn', 'la_code']).where('urn', 'in', urns).execute();
	// Another LA's school is not there for an admin who does not serve it, as everywhere else.
	const missing = urns.filter((u) => !found.some((f) => f.urn === u && inLas(giver, f.la_code)));
	if (missing.length > 0) {
		throw new Refusal(`No school with URN ${missing.join(', ')} is in the register. Import the GIAS file first, or check the URN.`, { field: 'schools' });
	}
}

/** The LAs the user will serve, checked against what the installation knows and what the admin serves. */
async function checkLas(db: Db, input: UserInput, giver: readonly string[], before?: { role: Role; laCodes: readonly string[] }): Promise<string[]> {
	if (input.role === 'headteacher') return [];
	// Not asked (an installation of one LA): unchanged, or for a new user the LAs of the admin adding them.
	const chosen = input.laCodes ?? (before && before.laCodes.length > 0 ? before.laCodes : giver);
	const known = (await knownLas(db)).map((l) => l.code);
	const problem = laChoiceProblem({ role: input.role, chosen, known, giver, before });
	if (problem) throw new Refusal(problem.message, problem.field === 'user' ? ABOUT_THE_ACCOUNT : { field: problem.field });
	return [...chosen];
}

/**
 * Refuses an admin of some LAs an account outside them: to change, turn off, turn on or give a new
 * password. A headteacher's account is within them when every school it is linked to is.
 */
async function checkWithinLas(db: Db, account: UserSummary, actorId: number | null): Promise<void> {
	const giver = await lasOf(db, actorId);
	const outside = accountOutside(giver, account);
	if (outside) throw new Refusal(outside, ABOUT_THE_ACCOUNT);
	if (giver.length === 0 || account.role !== 'headteacher') return;
	const schools = account.schoolUrns.length === 0 ? [] : await db.selectFrom('schools').select('la_code').where('urn', 'in', account.schoolUrns).execute();
	if (schools.length === 0 || schools.length < account.schoolUrns.length || schools.some((s) => !inLas(giver, s.la_code))) {
		throw new Refusal(
			'This headteacher’s account is for a school outside the LAs you serve, so only an admin who serves its LA can change it',
			ABOUT_THE_ACCOUNT
		);
	}
}

async function writeLas(db: Db, userId: number, laCodes: readonly string[]): Promise<void> {
	await db.deleteFrom('user_las').where('user_id', '=', userId).execute();
	for (const la_code of laCodes) await db.insertInto('user_las').values({ user_id: userId, la_code }).execute();
}

/** Strips what must never reach the audit log or a page. */
function auditable(u: UserSummary | undefined) {
	return u && { email: u.email, name: u.name, role: u.role, disabledAt: u.disabledAt, schoolUrns: u.schoolUrns, laCodes: u.laCodes };
}

export async function createUser(db: Db, input: UserInput & { password: string }, actorId: number | null): Promise<UserSummary> {
	const problem = passwordProblem(input.password);
	if (problem) throw new Refusal(problem, { field: 'password' });
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		if (await findUserByEmail(trx, input.email)) {
			throw new Refusal(`There is already a user with the email ${input.email}`, { field: 'email' });
		}
		const giver = await lasOf(trx, actorId);
		await checkSchoolsExist(trx, input.schoolUrns, giver);
		const laCodes = await checkLas(trx, input, giver);
		const now = nowIso();
		const { id } = await trx
			.insertInto('users')
			.values({
				email: input.email,
				name: input.name,
				role: input.role,
				password_hash: passwordHash,
				disabled_at: null,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const urn of input.schoolUrns) {
			await trx.insertInto('user_schools').values({ user_id: id, urn }).execute();
		}
		await writeLas(trx, id, laCodes);
		const created = (await getUser(trx, id))!;
		await audit(trx, { userId: actorId, action: 'user.create', entity: 'user', entityId: id, after: auditable(created) });
		return created;
	});
}

/**
 * Changes name, role, school links and LAs. Changing the role or the LAs ends the user's sessions:
 * what they may see changes at once. An admin who serves some LAs changes only accounts within them.
 */
export async function updateUser(db: Db, id: number, input: UserInput, actorId: number | null): Promise<UserSummary> {
	return db.transaction().execute(async (trx) => {
		const before = await getUser(trx, id);
		if (!before) throw new Refusal('That user no longer exists', ABOUT_THE_ACCOUNT);
		// First, whatever the account becomes: an every-LA admin made a headteacher is still not theirs to change.
		await checkWithinLas(trx, before, actorId);
		const giver = await lasOf(trx, actorId);
		const laCodes = await checkLas(trx, input, giver, before);
		const clash = await findUserByEmail(trx, input.email);
		if (clash && clash.id !== id) throw new Refusal(`There is already a user with the email ${input.email}`, { field: 'email' });
		await checkSchoolsExist(trx, input.schoolUrns, giver);
		if (before.role === 'admin' && input.role !== 'admin') await ensureAnotherAdmin(trx, id);
		await trx.updateTable('users').set({ email: input.email, name: input.name, role: input.role, updated_at: nowIso() }).where('id', '=', id).execute();
		await trx.deleteFrom('user_schools').where('user_id', '=', id).execute();
		for (const urn of input.schoolUrns) {
			await trx.insertInto('user_schools').values({ user_id: id, urn }).execute();
		}
		await writeLas(trx, id, laCodes);
		const after = (await getUser(trx, id))!;
		const lasChanged = before.laCodes.join() !== after.laCodes.join();
		if (before.role !== after.role || lasChanged) await invalidateUserSessions(trx, id);
		// The LAs someone serves get a line of their own in the log; the rest of the account another.
		const rest = (u: UserSummary) => ({ ...auditable(u), laCodes: undefined });
		if (lasChanged) {
			await audit(trx, {
				userId: actorId,
				action: 'user.las',
				entity: 'user',
				entityId: id,
				before: { laCodes: before.laCodes },
				after: { laCodes: after.laCodes }
			});
		}
		if (!lasChanged || JSON.stringify(rest(before)) !== JSON.stringify(rest(after))) {
			await audit(trx, { userId: actorId, action: 'user.update', entity: 'user', entityId: id, before: rest(before), after: rest(after) });
		}
		return after;
	});
}

async function ensureAnotherAdmin(db: Db, exceptId: number): Promise<void> {
	// Two admins disabling (or demoting) each other at once are taken one after the other: the second sees the first's change.
	await oneAtATime(db, 'admins');
	const other = await db
		.selectFrom('users')
		.select('id')
		.where('role', '=', 'admin')
		.where('disabled_at', 'is', null)
		.where('id', '!=', exceptId)
		.executeTakeFirst();
	if (!other) throw new Refusal('This is the only active admin. Make another user an admin first.', ABOUT_THE_ACCOUNT);
}

export async function setUserDisabled(db: Db, id: number, disabled: boolean, actorId: number | null): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await getUser(trx, id);
		if (!before) throw new Refusal('That user no longer exists', ABOUT_THE_ACCOUNT);
		if (disabled && id === actorId) throw new Refusal('You cannot disable your own account', ABOUT_THE_ACCOUNT);
		await checkWithinLas(trx, before, actorId);
		if (disabled && before.role === 'admin') await ensureAnotherAdmin(trx, id);
		await trx
			.updateTable('users')
			.set({ disabled_at: disabled ? nowIso() : null, updated_at: nowIso() })
			.where('id', '=', id)
			.execute();
		if (disabled) await shutOut(trx, id);
		const after = await getUser(trx, id);
		await audit(trx, {
			userId: actorId,
			action: disabled ? 'user.disable' : 'user.enable',
			entity: 'user',
			entityId: id,
			before: auditable(before),
			after: auditable(after)
		});
	});
}

/** Sets a new password and signs the user out everywhere. The password itself is never logged. */
/**
 * Ends every way in that an account's password gave: its sessions, and its calendar subscription
 * address, which works without signing in. For a disabled account (enabled again, the old address
 * would work again) and a new password (someone who had the account could have made one).
 */
async function shutOut(trx: Db, id: number): Promise<void> {
	await invalidateUserSessions(trx, id);
	await trx.deleteFrom('calendar_subscriptions').where('user_id', '=', id).execute();
}

export async function resetPassword(db: Db, id: number, password: string, actorId: number | null): Promise<void> {
	const problem = passwordProblem(password);
	if (problem) throw new Refusal(problem, { field: 'password' });
	const passwordHash = await hashPassword(password);
	await db.transaction().execute(async (trx) => {
		const user = await getUser(trx, id);
		if (!user) throw new Refusal('That user no longer exists', ABOUT_THE_ACCOUNT);
		await checkWithinLas(trx, user, actorId);
		await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: nowIso() }).where('id', '=', id).execute();
		await shutOut(trx, id);
		await audit(trx, { userId: actorId, action: 'user.reset_password', entity: 'user', entityId: id });
	});
}
