import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * The local authorities each member of staff serves, by LA code (850 for Hampshire). A user with
 * none serves every LA the installation holds, as every user did before: a single-LA installation
 * goes on exactly as it was.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('user_las')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('la_code', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('user_las_pk', ['user_id', 'la_code'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('user_las').execute();
}
