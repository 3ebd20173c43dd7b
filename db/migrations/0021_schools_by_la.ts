import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Schools by LA: every list for someone who serves some LAs, and the header's question of whether
 * there is more than one LA, look schools up by their LA code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('schools_la_code').on('schools').column('la_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('schools_la_code').execute();
}
