import { describe, expect, it } from 'vitest';
import { anotherConnection, freshDb } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
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
		// Five failures for one account from one address, split between the two servers.
		for (let i = 0; i < 5; i++) {
			const server = i % 2 === 0 ? serverA : serverB;
			expect(await attemptLogin(server, 'Shared@example.org', 'wrong password here', '198.51.100.7')).toMatchObject({ ok: false, status: 400 });
		}
		expect(await attemptLogin(serverA, 'shared@example.org', PASSWORD, '198.51.100.7')).toMatchObject({ ok: false, status: 429 });
		expect(await attemptLogin(serverB, 'shared@example.org', PASSWORD, '198.51.100.7')).toMatchObject({ ok: false, status: 429 });
		// Neither the address nor the email is kept as typed: three counts for each wrong password.
		const kept = await serverA.selectFrom('sign_in_failures').selectAll().execute();
		expect(kept).toHaveLength(15);
		expect(JSON.stringify(kept)).not.toMatch(/shared|198\.51/);
		// The account's owner, at their own desk, is not locked out by someone guessing elsewhere.
		expect(await attemptLogin(serverB, 'shared@example.org', PASSWORD, '203.0.113.99')).toMatchObject({ ok: true });
		// Once the window has passed the guesser's address may try again, and its count starts again.
		await serverA
			.updateTable('sign_in_failures')
			.set({ at_ms: Date.now() - 16 * 60 * 1000 })
			.execute();
		expect(await attemptLogin(serverA, 'shared@example.org', 'wrong password here', '198.51.100.7')).toMatchObject({ ok: false, status: 400 });
		// Old failures went when the new one was counted.
		expect(await serverA.selectFrom('sign_in_failures').select('id').execute()).toHaveLength(3);
	});

	it('counts attempts sent all at once: no more wrong passwords are checked than the limit allows', async () => {
		const db = await freshDb();
		await createUser(db, { email: 'target@example.org', name: 'Target', role: 'adviser', schoolUrns: [], password: PASSWORD }, null);
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		// 40 guesses at once, the right one among them: at most five passwords are checked; the rest are refused unchecked.
		const guesses = Array.from({ length: 40 }, (_, i) => (i === 37 ? PASSWORD : `wrong password ${i}`));
		const results = await Promise.all(guesses.map((p, i) => attemptLogin(i % 2 === 0 ? db : other, 'target@example.org', p, '192.0.2.50')));
		const checked = results.filter((r) => r.ok || r.status === 400);
		expect(checked.length).toBeLessThanOrEqual(5);
		expect(results.filter((r) => !r.ok && r.status === 429).length).toBe(40 - checked.length);
	});

	it('counts the addresses of one IPv6 network as one, and an account guessed from many addresses', async () => {
		const db = await freshDb();
		await createUser(db, { email: 'v6@example.org', name: 'Six', role: 'adviser', schoolUrns: [], password: PASSWORD }, null);
		for (let i = 1; i <= 5; i++) {
			expect(await attemptLogin(db, 'v6@example.org', 'wrong password here', `2001:db8:7:7::${i}`)).toMatchObject({ ok: false, status: 400 });
		}
		expect(await attemptLogin(db, 'v6@example.org', PASSWORD, '2001:db8:7:7:abcd::1')).toMatchObject({ ok: false, status: 429 });
		expect(await attemptLogin(db, 'v6@example.org', PASSWORD, '2001:db8:7:8::1')).toMatchObject({ ok: true });
		// 50 wrong passwords from 50 networks: the account is then refused from anywhere for the window.
		for (let i = 0; i < 50; i++) await attemptLogin(db, 'v6@example.org', 'wrong password here', `198.18.${Math.floor(i / 250)}.${i % 250}`);
		expect(await attemptLogin(db, 'v6@example.org', PASSWORD, '203.0.113.77')).toMatchObject({ ok: false, status: 429 });
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
