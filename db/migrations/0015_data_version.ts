import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * One row whose number goes up in every transaction that writes anything, in that same
 * transaction (see src/lib/server/db/data-version.ts). The in-memory caches compare it with the
 * number their copy was built at, so a change made by any process on the database shows on the
 * next request. The check keeps it to one row.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('data_version')
		.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
		.addColumn('version', 'integer', (c) => c.notNull())
		.execute();
	await db.insertInto('data_version').values({ id: 1, version: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('data_version').execute();
}
