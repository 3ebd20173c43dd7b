import type { Kysely } from 'kysely';

// Frozen in time: never imports app code.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('notifications')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('link', 'text')
		.addColumn('urn', 'integer', (c) => c.references('schools.urn').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('read_at', 'text')
		.execute();
	await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('notifications').execute();
}
