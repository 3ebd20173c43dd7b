import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

const CATEGORIES = sql`('secure_plus', 'secure', 'light_touch', 'focus', 'intensive')`;
const HALF_TERMS = sql`('autumn_1', 'autumn_2', 'spring_1', 'spring_2', 'summer_1', 'summer_2')`;
const ACTIVITIES = sql`('desktop_analysis', 'se_summary_invitation', 'telephone', 'visit', 'initial_visit', 'review', 'project_board')`;

/**
 * Each LA may have engagement templates, term dates and closure days of its own, and its own plan
 * of a school year. A row whose `la_code` is '' is the installation's: every LA without its own
 * uses it, so an installation that never sets one goes on exactly as before. A plan run records
 * the LA it planned, or none when it planned every school at once.
 *
 * The three settings tables gain `la_code` in their primary key, which neither database can
 * change in place the same way, so each is rebuilt (build, copy, drop, rename) in the migration's
 * transaction. Nothing refers to these tables, so no other row changes.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await rebuild(db, true);
	await db.schema.alterTable('plan_runs').addColumn('la_code', 'text').execute();
}

/** Back to one set for the installation: every LA's own templates, term dates and closures are dropped. */
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('plan_runs').dropColumn('la_code').execute();
	await sql`delete from engagement_templates where la_code <> ''`.execute(db);
	await sql`delete from term_dates where la_code <> ''`.execute(db);
	await sql`delete from closure_days where la_code <> ''`.execute(db);
	await rebuild(db, false);
}

/** Builds each table anew with (or without) `la_code` in its key, copies its rows, and puts it in the old one's place. */
async function rebuild(db: Kysely<any>, withLa: boolean): Promise<void> {
	const key = (columns: string[]) => (withLa ? ['la_code', ...columns] : columns) as never[];
	const la = withLa ? sql`'', ` : sql``;
	const laColumn = withLa ? sql`la_code, ` : sql``;
	const suffix = withLa ? '_la' : '';
	const create = (table: string) => {
		const builder = db.schema.createTable(`${table}_new`);
		return withLa ? builder.addColumn('la_code', 'text', (c) => c.notNull().defaultTo('')) : builder;
	};
	const swap = async (table: string, columns: string) => {
		await sql`insert into ${sql.table(`${table}_new`)} (${laColumn}${sql.raw(columns)}) select ${la}${sql.raw(columns)} from ${sql.table(table)}`.execute(db);
		await db.schema.dropTable(table).execute();
		await db.schema.alterTable(`${table}_new`).renameTo(table).execute();
	};

	await create('engagement_templates')
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('activity', 'text', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('window_from', 'text', (c) => c.notNull())
		.addColumn('window_to', 'text', (c) => c.notNull())
		.addColumn('within_weeks', 'integer')
		.addColumn('days', 'real', (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull())
		.addColumn('after_json', 'text', (c) => c.notNull())
		.addColumn('min_weeks_apart', 'integer')
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addPrimaryKeyConstraint(`engagement_templates${suffix}_pk`, key(['id']))
		.addCheckConstraint(`engagement_templates${suffix}_category_check`, sql`category in ${CATEGORIES}`)
		.addCheckConstraint(`engagement_templates${suffix}_activity_check`, sql`activity in ${ACTIVITIES}`)
		.addCheckConstraint(`engagement_templates${suffix}_mode_check`, sql`mode in ('on_site', 'remote')`)
		.execute();
	await swap(
		'engagement_templates',
		'id, category, activity, label, count, window_from, window_to, within_weeks, days, mode, after_json, min_weeks_apart, position, updated_at, updated_by'
	);

	await create('term_dates')
		.addColumn('summer_year', 'integer', (c) => c.notNull())
		.addColumn('half_term', 'text', (c) => c.notNull())
		.addColumn('start_date', 'text', (c) => c.notNull())
		.addColumn('end_date', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addPrimaryKeyConstraint(`term_dates${suffix}_pk`, key(['summer_year', 'half_term']))
		.addCheckConstraint(`term_dates${suffix}_half_term_check`, sql`half_term in ${HALF_TERMS}`)
		.execute();
	await swap('term_dates', 'summer_year, half_term, start_date, end_date, updated_at, updated_by');

	await create('closure_days')
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint(`closure_days${suffix}_pk`, key(['date']))
		.execute();
	await swap('closure_days', 'date, reason, created_by, created_at');
}
