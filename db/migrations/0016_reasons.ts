import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Why an import was rolled back and why a policy version was adopted, in the words of the person
 * who did it: both are asked for before the step is taken, and shown wherever the step is.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('imports').addColumn('rollback_reason', 'text').execute();
	await db.schema.alterTable('policy_versions').addColumn('adoption_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('policy_versions').dropColumn('adoption_reason').execute();
	await db.schema.alterTable('imports').dropColumn('rollback_reason').execute();
}
