import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Uploads from /imports (they arrive in pieces) and the import jobs that run them, in the database
 * rather than in one server's memory and disk: with several app servers behind a load balancer,
 * each piece, the start of the job and every look at its progress may reach a different server.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('uploads')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('size', 'bigint', (c) => c.notNull())
		.addColumn('received', 'bigint', (c) => c.notNull())
		.addColumn('created_ms', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('upload_pieces')
		.addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id').onDelete('cascade'))
		.addColumn('offset', 'bigint', (c) => c.notNull())
		.addColumn('bytes', 'blob', (c) => c.notNull())
		.addPrimaryKeyConstraint('upload_pieces_pk', ['upload_id', 'offset'])
		.execute();
	await db.schema
		.createTable('import_jobs')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('progress_json', 'text', (c) => c.notNull())
		.addColumn('outcome_json', 'text')
		.addColumn('error', 'text')
		.addColumn('created_ms', 'bigint', (c) => c.notNull())
		.addColumn('updated_ms', 'bigint', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('import_jobs').execute();
	await db.schema.dropTable('upload_pieces').execute();
	await db.schema.dropTable('uploads').execute();
}
