import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Each LA's settings for school-to-school support: how many schools one supporter takes at a time,
 * the farthest a supporter may be, which categories may support (a JSON array, best first), and
 * whether (1 or 0) its schools may support, and be supported by, another LA that allows it too. A row whose
 * `la_code` is '' is the installation's: every LA without its own uses it; with no row at all, the
 * app's defaults apply, so an installation that never sets any goes on as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('brokerage_settings')
		.addColumn('la_code', 'text', (c) => c.notNull())
		.addColumn('capacity', 'integer', (c) => c.notNull())
		.addColumn('max_distance_km', 'double precision', (c) => c.notNull())
		.addColumn('supporting_categories_json', 'text', (c) => c.notNull())
		.addColumn('allow_other_las', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addPrimaryKeyConstraint('brokerage_settings_pk', ['la_code'])
		.addCheckConstraint('brokerage_settings_allow_other_las_check', sql`allow_other_las in (0, 1)`)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('brokerage_settings').execute();
}
