import type { Kysely } from 'kysely';

// Frozen in time: never imports app code.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('se_summaries')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('sections_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('submitted_at', 'text')
		.addColumn('reviewed_at', 'text')
		.addColumn('agreed_at', 'text')
		.addUniqueConstraint('se_summaries_urn_year', ['urn', 'year'])
		.execute();

	await db.schema
		.createTable('se_comments')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('summary_id', 'integer', (c) => c.notNull().references('se_summaries.id').onDelete('cascade'))
		.addColumn('section_key', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('se_comments_summary').on('se_comments').column('summary_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('se_comments').execute();
	await db.schema.dropTable('se_summaries').execute();
}
