import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * What an adviser's days a week were before each change: `days_per_week` held until `until_date`
 * (not included), the day it was changed. A change applies from that day on, so the weeks already
 * worked keep the capacity they had and a cut does not make past half terms look over-full.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('adviser_capacity_history')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('until_date', 'text', (c) => c.notNull())
		.addColumn('days_per_week', 'real', (c) => c.notNull())
		.addPrimaryKeyConstraint('adviser_capacity_history_pk', ['user_id', 'until_date'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('adviser_capacity_history').execute();
}
