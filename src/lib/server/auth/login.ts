import type { Db } from '../db';
import { findUserByEmail } from '../users';
import { standInHash, verifyPassword } from './password';
import { attemptKeys, recordAttempt, resetFailures } from './sign-in-limits';
import { limitAddress } from '../../domain/auth/client-address';
import { normaliseEmail } from '../../domain/users';

export type LoginResult = { ok: true; userId: number } | { ok: false; status: 400 | 429; message: string };

// One message for an unknown email and a wrong password, so accounts cannot be discovered.
const WRONG = 'Enter a correct email address and password';
const LIMITED = 'Too many sign-in attempts. Wait 15 minutes, then try again.';

/**
 * Checks a sign-in attempt. Wrong passwords are limited per account from one client address, per
 * address and per account from anywhere (sign-in-limits.ts), in the database, so every app server on
 * it counts them together. The address is the one adapter-node gives (behind a proxy, from
 * ADDRESS_HEADER and XFF_DEPTH), an IPv6 one taken by its /64 network (limitAddress).
 */
export async function attemptLogin(db: Db, email: string, password: string, address: string): Promise<LoginResult> {
	const account = normaliseEmail(email);
	if (!account || !password) return { ok: false, status: 400, message: 'Enter your email address and password' };
	const client = limitAddress(address);
	// Counted before the password is checked, so attempts sent all at once are counted too.
	const attempt = await recordAttempt(db, attemptKeys(account, client));
	if (attempt.limited) return { ok: false, status: 429, message: LIMITED };
	const user = await findUserByEmail(db, account);
	// The same argon2 work whether or not the account exists (see standInHash).
	const valid = await verifyPassword(user?.password_hash ?? (await standInHash()), password);
	// Only wrong passwords count: an office behind one address signs in many times a day.
	if (!user || !valid) return { ok: false, status: 400, message: WRONG };
	await attempt.withdraw();
	if (user.disabled_at !== null) {
		return { ok: false, status: 400, message: 'This account has been disabled. Ask an admin in your team to turn it back on.' };
	}
	// The account's wrong passwords are forgotten once it signs in; the address's stay counted.
	for (const k of attemptKeys(account, client)) if (k.kind !== 'address') await resetFailures(db, k.kind, k.key);
	return { ok: true, userId: user.id };
}
