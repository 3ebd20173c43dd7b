// The LAs each user serves: given at `user add --la` and in Admin > Users, checked against the LAs the
// installation knows and the LAs of the admin giving them, kept in user_las with the user, logged, and
// ending the user's sessions when they change. On SQLite and on PostgreSQL (integration-pg).
import { describe, expect, it } from 'vitest';
import { databaseUrlOf, freshDb } from '../helpers/db';
import { triage } from '../helpers/cli';
import { addSchool } from '../helpers/fixtures';
import { createUser, getUser, listUsers, resetPassword, setUserDisabled, updateUser } from '../../src/lib/server/users';
import { knownLas } from '../../src/lib/server/las';
import { setServedLas } from '../../src/lib/server/import/settings';
import { createSession, generateSessionToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { auditSentence } from '../../src/lib/domain/audit-text';
import type { Db } from '../../src/lib/server/db';
import type { Role } from '../../src/lib/domain/roles';

const PASSWORD = 'a long enough password';

/** Schools of Hampshire (850) and Surrey (936), as the register names them. */
async function twoLas(db: Db): Promise<void> {
	await addSchool(db, 100850, { la_code: '850' });
	await addSchool(db, 100936, { la_code: '936' });
	await db.updateTable('schools').set({ la_name: 'Hampshire' }).where('la_code', '=', '850').execute();
	await db.updateTable('schools').set({ la_name: 'Surrey' }).where('la_code', '=', '936').execute();
}

let n = 0;
async function add(db: Db, role: Role, laCodes?: string[], by: number | null = null, schoolUrns: number[] = []) {
	n++;
	return createUser(db, { email: `${role}.${n}@example.org`, name: `${role} ${n}`, role, schoolUrns, laCodes, password: PASSWORD }, by);
}

async function signedIn(db: Db, userId: number): Promise<string> {
	const token = generateSessionToken();
	await createSession(db, token, userId);
	return token;
}

describe('the LAs a user serves', () => {
	it('knows the LAs of the register, with their names, or else the LAs the installation serves', async () => {
		const db = await freshDb();
		expect(await knownLas(db)).toEqual([]);
		await twoLas(db);
		expect(await knownLas(db)).toEqual([
			{ code: '850', name: 'Hampshire' },
			{ code: '936', name: 'Surrey' }
		]);
		await setServedLas(db, ['850', '937'], null);
		expect(await knownLas(db)).toEqual([
			{ code: '850', name: 'Hampshire' },
			{ code: '937', name: null }
		]);
	});

	it('user add --la gives them, repeatable; a wrong or unknown code, or LAs for a headteacher, is refused in words', async () => {
		const db = await freshDb();
		await twoLas(db);
		const databaseUrl = databaseUrlOf(db);
		const run = (...args: string[]) => triage(['user', 'add', ...args], { databaseUrl, input: `${PASSWORD}\n` });

		const both = run('--email', 'ada@example.org', '--role', 'adviser', '--la', '850', '--la', '936');
		expect(both.stderr).toBe('');
		expect(both.stdout).toContain('Added adviser ada@example.org');
		expect(both.stdout).toContain('serving LAs 850 and 936.');
		const national = run('--email', 'rise@example.org', '--role', 'regional');
		expect(national.status).toBe(0);
		expect(national.stdout).toContain('Added regional rise@example.org');
		expect(national.stdout).toContain('serving every LA.');

		for (const [args, message] of [
			[['--email', 'b@example.org', '--role', 'adviser', '--la', '85'], '“85” is not an LA code. Enter each LA code as three digits, for example 850'],
			[['--email', 'b@example.org', '--role', 'adviser', '--la', '937'], 'LA 937 is not one of this installation’s LAs. Choose from 850 and 936'],
			[['--email', 'h@example.org', '--role', 'headteacher', '--school', '100850', '--la', '850'], 'A headteacher has no LAs']
		] as [string[], string][]) {
			const refused = run(...args);
			expect(refused.status, args.join(' ')).not.toBe(0);
			expect(refused.stderr).toContain(message);
		}
		const users = await listUsers(db);
		expect(users.map((u) => [u.email, u.role, u.laCodes])).toEqual([
			['ada@example.org', 'adviser', ['850', '936']],
			['rise@example.org', 'regional', []]
		]);
	});

	it('an admin who serves some LAs gives only those, and never every LA', async () => {
		const db = await freshDb();
		await twoLas(db);
		const admin = await add(db, 'admin', ['850']);
		expect(admin.laCodes).toEqual(['850']);
		await expect(add(db, 'adviser', [], admin.id)).rejects.toMatchObject({
			status: 400,
			field: 'las',
			message: expect.stringContaining('Select at least one LA')
		});
		await expect(add(db, 'adviser', ['850', '936'], admin.id)).rejects.toMatchObject({ field: 'las', message: 'You can give only the LAs you serve: 850' });
		// Not asked (an installation that shows no LA field): the admin's own LAs.
		expect((await add(db, 'analyst', undefined, admin.id)).laCodes).toEqual(['850']);
		expect((await add(db, 'regional', ['850'], admin.id)).laCodes).toEqual(['850']);
		// Another LA's school is not there for them.
		await expect(add(db, 'headteacher', undefined, admin.id, [100936])).rejects.toMatchObject({
			field: 'schools',
			message: expect.stringContaining('No school with URN 100936')
		});
		expect((await add(db, 'headteacher', undefined, admin.id, [100850])).laCodes).toEqual([]);

		const everyLa = await add(db, 'lead_adviser', []);
		await expect(updateUser(db, everyLa.id, { ...everyLa, laCodes: ['850'] }, admin.id)).rejects.toMatchObject({
			field: 'user',
			message: 'This account serves every LA, so only an admin who serves every LA can change it'
		});
		// Nor turn it off, or give it a new password; an account within their LAs they can.
		const surrey = await add(db, 'adviser', ['850', '936']);
		await expect(setUserDisabled(db, surrey.id, true, admin.id)).rejects.toMatchObject({
			field: 'user',
			message: 'This account serves LAs 850 and 936, so only an admin who serves all of them can change it'
		});
		await expect(resetPassword(db, everyLa.id, 'another long password', admin.id)).rejects.toMatchObject({ field: 'user' });
		const analyst = (await listUsers(db)).find((u) => u.role === 'analyst')!;
		await setUserDisabled(db, analyst.id, true, admin.id);
		expect((await getUser(db, analyst.id))?.disabledAt).not.toBeNull();
	});

	it('an admin who serves some LAs cannot make an every-LA admin a headteacher, nor touch another LA’s headteacher', async () => {
		const db = await freshDb();
		await twoLas(db);
		const admin = await add(db, 'admin', ['850']);
		const everyLaAdmin = await add(db, 'admin', []);
		// Made a headteacher of one of their schools, the account would then be theirs to give a new password.
		await expect(updateUser(db, everyLaAdmin.id, { ...everyLaAdmin, role: 'headteacher', schoolUrns: [100850] }, admin.id)).rejects.toMatchObject({
			field: 'user',
			message: 'This account serves every LA, so only an admin who serves every LA can change it'
		});
		expect(await getUser(db, everyLaAdmin.id)).toMatchObject({ role: 'admin', laCodes: [] });

		const surreyHead = await add(db, 'headteacher', undefined, null, [100936]);
		const outside = 'This headteacher’s account is for a school outside the LAs you serve, so only an admin who serves its LA can change it';
		await expect(resetPassword(db, surreyHead.id, 'another long password', admin.id)).rejects.toMatchObject({ field: 'user', message: outside });
		await expect(setUserDisabled(db, surreyHead.id, true, admin.id)).rejects.toMatchObject({ message: outside });
		await expect(updateUser(db, surreyHead.id, { ...surreyHead, name: 'Renamed' }, admin.id)).rejects.toMatchObject({ message: outside });
		// Their own LA's headteacher they can.
		const hampshireHead = await add(db, 'headteacher', undefined, null, [100850]);
		await resetPassword(db, hampshireHead.id, 'another long password', admin.id);
		await setUserDisabled(db, hampshireHead.id, true, admin.id);
		expect((await getUser(db, hampshireHead.id))?.disabledAt).not.toBeNull();
	});

	it('a change of LAs is saved with the user, logged in words, and signs them out; other changes leave the LAs be', async () => {
		const db = await freshDb();
		await twoLas(db);
		const adviser = await add(db, 'adviser', ['850']);
		const token = await signedIn(db, adviser.id);
		expect((await validateSessionToken(db, token)).user?.laCodes).toEqual(['850']);

		// A new name, the LAs not asked: the LAs stay, and so does the session.
		await updateUser(db, adviser.id, { email: adviser.email, name: 'Ada Lovelace', role: 'adviser', schoolUrns: [] }, null);
		expect((await getUser(db, adviser.id))?.laCodes).toEqual(['850']);
		expect((await validateSessionToken(db, token)).user).not.toBeNull();

		await updateUser(db, adviser.id, { email: adviser.email, name: 'Ada Lovelace', role: 'adviser', schoolUrns: [], laCodes: ['936', '850'] }, null);
		expect((await getUser(db, adviser.id))?.laCodes).toEqual(['850', '936']);
		expect(await validateSessionToken(db, token)).toEqual({ session: null, user: null });

		const log = await db
			.selectFrom('audit_log')
			.select(['action', 'before_json', 'after_json'])
			.where('entity_id', '=', String(adviser.id))
			.orderBy('id')
			.execute();
		expect(log.map((l) => l.action)).toEqual(['user.create', 'user.update', 'user.las']);
		expect(JSON.parse(log[0].after_json!)).toMatchObject({ laCodes: ['850'] });
		expect([JSON.parse(log[2].before_json!), JSON.parse(log[2].after_json!)]).toEqual([{ laCodes: ['850'] }, { laCodes: ['850', '936'] }]);
		expect(auditSentence('user.las', { entity: 'user', entityId: String(adviser.id), name: 'Ada Lovelace' })).toBe(
			'Changed which local authorities Ada Lovelace serves'
		);

		// Made a headteacher: tied to a school, with no LAs.
		await updateUser(db, adviser.id, { email: adviser.email, name: 'Ada Lovelace', role: 'headteacher', schoolUrns: [100936], laCodes: [] }, null);
		expect(await getUser(db, adviser.id)).toMatchObject({ role: 'headteacher', laCodes: [] });
	});
});
