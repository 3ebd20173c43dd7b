import { sql, type Kysely } from 'kysely';

// Frozen in time: never imports app code.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('category_disagreements')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('suggested_category', 'text')
		.addColumn('reasons', 'text', (c) => c.notNull())
		.addColumn('evidence', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('raised_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('raised_at', 'text', (c) => c.notNull())
		.addColumn('review', 'text')
		.addColumn('reviewed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('reviewed_at', 'text')
		.addColumn('decision', 'text')
		.addColumn('decision_reason', 'text')
		.addColumn('decided_category', 'text')
		.addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('decided_at', 'text')
		.addCheckConstraint('category_disagreements_status_check', sql`status in ('open', 'reviewed', 'decided')`)
		.addCheckConstraint('category_disagreements_decision_check', sql`decision is null or decision in ('upheld', 'changed')`)
		.execute();
	await db.schema.createIndex('category_disagreements_school').on('category_disagreements').columns(['urn', 'year']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('category_disagreements').execute();
}
