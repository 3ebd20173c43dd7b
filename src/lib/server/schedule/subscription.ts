import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { generateSessionToken, sessionIdFromToken } from '../auth/session';
import { listEngagements } from './engagements';
import { engagementsCalendar, icsEngagements } from './ics';
import { can, servedLas } from '../../domain/access';

/**
 * A private calendar subscription: one address per person that Outlook (or any calendar) polls
 * without signing in. The address is the secret: 160 random bits, stored only as a SHA-256 hash,
 * shown once when made. Making a new one replaces the old, which stops working at once.
 */
export async function newSubscription(db: Db, user: Pick<SessionUser, 'id'>): Promise<string> {
	const token = generateSessionToken();
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('calendar_subscriptions')
			.values({ user_id: user.id, token_hash: sessionIdFromToken(token), created_at: now })
			.onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: sessionIdFromToken(token), created_at: now }))
			.execute();
		await audit(trx, { userId: user.id, action: 'calendar.subscription.new', entity: 'user', entityId: user.id });
	});
	return token;
}

/** Stops the person's subscription address working. */
export async function revokeSubscription(db: Db, user: Pick<SessionUser, 'id'>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('calendar_subscriptions').where('user_id', '=', user.id).execute();
		await audit(trx, { userId: user.id, action: 'calendar.subscription.revoke', entity: 'user', entityId: user.id });
	});
}

/** When the person's current subscription was made, or null if they have none. */
export async function subscriptionMadeAt(db: Db, userId: number): Promise<string | null> {
	const row = await db.selectFrom('calendar_subscriptions').select('created_at').where('user_id', '=', userId).executeTakeFirst();
	return row?.created_at ?? null;
}

/**
 * The calendar behind a subscription token, or null for an unknown or revoked token, or an account
 * now disabled. Those who subscribe to their own engagements (`calendar.subscribe`: staff) get them,
 * as adviser or assessor; a headteacher gets their schools' engagements, without the LA's own details.
 */
export async function subscribedCalendar(db: Db, token: string, origin: string): Promise<string | null> {
	const user = await db
		.selectFrom('calendar_subscriptions as c')
		.innerJoin('users as u', 'u.id', 'c.user_id')
		.select(['u.id', 'u.name', 'u.role', 'u.disabled_at'])
		.where('c.token_hash', '=', sessionIdFromToken(token))
		.executeTakeFirst();
	if (!user || user.disabled_at !== null) return null;
	if (can(user, 'calendar.subscribe')) {
		const las = (await db.selectFrom('user_las').select('la_code').where('user_id', '=', user.id).execute()).map((l) => l.la_code);
		const engagements = await listEngagements(db, { adviserId: user.id, las: servedLas({ ...user, laCodes: las }) });
		return engagementsCalendar(`Triage: ${user.name}`, icsEngagements(engagements, origin, false), { forSchool: false });
	}
	const schools = await db.selectFrom('user_schools').select('urn').where('user_id', '=', user.id).execute();
	const engagements = (await Promise.all(schools.map((s) => listEngagements(db, { urn: s.urn })))).flat();
	return engagementsCalendar(`Triage: ${user.name}`, icsEngagements(engagements, origin, true), { forSchool: true });
}
