import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

const STATUSES = sql`('proposed', 'agreed', 'accepted', 'active', 'ended', 'declined', 'withdrawn')`;
const RESPONSES = sql`('accepted', 'declined')`;

/**
 * School-to-school support partnerships (DESIGN section 12): proposed by an adviser, agreed by a
 * lead adviser, accepted or declined by each school, set up with objectives, a start and review
 * dates (the reviews are engagements in the link adviser's schedule), and ended with an outcome.
 * A school has at most one open partnership as the supported school in a year; notes are kept
 * one row each, with who wrote them and when.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('partnerships')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('supported_urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('supporting_urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('need', 'text', (c) => c.notNull())
		.addColumn('need_key', 'text', (c) => c.notNull())
		.addColumn('distance_km', 'real')
		.addColumn('reasons', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('supported_response', 'text')
		.addColumn('supporting_response', 'text')
		.addColumn('objectives', 'text')
		.addColumn('start_date', 'text')
		.addColumn('outcome', 'text')
		.addColumn('proposed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('proposed_at', 'text', (c) => c.notNull())
		.addColumn('agreed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('agreed_at', 'text')
		.addColumn('closed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('closed_at', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('partnerships_status_check', sql`status in ${STATUSES}`)
		.addCheckConstraint('partnerships_supported_response_check', sql`supported_response is null or supported_response in ${RESPONSES}`)
		.addCheckConstraint('partnerships_supporting_response_check', sql`supporting_response is null or supporting_response in ${RESPONSES}`)
		.addCheckConstraint('partnerships_two_schools_check', sql`supported_urn <> supporting_urn`)
		.execute();
	await db.schema
		.createIndex('partnerships_one_open')
		.on('partnerships')
		.columns(['supported_urn', 'year'])
		.unique()
		.where(sql.ref('status'), 'in', sql`('proposed', 'agreed', 'accepted', 'active')`)
		.execute();
	await db.schema.createIndex('partnerships_supporting').on('partnerships').columns(['supporting_urn', 'year']).execute();
	await db.schema.createIndex('partnerships_year').on('partnerships').columns(['year', 'status']).execute();

	await db.schema
		.createTable('partnership_notes')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('written_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('written_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('partnership_notes_partnership').on('partnership_notes').column('partnership_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from engagements where template_id = 'partnership.review'`.execute(db);
	await db.schema.dropTable('partnership_notes').execute();
	await db.schema.dropTable('partnerships').execute();
}
