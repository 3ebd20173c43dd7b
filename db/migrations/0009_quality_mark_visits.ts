import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

const CATEGORIES = sql`('secure_plus', 'secure', 'light_touch', 'focus', 'intensive')`;

/** Every column of engagements as 0004 made it, in order: copied across as they are. */
const COLUMNS = [
	'id', 'year', 'plan_key', 'urn', 'adviser_id', 'template_id', 'category', 'activity', 'label', 'mode', 'date', 'days', 'half_term',
	'sequence', 'status', 'fulfils_template_id', 'fulfils_sequence', 'confirmed_at', 'confirmed_by', 'cancelled_at', 'cancelled_by',
	'cancel_reason', 'completed_at', 'completed_by', 'created_at', 'updated_at'
];

/**
 * Quality Mark assessment visits become engagements (docs/quality-mark.md): booked from the Quality Mark record,
 * on the assessor's calendar and in their capacity. No support category asks for them, so an
 * engagement's category may now be empty, and such an engagement names its Quality Mark record:
 * every engagement is either planned from a category or a Quality Mark visit, never both.
 *
 * SQLite cannot drop a NOT NULL, so the table is rebuilt the way SQLite's documentation says
 * (https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys off, build the new table,
 * copy, drop the old one, rename, indexes back, check the foreign keys, all in one transaction.
 * Notes of visit and areas for improvement keep pointing at the same engagement ids.
 * PostgreSQL changes the table in place, inside the migration's own transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return rebuild(db, true);
	await sql`alter table engagements alter column category drop not null`.execute(db);
	await sql`alter table engagements add column quality_mark_id integer references quality_marks (id) on delete cascade`.execute(db);
	await sql`alter table engagements drop constraint engagements_category_check`.execute(db);
	await sql`alter table engagements add constraint engagements_category_check check (category is null or category in ${CATEGORIES})`.execute(db);
	await sql`alter table engagements add constraint engagements_kind_check check ((category is null) = (quality_mark_id is not null))`.execute(db);
	await db.schema.createIndex('engagements_quality_mark').on('engagements').column('quality_mark_id').execute();
}

/** Back to 0004's table: Quality Mark visits are removed, since they have no category. */
export async function down(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return rebuild(db, false);
	await sql`delete from engagements where quality_mark_id is not null`.execute(db);
	await sql`alter table engagements drop column quality_mark_id`.execute(db);
	await sql`alter table engagements drop constraint engagements_category_check`.execute(db);
	await sql`alter table engagements add constraint engagements_category_check check (category in ${CATEGORIES})`.execute(db);
	await sql`alter table engagements alter column category set not null`.execute(db);
}

async function rebuild(db: Kysely<any>, withVisits: boolean): Promise<void> {
	await sql`PRAGMA foreign_keys = OFF`.execute(db);
	try {
		await sql`BEGIN`.execute(db);
		try {
			await createTable(db, 'engagements_new', withVisits);
			const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
			const from = withVisits ? sql`engagements` : sql`engagements where quality_mark_id is null`;
			await sql`insert into engagements_new (${columns}) select ${columns} from ${from}`.execute(db);
			await sql`drop table engagements`.execute(db);
			await sql`alter table engagements_new rename to engagements`.execute(db);
			await createIndexes(db, withVisits);
			const broken = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db);
			if (broken.rows.length > 0) throw new Error(`Rebuilding engagements broke ${broken.rows.length} references, first in ${broken.rows[0].table}`);
			await sql`COMMIT`.execute(db);
		} catch (e) {
			await sql`ROLLBACK`.execute(db);
			throw e;
		}
	} finally {
		await sql`PRAGMA foreign_keys = ON`.execute(db);
	}
}

async function createTable(db: Kysely<any>, name: string, withVisits: boolean): Promise<void> {
	let table = db.schema
		.createTable(name)
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('plan_key', 'text', (c) => c.notNull())
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('adviser_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('template_id', 'text', (c) => c.notNull())
		// Empty for a Quality Mark assessment visit, which no support category asks for.
		.addColumn('category', 'text', (c) => (withVisits ? c : c.notNull()))
		.addColumn('activity', 'text', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull())
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('days', 'real', (c) => c.notNull())
		.addColumn('half_term', 'text')
		.addColumn('sequence', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('fulfils_template_id', 'text')
		.addColumn('fulfils_sequence', 'integer')
		.addColumn('confirmed_at', 'text')
		.addColumn('confirmed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('cancelled_at', 'text')
		.addColumn('cancelled_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('cancel_reason', 'text')
		.addColumn('completed_at', 'text')
		.addColumn('completed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull());
	if (withVisits) {
		table = table
			.addColumn('quality_mark_id', 'integer', (c) => c.references('quality_marks.id').onDelete('cascade'))
			.addCheckConstraint('engagements_category_check', sql`category is null or category in ${CATEGORIES}`)
			.addCheckConstraint('engagements_kind_check', sql`(category is null) = (quality_mark_id is not null)`);
	} else {
		table = table.addCheckConstraint('engagements_category_check', sql`category in ${CATEGORIES}`);
	}
	await table
		.addCheckConstraint('engagements_status_check', sql`status in ('planned', 'confirmed', 'completed', 'cancelled')`)
		.addCheckConstraint('engagements_cancel_check', sql`(status = 'cancelled') = (cancel_reason is not null)`)
		.execute();
}

async function createIndexes(db: Kysely<any>, withVisits: boolean): Promise<void> {
	await db.schema.createIndex('engagements_year_date').on('engagements').columns(['year', 'date']).execute();
	await db.schema.createIndex('engagements_adviser_date').on('engagements').columns(['adviser_id', 'date']).execute();
	await db.schema.createIndex('engagements_urn_date').on('engagements').columns(['urn', 'date']).execute();
	await db.schema
		.createIndex('engagements_live_key')
		.on('engagements')
		.columns(['year', 'plan_key'])
		.unique()
		.where(sql.ref('status'), '!=', 'cancelled')
		.execute();
	if (withVisits) await db.schema.createIndex('engagements_quality_mark').on('engagements').column('quality_mark_id').execute();
}
