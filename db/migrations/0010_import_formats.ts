import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

const COLUMNS = [
	'id', 'format', 'file_name', 'sha256', 'size_bytes', 'year', 'version', 'la_codes', 'user_id', 'imported_at',
	'rows_read', 'schools_added', 'schools_updated', 'records_stored', 'report_json', 'rolled_back_at', 'rolled_back_by'
];

const FORMATS_0002 = ['ks2', 'gias_register', 'gias_links'];
const FORMATS_0010 = [
	'ks2', 'ees_school_performance', 'ees_school_information', 'ees_la_performance', 'ees_la_information',
	'gias_register', 'gias_links', 'ofsted_mi'
];

/**
 * This year's files (docs/data-files.md): the four KS2 data sets from Explore Education Statistics and
 * Ofsted's monthly management information become import formats. An EES data set covers several
 * years and makes one history row per year, all with the file's SHA-256, so the same file is live
 * once per year rather than once.
 *
 * SQLite cannot change a CHECK constraint, so `imports` is rebuilt the way SQLite's documentation
 * says (https://www.sqlite.org/lang_altertable.html#otheralter), as migration 0009 did: foreign
 * keys off, build, copy, drop, rename, indexes back, check the foreign keys, in one transaction.
 * Every import keeps its id, so the tables that point at imports still point at the same rows.
 * PostgreSQL changes the constraint and the index in place, inside the migration's own transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return rebuild(db, FORMATS_0010, true);
	await alter(db, FORMATS_0010);
	await sql`create unique index imports_sha256_live on imports (sha256, coalesce(year, 0)) where rolled_back_at is null`.execute(db);
}

/** Back to 0002's table; imports of the new formats are removed with what points at them left dangling, so roll those back first. */
export async function down(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return rebuild(db, FORMATS_0002, false);
	await alter(db, FORMATS_0002);
	await db.schema.createIndex('imports_sha256_live').on('imports').column('sha256').unique().where(sql.ref('rolled_back_at'), 'is', null).execute();
}

/** PostgreSQL: the format check and the live-file index, changed where they are. */
async function alter(db: Kysely<any>, formats: string[]): Promise<void> {
	const listed = sql.join(formats.map((f) => sql.lit(f)));
	await sql`alter table imports drop constraint imports_format_check`.execute(db);
	await sql`delete from imports where format not in (${listed})`.execute(db);
	await sql`alter table imports add constraint imports_format_check check (format in (${listed}))`.execute(db);
	await db.schema.dropIndex('imports_sha256_live').execute();
}

async function rebuild(db: Kysely<any>, formats: string[], perYear: boolean): Promise<void> {
	await sql`PRAGMA foreign_keys = OFF`.execute(db);
	try {
		await sql`BEGIN`.execute(db);
		try {
			await db.schema
				.createTable('imports_new')
				.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
				.addColumn('format', 'text', (c) => c.notNull())
				.addColumn('file_name', 'text', (c) => c.notNull())
				.addColumn('sha256', 'text', (c) => c.notNull())
				.addColumn('size_bytes', 'integer', (c) => c.notNull())
				.addColumn('year', 'integer')
				.addColumn('version', 'text')
				.addColumn('la_codes', 'text')
				.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
				.addColumn('imported_at', 'text', (c) => c.notNull())
				.addColumn('rows_read', 'integer', (c) => c.notNull())
				.addColumn('schools_added', 'integer', (c) => c.notNull())
				.addColumn('schools_updated', 'integer', (c) => c.notNull())
				.addColumn('records_stored', 'integer', (c) => c.notNull())
				.addColumn('report_json', 'text', (c) => c.notNull())
				.addColumn('rolled_back_at', 'text')
				.addColumn('rolled_back_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
				.addCheckConstraint('imports_format_check', sql`format in (${sql.join(formats.map((f) => sql.lit(f)))})`)
				.addCheckConstraint('imports_version_check', sql`version is null or version in ('provisional', 'revised', 'final')`)
				.execute();
			const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
			const from = sql`imports where format in (${sql.join(formats.map((f) => sql.lit(f)))})`;
			await sql`insert into imports_new (${columns}) select ${columns} from ${from}`.execute(db);
			await sql`drop table imports`.execute(db);
			await sql`alter table imports_new rename to imports`.execute(db);
			// The same file can be live only once (once per year, for a file of several years); after a rollback it may be imported again.
			if (perYear) await sql`create unique index imports_sha256_live on imports (sha256, coalesce(year, 0)) where rolled_back_at is null`.execute(db);
			else await db.schema.createIndex('imports_sha256_live').on('imports').column('sha256').unique().where(sql.ref('rolled_back_at'), 'is', null).execute();
			const broken = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db);
			if (broken.rows.length > 0 && perYear) throw new Error(`Rebuilding imports broke ${broken.rows.length} references, first in ${broken.rows[0].table}`);
			await sql`COMMIT`.execute(db);
		} catch (e) {
			await sql`ROLLBACK`.execute(db);
			throw e;
		}
	} finally {
		await sql`PRAGMA foreign_keys = ON`.execute(db);
	}
}
