import type { Db } from './db';
import { nowIso } from './clock';
import { keepUsers, usersServing } from './la-scope';
import type { Actor } from '../domain/access';

export interface NewNotification {
	kind: string;
	message: string;
	link: string | null;
	urn: number | null;
}

/** Tells each of `userIds` about something, in the app (not by email). Duplicates are collapsed. */
export async function notify(db: Db, userIds: number[], n: NewNotification): Promise<void> {
	const now = nowIso();
	for (const userId of new Set(userIds)) {
		await db
			.insertInto('notifications')
			.values({ user_id: userId, kind: n.kind, message: n.message, link: n.link, urn: n.urn, created_at: now, read_at: null })
			.execute();
	}
}

/** The headteachers linked to a school, who hear about its category, notes and summary comments. */
export async function headteachersOf(db: Db, urn: number): Promise<number[]> {
	const rows = await db
		.selectFrom('user_schools')
		.innerJoin('users', 'users.id', 'user_schools.user_id')
		.select('users.id')
		.where('user_schools.urn', '=', urn)
		.where('users.role', '=', 'headteacher')
		.where('users.disabled_at', 'is', null)
		.execute();
	return rows.map((r) => r.id);
}

/**
 * The school's link adviser and every lead adviser who serves its LA: who hears about summaries,
 * self-referrals and disagreements.
 */
export async function advisersFor(db: Db, urn: number): Promise<number[]> {
	const school = await db.selectFrom('schools').select(['link_adviser_id', 'la_code']).where('urn', '=', urn).executeTakeFirst();
	const [leads, serving] = await Promise.all([
		db.selectFrom('users').select('id').where('role', '=', 'lead_adviser').where('disabled_at', 'is', null).execute(),
		// A school whose LA is not known: only those who serve every LA.
		usersServing(db, [school?.la_code ?? ''])
	]);
	return [...(school?.link_adviser_id ? [school.link_adviser_id] : []), ...keepUsers(serving, leads).map((l) => l.id)];
}

/**
 * Someone's notifications: about no school, or about a school in an LA they serve (`las`, from
 * access.ts `servedLas`; null for every LA) and, for a headteacher, one of their own schools
 * (`schools`, from `notificationSchools`). One about another LA's school, or a school they no longer
 * lead, from before their account changed, is kept but not shown.
 */
function mine(db: Db, userId: number, las: readonly string[] | null, schools: readonly number[] | null) {
	return db
		.selectFrom('notifications as n')
		.where('n.user_id', '=', userId)
		.$if(schools !== null, (qb) => qb.where((eb) => eb.or([eb('n.urn', 'is', null), eb('n.urn', 'in', schools!.length > 0 ? [...schools!] : [0])])))
		.$if(las !== null, (qb) =>
			qb.where((eb) =>
				eb.or([
					eb('n.urn', 'is', null),
					eb.exists(eb.selectFrom('schools as s').select('s.urn').whereRef('s.urn', '=', 'n.urn').where('s.la_code', 'in', las!))
				])
			)
		);
}

/** The schools a headteacher's notifications may be about (their own); null for staff, whose LAs say. */
export function notificationSchools(actor: Actor): readonly number[] | null {
	return actor.role === 'headteacher' ? (actor.schoolUrns ?? []) : null;
}

export async function unreadCount(db: Db, userId: number, las: readonly string[] | null = null, schools: readonly number[] | null = null): Promise<number> {
	const row = await mine(db, userId, las, schools).select(db.fn.countAll<number>().as('count')).where('n.read_at', 'is', null).executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function listNotifications(db: Db, userId: number, limit = 100, las: readonly string[] | null = null, schools: readonly number[] | null = null) {
	return mine(db, userId, las, schools)
		.select(['n.id', 'n.kind', 'n.message', 'n.link', 'n.created_at', 'n.read_at'])
		.orderBy('n.id', 'desc')
		.limit(limit)
		.execute();
}

/** Marks one (or, with no id, every) notification of this user as read. Never touches anyone else's. */
export async function markRead(db: Db, userId: number, id?: number): Promise<void> {
	let q = db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null);
	if (id !== undefined) q = q.where('id', '=', id);
	await q.execute();
}
