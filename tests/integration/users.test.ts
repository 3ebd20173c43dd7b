import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { anotherConnection, freshDb, whileHeld } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { createUser, getUser, resetPassword, setUserDisabled, updateUser } from '../../src/lib/server/users';
import { attemptLogin } from '../../src/lib/server/auth/login';
import { createSession, generateSessionToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { nowIso } from '../../src/lib/server/clock';
import type { Db } from '../../src/lib/server/db';
import { Refusal } from '../../src/lib/domain/refusal';

const PASSWORD = 'correct horse battery';

async function addSchool(db: Db, urn: number) {
	await db
		.insertInto('schools')
		.values({
			urn,
			name: `School ${urn}`,
			la_code: null,
			la_name: null,
			establishment_number: null,
			type: null,
			phase: null,
			status: null,
			age_low: null,
			age_high: null,
			head_name: null,
			street: null,
			locality: null,
			town: null,
			postcode: null,
			easting: null,
			northing: null,
			ofsted_rating: null,
			ofsted_date: null,
			link_adviser_id: null,
			created_at: nowIso(),
			updated_at: nowIso()
		})
		.execute();
}

async function admin(db: Db) {
	return createUser(db, { email: 'root@example.org', name: 'Root', role: 'admin', schoolUrns: [], password: PASSWORD }, null);
}

describe('user management', () => {
	it('stores an argon2id hash, never the password, and audits the creation without it', async () => {
		const db = await freshDb();
		const user = await admin(db);
		const row = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
		expect(row.password_hash).toMatch(/^\$argon2id\$/);
		expect(row.password_hash).not.toContain(PASSWORD);
		const log = await db.selectFrom('audit_log').selectAll().execute();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ action: 'user.create', entity: 'user', entity_id: String(user.id), user_id: null });
		expect(log[0].after_json).not.toContain(PASSWORD);
	});

	it('refuses a duplicate email, whatever its case', async () => {
		const db = await freshDb();
		await admin(db);
		await expect(createUser(db, { email: 'root@example.org', name: 'Other', role: 'analyst', schoolUrns: [], password: PASSWORD }, null)).rejects.toThrow(
			'There is already a user with the email root@example.org'
		);
	});

	it('links a headteacher only to schools in the register', async () => {
		const db = await freshDb();
		await addSchool(db, 100001);
		const head = await createUser(db, { email: 'head@example.org', name: 'Head', role: 'headteacher', schoolUrns: [100001], password: PASSWORD }, null);
		expect(head.schoolUrns).toEqual([100001]);
		const attempt = createUser(db, { email: 'h2@example.org', name: 'H2', role: 'headteacher', schoolUrns: [999999], password: PASSWORD }, null);
		await expect(attempt).rejects.toBeInstanceOf(Refusal);
		expect(await db.selectFrom('users').select('id').where('email', '=', 'h2@example.org').executeTakeFirst()).toBeUndefined();
	});

	it("records before and after when a role changes, and ends that user's sessions", async () => {
		const db = await freshDb();
		const root = await admin(db);
		const user = await createUser(db, { email: 'a@example.org', name: 'A', role: 'adviser', schoolUrns: [], password: PASSWORD }, root.id);
		const token = generateSessionToken();
		await createSession(db, token, user.id);
		await updateUser(db, user.id, { email: 'a@example.org', name: 'A', role: 'lead_adviser', schoolUrns: [] }, root.id);
		expect((await getUser(db, user.id))?.role).toBe('lead_adviser');
		expect((await validateSessionToken(db, token)).user).toBeNull();
		const entry = await db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').executeTakeFirstOrThrow();
		expect(JSON.parse(entry.before_json!).role).toBe('adviser');
		expect(JSON.parse(entry.after_json!).role).toBe('lead_adviser');
		expect(entry.user_id).toBe(root.id);
	});

	it('will not disable or demote the only active admin', async () => {
		const db = await freshDb();
		const root = await admin(db);
		await expect(setUserDisabled(db, root.id, true, null)).rejects.toThrow('This is the only active admin');
		await expect(updateUser(db, root.id, { email: root.email, name: 'Root', role: 'analyst', schoolUrns: [] }, null)).rejects.toThrow('only active admin');
	});

	it('two admins disabling each other at the same moment leave one of them active (on PostgreSQL, on two app servers)', async () => {
		const db = await freshDb();
		const a = await admin(db);
		const b = await createUser(db, { email: 'b@example.org', name: 'B', role: 'admin', schoolUrns: [], password: PASSWORD }, a.id);
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const results = await whileHeld(db, sql`select id from users where role = 'admin' for update`, () =>
			Promise.allSettled([setUserDisabled(db, b.id, true, a.id), setUserDisabled(other, a.id, true, b.id)])
		);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/^This is the only active admin/);
		const active = await db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute();
		expect(active).toHaveLength(1);
	});

	it('disabling signs the user out and stops them signing in', async () => {
		const db = await freshDb();
		const root = await admin(db);
		const user = await createUser(db, { email: 'b@example.org', name: 'B', role: 'analyst', schoolUrns: [], password: PASSWORD }, root.id);
		const token = generateSessionToken();
		await createSession(db, token, user.id);
		await setUserDisabled(db, user.id, true, root.id);
		expect((await validateSessionToken(db, token)).session).toBeNull();
		const login = await attemptLogin(db, 'b@example.org', PASSWORD, '10.0.0.9');
		expect(login).toEqual({ ok: false, status: 400, message: expect.stringContaining('disabled') });
	});

	it('resetting a password changes what signs in, and ends sessions', async () => {
		const db = await freshDb();
		const root = await admin(db);
		const token = generateSessionToken();
		await createSession(db, token, root.id);
		await resetPassword(db, root.id, 'a brand new password', root.id);
		expect((await validateSessionToken(db, token)).session).toBeNull();
		expect((await attemptLogin(db, 'root@example.org', PASSWORD, '10.0.0.1')).ok).toBe(false);
		expect((await attemptLogin(db, 'ROOT@example.org', 'a brand new password', '10.0.0.1')).ok).toBe(true);
		await expect(resetPassword(db, root.id, 'short', root.id)).rejects.toThrow('at least 12 characters');
	});
});

describe('sessions', () => {
	it('stores only the SHA-256 of a 160-bit token', async () => {
		const db = await freshDb();
		const root = await admin(db);
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const session = await createSession(db, token, root.id);
		const rows = await db.selectFrom('sessions').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(session.id);
		expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('expires after 30 days and slides forward when used in the second half', async () => {
		const db = await freshDb();
		const root = await admin(db);
		const token = generateSessionToken();
		const session = await createSession(db, token, root.id);
		const day = 86_400_000;
		expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(30 * day - 5000);

		await db
			.updateTable('sessions')
			.set({ expires_at: Date.now() + 10 * day })
			.execute();
		const renewed = await validateSessionToken(db, token);
		expect(renewed.session!.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * day);

		await db
			.updateTable('sessions')
			.set({ expires_at: Date.now() - 1 })
			.execute();
		expect((await validateSessionToken(db, token)).session).toBeNull();
		expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
	});
});
