import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Each LA may have a policy of its own. A policy version with no LA is the installation's, used by
 * every LA without one of its own, so an installation that never sets one goes on as before. One
 * version is adopted per LA (and one for the installation). An analysis run records the LA it
 * categorised, or none when it categorised every school at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('policy_versions').addColumn('la_code', 'text').execute();
	await db.schema.dropIndex('policy_versions_one_adopted').execute();
	await db.schema
		.createIndex('policy_versions_one_adopted')
		.on('policy_versions')
		.expression(sql`coalesce(la_code, '')`)
		.unique()
		.where(sql.ref('status'), '=', 'adopted')
		.execute();
	await db.schema.alterTable('analysis_runs').addColumn('la_code', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.deleteFrom('policy_versions').where('la_code', 'is not', null).where('status', '=', 'draft').execute();
	await db.schema.alterTable('analysis_runs').dropColumn('la_code').execute();
	await db.schema.dropIndex('policy_versions_one_adopted').execute();
	await db.schema.alterTable('policy_versions').dropColumn('la_code').execute();
	await db.schema.createIndex('policy_versions_one_adopted').on('policy_versions').column('status').unique().where(sql.ref('status'), '=', 'adopted').execute();
}
