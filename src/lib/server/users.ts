import type { Db } from './db';
import { audit } from './audit';
import { nowIso } from './clock';
import { hashPassword, passwordProblem } from './auth/password';
import { invalidateUserSessions } from './auth/session';
import { normaliseEmail, type UserInput } from '../domain/users';
import type { Role } from '../domain/roles';
import { Refusal } from '../domain/refusal';

/** A refusal about the account as a whole: the user pages show it at the top of their error summary. */
const ABOUT_THE_ACCOUNT = { field: 'user' };

export interface UserSummary {
	id: number;
	email: string;
	name: string;
	role: Role;
	disabledAt: string | null;
	schoolUrns: number[];
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
	const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabled_at']).orderBy('name').execute();
	const links = await db.selectFrom('user_schools').select(['user_id', 'urn']).orderBy('urn').execute();
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		name: r.name,
		role: r.role,
		disabledAt: r.disabled_at,
		schoolUrns: links.filter((l) => l.user_id === r.id).map((l) => l.urn)
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
		schoolUrns: links.map((l) => l.urn)
	};
}

export async function findUserByEmail(db: Db, email: string) {
	return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

async function checkSchoolsExist(db: Db, urns: number[]): Promise<void> {
	if (urns.length === 0) return;
	const found = await db.selectFrom('schools').select('urn').where('urn', 'in', urns).execute();
	const missing = urns.filter((u) => !found.some((f) => f.urn === u));
	if (missing.length > 0) {
		throw new Refusal(`No school with URN ${missing.join(', ')} is in the register. Import the GIAS file first, or check the URN.`, { field: 'schools' });
	}
}

/** Strips what must never reach the audit log or a page. */
function auditable(u: UserSummary | undefined) {
	return u && { email: u.email, name: u.name, role: u.role, disabledAt: u.disabledAt, schoolUrns: u.schoolUrns };
}

export async function createUser(db: Db, input: UserInput & { password: string }, actorId: number | null): Promise<UserSummary> {
	const problem = passwordProblem(input.password);
	if (problem) throw new Refusal(problem, { field: 'password' });
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		if (await findUserByEmail(trx, input.email)) {
			throw new Refusal(`There is already a user with the email ${input.email}`, { field: 'email' });
		}
		await checkSchoolsExist(trx, input.schoolUrns);
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
		const created = (await getUser(trx, id))!;
		await audit(trx, { userId: actorId, action: 'user.create', entity: 'user', entityId: id, after: auditable(created) });
		return created;
	});
}

/** Changes name, role and school links. Changing the role ends the user's sessions. */
export async function updateUser(db: Db, id: number, input: UserInput, actorId: number | null): Promise<UserSummary> {
	return db.transaction().execute(async (trx) => {
		const before = await getUser(trx, id);
		if (!before) throw new Refusal('That user no longer exists', ABOUT_THE_ACCOUNT);
		const clash = await findUserByEmail(trx, input.email);
		if (clash && clash.id !== id) throw new Refusal(`There is already a user with the email ${input.email}`, { field: 'email' });
		await checkSchoolsExist(trx, input.schoolUrns);
		if (before.role === 'admin' && input.role !== 'admin') await ensureAnotherAdmin(trx, id);
		await trx.updateTable('users').set({ email: input.email, name: input.name, role: input.role, updated_at: nowIso() }).where('id', '=', id).execute();
		await trx.deleteFrom('user_schools').where('user_id', '=', id).execute();
		for (const urn of input.schoolUrns) {
			await trx.insertInto('user_schools').values({ user_id: id, urn }).execute();
		}
		if (before.role !== input.role) await invalidateUserSessions(trx, id);
		const after = (await getUser(trx, id))!;
		await audit(trx, { userId: actorId, action: 'user.update', entity: 'user', entityId: id, before: auditable(before), after: auditable(after) });
		return after;
	});
}

async function ensureAnotherAdmin(db: Db, exceptId: number): Promise<void> {
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
		if (disabled && before.role === 'admin') await ensureAnotherAdmin(trx, id);
		await trx
			.updateTable('users')
			.set({ disabled_at: disabled ? nowIso() : null, updated_at: nowIso() })
			.where('id', '=', id)
			.execute();
		if (disabled) await invalidateUserSessions(trx, id);
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
export async function resetPassword(db: Db, id: number, password: string, actorId: number | null): Promise<void> {
	const problem = passwordProblem(password);
	if (problem) throw new Refusal(problem, { field: 'password' });
	const passwordHash = await hashPassword(password);
	await db.transaction().execute(async (trx) => {
		const user = await getUser(trx, id);
		if (!user) throw new Refusal('That user no longer exists', ABOUT_THE_ACCOUNT);
		await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: nowIso() }).where('id', '=', id).execute();
		await invalidateUserSessions(trx, id);
		await audit(trx, { userId: actorId, action: 'user.reset_password', entity: 'user', entityId: id });
	});
}
