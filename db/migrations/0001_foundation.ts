import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('users')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('disabled_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint(
			'users_role_check',
			sql`role in ('admin', 'analyst', 'lead_adviser', 'adviser', 'headteacher')`
		)
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('schools')
		.addColumn('urn', 'integer', (c) => c.primaryKey())
		.addColumn('la_code', 'text')
		.addColumn('la_name', 'text')
		.addColumn('establishment_number', 'text')
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('type', 'text')
		.addColumn('phase', 'text')
		.addColumn('status', 'text')
		.addColumn('age_low', 'integer')
		.addColumn('age_high', 'integer')
		.addColumn('head_name', 'text')
		.addColumn('street', 'text')
		.addColumn('locality', 'text')
		.addColumn('town', 'text')
		.addColumn('postcode', 'text')
		.addColumn('easting', 'integer')
		.addColumn('northing', 'integer')
		.addColumn('ofsted_rating', 'text')
		.addColumn('ofsted_date', 'text')
		.addColumn('link_adviser_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('schools_name').on('schools').column('name').execute();

	await db.schema
		.createTable('user_schools')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addPrimaryKeyConstraint('user_schools_pk', ['user_id', 'urn'])
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text')
		.addColumn('before_json', 'text')
		.addColumn('after_json', 'text')
		.execute();
	await db.schema
		.createIndex('audit_log_entity')
		.on('audit_log')
		.columns(['entity', 'entity_id'])
		.execute();

	await db.schema
		.createTable('settings')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value_json', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['settings', 'audit_log', 'user_schools', 'schools', 'sessions', 'users']) {
		await db.schema.dropTable(table).execute();
	}
}
