import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db';

/*
 * Sign-in attempts allowed in 15 minutes, counted in the database, so that several app servers on
 * one database (and a restart) count them together. Three counts, each against a SHA-256 of its key:
 * - `pair`: one account from one client address (5). A guesser is stopped; the account's owner,
 *   from their own address, is not locked out by someone guessing elsewhere.
 * - `address`: one client address, whatever the account (50): one machine trying many accounts.
 * - `account`: one account from anywhere (50): guesses spread across many addresses.
 * An attempt is written before its password is checked, and counted with it (recordAttempt), so
 * attempts sent all at once cannot each find the count below the limit. A refused attempt, or a
 * sign-in that succeeds, is taken out again: only wrong passwords count. Rows older than the window
 * are deleted as new attempts come in.
 */

export const WINDOW_MS = 15 * 60 * 1000;

export type LimitKind = 'pair' | 'address' | 'account';

const numberFromEnv = (name: string, fallback: number) => {
	const n = Number(process.env[name]);
	return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** How many wrong passwords each count allows in the window: LOGIN_LIMIT_PER_ACCOUNT (5), LOGIN_LIMIT_PER_ADDRESS (50), LOGIN_LIMIT_PER_ACCOUNT_ANYWHERE (50). */
export function limitOf(kind: LimitKind): number {
	if (kind === 'pair') return numberFromEnv('LOGIN_LIMIT_PER_ACCOUNT', 5);
	if (kind === 'address') return numberFromEnv('LOGIN_LIMIT_PER_ADDRESS', 50);
	return numberFromEnv('LOGIN_LIMIT_PER_ACCOUNT_ANYWHERE', 50);
}

const hashOf = (key: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(key)));

/** The keys one attempt counts against: the client address as limitAddress gives it, and the normalised email. */
export function attemptKeys(account: string, address: string): { kind: LimitKind; key: string }[] {
	return [
		{ kind: 'pair', key: `${account}\n${address}` },
		{ kind: 'address', key: address },
		{ kind: 'account', key: account }
	];
}

/**
 * Writes one attempt against each key, then counts each key's attempts in the window with it. If
 * any count is over its limit the attempt is taken out again and `limited` is true. Otherwise the
 * attempt stays, as a failure, unless `withdraw` is called (the password was right).
 */
export async function recordAttempt(
	db: Db,
	keys: { kind: LimitKind; key: string }[],
	now = Date.now()
): Promise<{ limited: boolean; withdraw: () => Promise<void> }> {
	await db
		.deleteFrom('sign_in_failures')
		.where('at_ms', '<=', now - WINDOW_MS)
		.execute();
	// Written on its own, before counting: an attempt made at the same moment on another server sees this one.
	const rows = await db
		.insertInto('sign_in_failures')
		.values(keys.map(({ kind, key }) => ({ kind, key_hash: hashOf(key), at_ms: now })))
		.returning('id')
		.execute();
	const ids = rows.map((r) => r.id);
	const withdraw = async () => {
		await db.deleteFrom('sign_in_failures').where('id', 'in', ids).execute();
	};
	for (const { kind, key } of keys) {
		const row = await db
			.selectFrom('sign_in_failures')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('kind', '=', kind)
			.where('key_hash', '=', hashOf(key))
			.where('at_ms', '>', now - WINDOW_MS)
			.executeTakeFirstOrThrow();
		if (Number(row.n) > limitOf(kind)) {
			await withdraw();
			return { limited: true, withdraw };
		}
	}
	return { limited: false, withdraw };
}

/** Forgets a key's failures: an account's once it signs in. */
export async function resetFailures(db: Db, kind: LimitKind, key: string): Promise<void> {
	await db.deleteFrom('sign_in_failures').where('kind', '=', kind).where('key_hash', '=', hashOf(key)).execute();
}
