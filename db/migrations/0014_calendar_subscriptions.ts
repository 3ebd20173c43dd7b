import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * A private calendar subscription per user (/calendar/subscribe/<token>.ics): Outlook fetches it
 * without a session, so the address itself is the secret. Only the token's SHA-256 is kept; making
 * a new one replaces the old, which stops working at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('calendar_subscriptions')
		.addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('calendar_subscriptions').execute();
}
