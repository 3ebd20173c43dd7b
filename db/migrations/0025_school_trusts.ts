import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * The trust a school belongs to (GIAS "Trusts (name)"), kept with the register so that
 * school-to-school support is never proposed between two schools of the same trust (a conflict of
 * interest). The rollback copy keeps it too, so undoing a GIAS import restores it.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('schools').addColumn('trust_name', 'text').execute();
	await db.schema.alterTable('schools_replaced').addColumn('trust_name', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('schools_replaced').dropColumn('trust_name').execute();
	await db.schema.alterTable('schools').dropColumn('trust_name').execute();
}
