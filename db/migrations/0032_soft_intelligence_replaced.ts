import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * What an Ofsted MI import replaced in the soft-intelligence register, so that rolling it back
 * restores exactly what was there before (as schools_replaced does for a GIAS import). An MI row
 * fills in an inspection the GIAS register's rating recorded with a grade only (source
 * 'gias_import'): that entry moves here, every column as it was, id included, and the MI entry
 * takes its place. `replaced_by` is the MI import.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('soft_intelligence_replaced')
		.addColumn('replaced_by', 'integer', (c) => c.notNull().references('imports.id'))
		.addColumn('id', 'integer', (c) => c.notNull())
		.addColumn('urn', 'integer', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('end_date', 'text')
		.addColumn('details', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('grade', 'text')
		.addColumn('areas_json', 'text')
		.addColumn('safeguarding_met', 'integer')
		.addColumn('created_by', 'integer')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('ended_by', 'integer')
		.addColumn('ended_at', 'text')
		.addColumn('judgements_json', 'text')
		.addColumn('safeguarding_effective', 'integer')
		.addColumn('category_of_concern', 'text')
		.addColumn('predecessor', 'integer', (c) => c.notNull())
		.addColumn('source_file', 'text')
		.addColumn('outcome', 'text')
		.addColumn('published_date', 'text')
		.addColumn('import_id', 'integer')
		.addColumn('corrected_by', 'integer')
		.addColumn('corrected_at', 'text')
		.execute();
	await db.schema.createIndex('soft_intelligence_replaced_by').on('soft_intelligence_replaced').column('replaced_by').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('soft_intelligence_replaced').execute();
}
