import type { Generated } from 'kysely';

export interface NotificationsTable {
	id: Generated<number>;
	user_id: number;
	/** What happened, such as `category.new` or `summary.submitted`; used for grouping, not shown. */
	kind: string;
	/** One plain-English sentence the person can act on. */
	message: string;
	/** Where to go to see it. */
	link: string | null;
	/** The school it is about, so a school's notifications can be found (and deleted with it). */
	urn: number | null;
	created_at: string;
	read_at: string | null;
}

export interface NotificationTables {
	notifications: NotificationsTable;
}
