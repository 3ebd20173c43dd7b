import { describe, expect, it } from 'vitest';
import { anotherConnection, freshDb } from '../helpers/db';
import { createUser } from '../../src/lib/server/users';
import { attemptLogin } from '../../src/lib/server/auth/login';
import { hashPassword, standInHash } from '../../src/lib/server/auth/password';

const PASSWORD = 'correct horse battery';

/** "$argon2id$v=19$m=19456,t=2,p=1$": everything that decides how much work a check costs. */
const settings = (hash: string) => hash.split('$').slice(0, 4).join('$');

describe('sign-in limits and timing', () => {
	it('lets an office behind one address sign in more times than the address limit allows failures', async () => {
		const db = await freshDb();
		await createUser(db, { email: 'office@example.org', name: 'Office', role: 'adviser', schoolUrns: [], password: PASSWORD }, null);
		const results = [];
		for (let i = 0; i < 55; i++) results.push(await attemptLogin(db, 'office@example.org', PASSWORD, '203.0.113.10'));
		expect(results.filter((r) => r.ok)).toHaveLength(55);
	});

	it('still refuses an address after 50 failed sign-ins, across accounts', async () => {
		const db = await freshDb();
		await createUser(db, { email: 'known@example.org', name: 'Known', role: 'adviser', schoolUrns: [], password: PASSWORD }, null);
		for (let i = 0; i < 50; i++) {
			const r = await attemptLogin(db, `guess${i}@example.org`, 'wrong password here', '203.0.113.20');
			expect(r).toMatchObject({ ok: false, status: 400 });
		}
		expect(await attemptLogin(db, 'known@example.org', PASSWORD, '203.0.113.20')).toMatchObject({ ok: false, status: 429 });
		// Another address is not affected.
		expect(await attemptLogin(db, 'known@example.org', PASSWORD, '203.0.113.21')).toMatchObject({ ok: true });
	});

	it('counts wrong passwords on two app servers together, and forgets an account’s once it signs in', async () => {
		const serverA = await freshDb();
		const serverB = anotherConnection(serverA);
		await createUser(serverA, { email: 'shared@example.org', name: 'Shared', role: 'adviser', schoolUrns: [], password: PASSWORD }, null);
		// Five failures for one account, from different addresses, split between the two servers.
		for (let i = 0; i < 5; i++) {
			const server = i % 2 === 0 ? serverA : serverB;
			expect(await attemptLogin(server, 'Shared@example.org', 'wrong password here', `198.51.100.${i}`)).toMatchObject({ ok: false, status: 400 });
		}
		expect(await attemptLogin(serverA, 'shared@example.org', PASSWORD, '198.51.100.9')).toMatchObject({ ok: false, status: 429 });
		expect(await attemptLogin(serverB, 'shared@example.org', PASSWORD, '198.51.100.9')).toMatchObject({ ok: false, status: 429 });
		// Neither the address nor the email is kept as typed.
		const kept = await serverA.selectFrom('sign_in_failures').selectAll().execute();
		expect(kept).toHaveLength(10);
		expect(JSON.stringify(kept)).not.toMatch(/shared|198\.51/);
		// Once the window has passed the account signs in, and its count starts again.
		await serverA
			.updateTable('sign_in_failures')
			.set({ at_ms: Date.now() - 16 * 60 * 1000 })
			.execute();
		expect(await attemptLogin(serverB, 'shared@example.org', PASSWORD, '198.51.100.9')).toMatchObject({ ok: true });
		expect(await attemptLogin(serverA, 'shared@example.org', 'wrong password here', '198.51.100.9')).toMatchObject({ ok: false, status: 400 });
		// Old failures went when the new one was counted.
		expect(await serverA.selectFrom('sign_in_failures').select('id').execute()).toHaveLength(2);
	});

	it('checks an unknown email against a stand-in hash made with the same argon2id settings as real ones', async () => {
		const db = await freshDb();
		const real = await hashPassword(PASSWORD);
		const standIn = await standInHash();
		expect(standIn).toMatch(/^\$argon2id\$/);
		expect(settings(standIn)).toBe(settings(real));
		expect(await attemptLogin(db, 'nobody@example.org', PASSWORD, '203.0.113.30')).toEqual({
			ok: false,
			status: 400,
			message: 'Enter a correct email address and password'
		});
	});
});
