import type { Db } from './db';
import { nowIso } from './clock';

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

/** The school's link adviser and every lead adviser: who hears about summaries, self-referrals and disagreements. */
export async function advisersFor(db: Db, urn: number): Promise<number[]> {
	const school = await db.selectFrom('schools').select('link_adviser_id').where('urn', '=', urn).executeTakeFirst();
	const leads = await db.selectFrom('users').select('id').where('role', '=', 'lead_adviser').where('disabled_at', 'is', null).execute();
	return [...(school?.link_adviser_id ? [school.link_adviser_id] : []), ...leads.map((l) => l.id)];
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
	const row = await db
		.selectFrom('notifications')
		.select(db.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listNotifications(db: Db, userId: number, limit = 100) {
	return db
		.selectFrom('notifications')
		.select(['id', 'kind', 'message', 'link', 'created_at', 'read_at'])
		.where('user_id', '=', userId)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/** Marks one (or, with no id, every) notification of this user as read. Never touches anyone else's. */
export async function markRead(db: Db, userId: number, id?: number): Promise<void> {
	let q = db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null);
	if (id !== undefined) q = q.where('id', '=', id);
	await q.execute();
}
