import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db';

/*
 * Failed sign-ins allowed per account and per client address in 15 minutes. They are counted in
 * the database, so that several app servers on one database (and a restart) count them together:
 * wrong passwords on one server and on another add up. Only failures count, and only a SHA-256 of
 * the email address or client address is kept. Rows older than the window are deleted as new
 * failures come in.
 */

export const WINDOW_MS = 15 * 60 * 1000;

export type LimitKind = 'account' | 'address';

const numberFromEnv = (name: string, fallback: number) => {
	const n = Number(process.env[name]);
	return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** How many failures each kind allows in the window: LOGIN_LIMIT_PER_ACCOUNT (5) and LOGIN_LIMIT_PER_ADDRESS (50). */
export function limitOf(kind: LimitKind): number {
	return kind === 'account' ? numberFromEnv('LOGIN_LIMIT_PER_ACCOUNT', 5) : numberFromEnv('LOGIN_LIMIT_PER_ADDRESS', 50);
}

const hashOf = (key: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(key)));

/** True when `key` has used up its failures in the current window. */
export async function isLimited(db: Db, kind: LimitKind, key: string, now = Date.now()): Promise<boolean> {
	const row = await db
		.selectFrom('sign_in_failures')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('kind', '=', kind)
		.where('key_hash', '=', hashOf(key))
		.where('at_ms', '>', now - WINDOW_MS)
		.executeTakeFirstOrThrow();
	return Number(row.n) >= limitOf(kind);
}

/** Counts one failure against each of these keys, and forgets failures older than the window. */
export async function recordFailure(db: Db, keys: { kind: LimitKind; key: string }[], now = Date.now()): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.deleteFrom('sign_in_failures')
			.where('at_ms', '<=', now - WINDOW_MS)
			.execute();
		await trx
			.insertInto('sign_in_failures')
			.values(keys.map(({ kind, key }) => ({ kind, key_hash: hashOf(key), at_ms: now })))
			.execute();
	});
}

/** Forgets an account's failures once it signs in. */
export async function resetFailures(db: Db, kind: LimitKind, key: string): Promise<void> {
	await db.deleteFrom('sign_in_failures').where('kind', '=', kind).where('key_hash', '=', hashOf(key)).execute();
}
