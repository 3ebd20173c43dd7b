// Sessions as Lucia's session guide describes them, using @oslojs/crypto and @oslojs/encoding.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db';
import type { Role } from '../../domain/roles';
import * as clock from '../clock';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A session lasts 30 days, and is renewed for 30 days from a request made with under 15 days left. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Extend a session once it has used half its life, so we do not write on every request. */
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;
export const SESSION_COOKIE = 'triage_session';

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	role: Role;
	/** URNs a headteacher is linked to; empty for staff. */
	schoolUrns: number[];
	/** LA codes a member of staff serves; empty or absent: every LA. */
	laCodes?: readonly string[];
}

export interface Session {
	id: string;
	userId: number;
	expiresAt: Date;
}

/** 20 random bytes, base32: 160 bits of entropy, as the guide recommends. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only this hash is stored, so a leaked database cannot be used to sign in. */
export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Db, token: string, userId: number): Promise<Session> {
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(clock.now().getTime() + SESSION_LIFETIME_MS)
	};
	await db
		.insertInto('sessions')
		.values({
			id: session.id,
			user_id: userId,
			expires_at: session.expiresAt.getTime(),
			created_at: clock.nowIso()
		})
		.execute();
	return session;
}

export type SessionValidationResult = { session: Session; user: SessionUser } | { session: null; user: null };

export async function validateSessionToken(db: Db, token: string): Promise<SessionValidationResult> {
	const sessionId = sessionIdFromToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select(['sessions.id', 'sessions.user_id', 'sessions.expires_at', 'users.email', 'users.name', 'users.role', 'users.disabled_at'])
		.where('sessions.id', '=', sessionId)
		.executeTakeFirst();
	if (!row) return { session: null, user: null };

	const now = clock.now().getTime();
	if (now >= Number(row.expires_at) || row.disabled_at !== null) {
		await invalidateSession(db, sessionId);
		return { session: null, user: null };
	}
	const session: Session = { id: row.id, userId: row.user_id, expiresAt: new Date(Number(row.expires_at)) };
	if (now >= session.expiresAt.getTime() - RENEW_WHEN_LEFT_MS) {
		session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await db.updateTable('sessions').set({ expires_at: session.expiresAt.getTime() }).where('id', '=', session.id).execute();
	}
	const [schools, las] = await Promise.all([
		db.selectFrom('user_schools').select('urn').where('user_id', '=', row.user_id).orderBy('urn').execute(),
		db.selectFrom('user_las').select('la_code').where('user_id', '=', row.user_id).orderBy('la_code').execute()
	]);
	return {
		session,
		user: {
			id: row.user_id,
			email: row.email,
			name: row.name,
			role: row.role,
			schoolUrns: schools.map((s) => s.urn),
			laCodes: las.map((l) => l.la_code)
		}
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(db: Db, userId: number): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
