import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
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
