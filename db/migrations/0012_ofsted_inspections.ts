import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/** Every column of soft_intelligence as 0003 made it, in order: copied across as they are. */
const COLUMNS = [
	'id', 'urn', 'type', 'date', 'end_date', 'details', 'source', 'grade', 'areas_json', 'safeguarding_met',
	'created_by', 'created_at', 'ended_by', 'ended_at'
];

/**
 * Ofsted's monthly management information (issue "Read this year's files"): the register keeps
 * every school's latest report card, OEIF graded inspection and ungraded inspection, imported or
 * typed in by an adviser, with everything Ofsted records about each.
 *
 * - source may be 'ofsted_mi' (an entry an MI import added; import_id names that import, so a
 *   rollback removes exactly what it added);
 * - judgements_json: an OEIF inspection's sub-judgements, {"qualityOfEducation": 3, ...};
 * - safeguarding_effective: OEIF "safeguarding is effective?", 1 yes, 0 no, null not recorded;
 * - category_of_concern: special measures, serious weaknesses or requires significant improvement;
 * - predecessor: 1 when the inspection was of the predecessor school (before academy conversion);
 * - source_file: where it came from, "Ofsted MI as at 30 April 2026";
 * - outcome: an ungraded inspection's outcome ("School remains Good"), until now kept in details;
 * - published_date: when Ofsted published the report;
 * - corrected_by / corrected_at: an adviser changed the grades of the entry; later imports leave it alone.
 *
 * SQLite cannot change a CHECK constraint, so the table is rebuilt the way SQLite's documentation
 * says (https://www.sqlite.org/lang_altertable.html#otheralter), as 0009 rebuilt engagements:
 * foreign keys off, build the new table, copy, drop the old one, rename, index back, check the
 * foreign keys, all in one transaction. Every row keeps its id. PostgreSQL changes the table in
 * place, inside the migration's own transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		await sql`alter table soft_intelligence drop constraint soft_intelligence_source_check`.execute(db);
		for (const column of NEW_COLUMNS) await sql`alter table soft_intelligence add column ${sql.raw(column)}`.execute(db);
		for (const [name, check] of NEW_CHECKS) await sql`alter table soft_intelligence add constraint ${sql.ref(name)} check (${check})`.execute(db);
		await sql`update soft_intelligence set outcome = details where type = 'ofsted_ungraded'`.execute(db);
		await db.schema.createIndex('soft_intelligence_import').on('soft_intelligence').column('import_id').execute();
		return;
	}
	await rebuild(db, true, async () => {
		await createTable(db, 'soft_intelligence_new', true);
		const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
		await sql`insert into soft_intelligence_new (${columns}, outcome)
			select ${columns}, case when type = 'ofsted_ungraded' then details end from soft_intelligence`.execute(db);
	});
}

/**
 * Back to 0003's table. Entries an MI import added go (0003's table cannot hold them; re-import
 * the file after migrating up again); an ungraded inspection's outcome goes back into its details.
 */
export async function down(db: Kysely<any>): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		await sql`delete from soft_intelligence where source = 'ofsted_mi'`.execute(db);
		await sql`update soft_intelligence set details = coalesce(outcome, details) where type = 'ofsted_ungraded'`.execute(db);
		for (const [name] of NEW_CHECKS) await sql`alter table soft_intelligence drop constraint ${sql.ref(name)}`.execute(db);
		for (const column of NEW_COLUMNS) await sql`alter table soft_intelligence drop column ${sql.ref(column.split(' ')[0])}`.execute(db);
		await sql`alter table soft_intelligence add constraint soft_intelligence_source_check check (${SOURCES_0003})`.execute(db);
		return;
	}
	await rebuild(db, false, async () => {
		await createTable(db, 'soft_intelligence_new', false);
		const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
		const back = sql.join(COLUMNS.map((c) => (c === 'details' ? sql`case when type = 'ofsted_ungraded' then coalesce(outcome, details) else details end` : sql.ref(c))));
		await sql`insert into soft_intelligence_new (${columns}) select ${back} from soft_intelligence where source != 'ofsted_mi'`.execute(db);
	});
}

/** The columns 0012 adds, in PostgreSQL's words (createTable below says the same for SQLite's rebuild). */
const NEW_COLUMNS = [
	'judgements_json text',
	'safeguarding_effective integer',
	'category_of_concern text',
	'predecessor integer not null default 0',
	'source_file text',
	'outcome text',
	'published_date text',
	// No cascade: an import is never deleted, only rolled back, which removes its entries first.
	'import_id integer references imports (id)',
	'corrected_by integer references users (id) on delete set null',
	'corrected_at text'
];

const SOURCES_0003 = sql`source in ('adviser', 'gias_import', 'headteacher')`;

const NEW_CHECKS: [string, ReturnType<typeof sql>][] = [
	['soft_intelligence_source_check', sql`source in ('adviser', 'gias_import', 'headteacher', 'ofsted_mi')`],
	['soft_intelligence_import_check', sql`(source = 'ofsted_mi') = (import_id is not null)`],
	[
		'soft_intelligence_category_check',
		sql`category_of_concern is null or category_of_concern in ('special_measures', 'serious_weaknesses', 'requires_significant_improvement')`
	],
	['soft_intelligence_predecessor_check', sql`predecessor in (0, 1)`],
	['soft_intelligence_safeguarding_effective_check', sql`safeguarding_effective is null or safeguarding_effective in (0, 1)`]
];

async function rebuild(db: Kysely<any>, withInspections: boolean, copy: () => Promise<void>): Promise<void> {
	await sql`PRAGMA foreign_keys = OFF`.execute(db);
	try {
		await sql`BEGIN`.execute(db);
		try {
			// Ids are never reused, even those of deleted rows (audit entries name them): keep the AUTOINCREMENT counter.
			const counter = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'soft_intelligence'`.execute(db);
			await copy();
			await sql`drop table soft_intelligence`.execute(db);
			await sql`alter table soft_intelligence_new rename to soft_intelligence`.execute(db);
			if (counter.rows.length > 0) {
				await sql`delete from sqlite_sequence where name = 'soft_intelligence'`.execute(db);
				await sql`insert into sqlite_sequence (name, seq) values ('soft_intelligence', max(${counter.rows[0].seq}, coalesce((select max(id) from soft_intelligence), 0)))`.execute(db);
			}
			await db.schema.createIndex('soft_intelligence_urn').on('soft_intelligence').columns(['urn', 'date']).execute();
			if (withInspections) await db.schema.createIndex('soft_intelligence_import').on('soft_intelligence').column('import_id').execute();
			const broken = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db);
			if (broken.rows.length > 0) throw new Error(`Rebuilding soft_intelligence broke ${broken.rows.length} references, first in ${broken.rows[0].table}`);
			await sql`COMMIT`.execute(db);
		} catch (e) {
			await sql`ROLLBACK`.execute(db);
			throw e;
		}
	} finally {
		await sql`PRAGMA foreign_keys = ON`.execute(db);
	}
}

async function createTable(db: Kysely<any>, name: string, withInspections: boolean): Promise<void> {
	let table = db.schema
		.createTable(name)
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('end_date', 'text')
		.addColumn('details', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('grade', 'text')
		.addColumn('areas_json', 'text')
		.addColumn('safeguarding_met', 'integer')
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('ended_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('ended_at', 'text');
	if (!withInspections) {
		await table.addCheckConstraint('soft_intelligence_source_check', SOURCES_0003).execute();
		return;
	}
	table = table
		.addColumn('judgements_json', 'text')
		.addColumn('safeguarding_effective', 'integer')
		.addColumn('category_of_concern', 'text')
		.addColumn('predecessor', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('source_file', 'text')
		.addColumn('outcome', 'text')
		.addColumn('published_date', 'text')
		// No cascade: an import is never deleted, only rolled back, which removes its entries first.
		.addColumn('import_id', 'integer', (c) => c.references('imports.id'))
		.addColumn('corrected_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('corrected_at', 'text');
	for (const [constraint, check] of NEW_CHECKS) table = table.addCheckConstraint(constraint, check);
	await table.execute();
}
