import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Failed sign-ins, counted in the database rather than in one server's memory, so that several app
 * servers on one database limit them together. Only a SHA-256 of the account or address is kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('sign_in_failures')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('key_hash', 'text', (c) => c.notNull())
		.addColumn('at_ms', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sign_in_failures_key').on('sign_in_failures').columns(['kind', 'key_hash', 'at_ms']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('sign_in_failures').execute();
}
