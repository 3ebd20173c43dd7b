import type { Db } from '../db';
import { findUserByEmail } from '../users';
import { standInHash, verifyPassword } from './password';
import { isLimited, recordFailure, resetFailures } from './sign-in-limits';
import { normaliseEmail } from '../../domain/users';

export type LoginResult = { ok: true; userId: number } | { ok: false; status: 400 | 429; message: string };

// One message for an unknown email and a wrong password, so accounts cannot be discovered.
const WRONG = 'Enter a correct email address and password';
const LIMITED = 'Too many sign-in attempts. Wait 15 minutes, then try again.';

/**
 * Checks a sign-in attempt. Failed attempts are limited per account and per client address (the
 * address adapter-node gives, which behind a proxy comes from ADDRESS_HEADER and XFF_DEPTH), in the
 * database, so every app server on it counts them together (sign-in-limits.ts).
 */
export async function attemptLogin(db: Db, email: string, password: string, address: string): Promise<LoginResult> {
	const account = normaliseEmail(email);
	if (!account || !password) return { ok: false, status: 400, message: 'Enter your email address and password' };
	if ((await isLimited(db, 'address', address)) || (await isLimited(db, 'account', account))) {
		return { ok: false, status: 429, message: LIMITED };
	}
	const user = await findUserByEmail(db, account);
	// The same argon2 work whether or not the account exists (see standInHash).
	const valid = await verifyPassword(user?.password_hash ?? (await standInHash()), password);
	if (!user || !valid) {
		// Only failures count: an office behind one address signs in many times a day.
		await recordFailure(db, [
			{ kind: 'address', key: address },
			{ kind: 'account', key: account }
		]);
		return { ok: false, status: 400, message: WRONG };
	}
	if (user.disabled_at !== null) {
		return { ok: false, status: 400, message: 'This account has been disabled. Ask an admin in your team to turn it back on.' };
	}
	await resetFailures(db, 'account', account);
	return { ok: true, userId: user.id };
}
