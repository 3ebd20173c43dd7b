import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

const CATEGORIES = sql`('secure_plus', 'secure', 'light_touch', 'focus', 'intensive')`;
const HALF_TERMS = sql`('autumn_1', 'autumn_2', 'spring_1', 'spring_2', 'summer_1', 'summer_2')`;
const ACTIVITIES = sql`('desktop_analysis', 'se_summary_invitation', 'telephone', 'visit', 'initial_visit', 'review', 'project_board')`;

type Row = [
	id: string,
	category: string,
	activity: string,
	label: string,
	count: number,
	from: string,
	to: string,
	withinWeeks: number | null,
	days: number,
	mode: 'on_site' | 'remote',
	after: string[],
	minWeeksApart: number | null
];

/** The default engagements per category (docs/scheduling.md, What each category promises), as they stood when this was written. */
const DEFAULT_TEMPLATES: Row[] = [
	['secure_plus.desktop_analysis', 'secure_plus', 'desktop_analysis', 'Desktop analysis', 1, 'autumn_1', 'autumn_1', null, 0.25, 'remote', [], null],
	['secure_plus.se_summary_invitation', 'secure_plus', 'se_summary_invitation', 'Invitation to submit an SE summary (the school can self-refer)', 1, 'autumn_1', 'autumn_1', null, 0, 'remote', ['secure_plus.desktop_analysis'], null],
	['secure.desktop_analysis', 'secure', 'desktop_analysis', 'Desktop analysis', 1, 'autumn_1', 'autumn_1', null, 0.25, 'remote', [], null],
	['secure.se_summary_call', 'secure', 'telephone', 'Telephone discussion of the SE summary', 1, 'autumn_2', 'autumn_2', null, 0.25, 'remote', ['secure.desktop_analysis'], null],
	['secure.progress_call', 'secure', 'telephone', 'Follow-up telephone discussion of progress', 1, 'spring_2', 'spring_2', null, 0.25, 'remote', ['secure.se_summary_call'], null],
	['light_touch.desktop_analysis', 'light_touch', 'desktop_analysis', 'Desktop analysis', 1, 'autumn_1', 'autumn_1', null, 0.25, 'remote', [], null],
	['light_touch.initial_visit', 'light_touch', 'initial_visit', 'Initial visit', 1, 'autumn_1', 'autumn_2', null, 0.5, 'on_site', ['light_touch.desktop_analysis'], null],
	['light_touch.follow_up', 'light_touch', 'telephone', 'Follow-up on the areas for improvement (a visit instead if progress is a concern)', 1, 'autumn_2', 'autumn_2', null, 0.25, 'remote', ['light_touch.initial_visit'], null],
	['focus.desktop_analysis', 'focus', 'desktop_analysis', 'Desktop analysis', 1, 'autumn_1', 'autumn_1', null, 0.25, 'remote', [], null],
	['focus.initial_visit', 'focus', 'initial_visit', 'Initial visit to discuss the criteria-based self-evaluation', 1, 'autumn_1', 'autumn_1', null, 1, 'on_site', ['focus.desktop_analysis'], null],
	['focus.review', 'focus', 'review', 'SIA-led review', 3, 'autumn_1', 'summer_2', null, 1, 'on_site', ['focus.initial_visit'], 4],
	['focus.project_board', 'focus', 'project_board', 'Project Board', 3, 'autumn_1', 'summer_2', null, 0.5, 'on_site', ['focus.initial_visit', 'focus.review'], null],
	['intensive.initial_visit', 'intensive', 'initial_visit', 'Initial visit', 1, 'autumn_1', 'autumn_1', 3, 1, 'on_site', [], null],
	['intensive.review', 'intensive', 'review', 'SIA-led review', 6, 'autumn_1', 'summer_2', null, 1, 'on_site', ['intensive.initial_visit'], 4],
	['intensive.project_board', 'intensive', 'project_board', 'Project Board', 6, 'autumn_1', 'summer_2', null, 0.5, 'on_site', ['intensive.initial_visit', 'intensive.review'], null]
];

export async function up(db: Kysely<any>): Promise<void> {
	// What each category promises a school in a year. Admins edit these; `position` keeps their order on screen.
	await db.schema
		.createTable('engagement_templates')
		.addColumn('id', 'text', (c) => c.primaryKey())
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
		.addCheckConstraint('engagement_templates_category_check', sql`category in ${CATEGORIES}`)
		.addCheckConstraint('engagement_templates_activity_check', sql`activity in ${ACTIVITIES}`)
		.addCheckConstraint('engagement_templates_mode_check', sql`mode in ('on_site', 'remote')`)
		.execute();

	// Term dates an admin has saved. A year with no rows uses the generated defaults.
	await db.schema
		.createTable('term_dates')
		.addColumn('summer_year', 'integer', (c) => c.notNull())
		.addColumn('half_term', 'text', (c) => c.notNull())
		.addColumn('start_date', 'text', (c) => c.notNull())
		.addColumn('end_date', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addPrimaryKeyConstraint('term_dates_pk', ['summer_year', 'half_term'])
		.addCheckConstraint('term_dates_half_term_check', sql`half_term in ${HALF_TERMS}`)
		.execute();

	// Days the LA closes (training, elections): nobody is planned to visit a school on them.
	await db.schema
		.createTable('closure_days')
		.addColumn('date', 'text', (c) => c.primaryKey())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	// Days a week each adviser has for school work. An adviser with no row is planned at the app's default.
	await db.schema
		.createTable('adviser_capacity')
		.addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
		.addColumn('days_per_week', 'real', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addCheckConstraint('adviser_capacity_days_check', sql`days_per_week >= 0 and days_per_week <= 5`)
		.execute();

	await db.schema
		.createTable('adviser_days_off')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('reason', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('adviser_days_off_pk', ['user_id', 'date'])
		.execute();

	// Each time the year is planned: the categories it used, the shortfalls and, for a re-plan, what moved.
	await db.schema
		.createTable('plan_runs')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('not_before', 'text')
		.addColumn('run_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('run_at', 'text', (c) => c.notNull())
		.addColumn('engagement_count', 'integer', (c) => c.notNull())
		.addColumn('unplaced_count', 'integer', (c) => c.notNull())
		.addColumn('categories_json', 'text', (c) => c.notNull())
		.addColumn('shortfalls_json', 'text', (c) => c.notNull())
		.addColumn('diff_json', 'text')
		.addCheckConstraint('plan_runs_kind_check', sql`kind in ('plan', 'replan')`)
		.execute();
	await db.schema.createIndex('plan_runs_year').on('plan_runs').columns(['year', 'id']).execute();

	// The year's engagements. `plan_key` is the planner's id (urn/template/occurrence), stable across re-plans.
	await db.schema
		.createTable('engagements')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('plan_key', 'text', (c) => c.notNull())
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('adviser_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('template_id', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
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
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('engagements_status_check', sql`status in ('planned', 'confirmed', 'completed', 'cancelled')`)
		.addCheckConstraint('engagements_category_check', sql`category in ${CATEGORIES}`)
		.addCheckConstraint('engagements_cancel_check', sql`(status = 'cancelled') = (cancel_reason is not null)`)
		.execute();
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

	// What the latest plan of a year could not place, each with its reason. Replaced on every run.
	await db.schema
		.createTable('unplaced_engagements')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('plan_key', 'text', (c) => c.notNull())
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('adviser_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('template_id', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('activity', 'text', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('sequence', 'integer', (c) => c.notNull())
		.addColumn('days', 'real', (c) => c.notNull())
		.addColumn('half_term', 'text', (c) => c.notNull())
		.addColumn('window_from', 'text', (c) => c.notNull())
		.addColumn('window_to', 'text', (c) => c.notNull())
		.addColumn('cause', 'text', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('unplaced_engagements_year').on('unplaced_engagements').columns(['year', 'urn']).execute();

	// The note of visit that completes an engagement: a draft until published to the school.
	await db.schema
		.createTable('visit_notes')
		.addColumn('engagement_id', 'integer', (c) => c.primaryKey().references('engagements.id').onDelete('cascade'))
		.addColumn('visit_date', 'text', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('evidence', 'text', (c) => c.notNull())
		.addColumn('strengths', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('written_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('published_at', 'text')
		.addColumn('published_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addCheckConstraint('visit_notes_status_check', sql`status in ('draft', 'published')`)
		.execute();

	await db.schema
		.createTable('visit_note_actions')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('engagement_id', 'integer', (c) => c.notNull().references('visit_notes.engagement_id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('owner', 'text', (c) => c.notNull())
		.addColumn('due_date', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('visit_note_actions_note').on('visit_note_actions').columns(['engagement_id', 'position']).execute();

	// Areas for improvement agreed with a school, raised in one note and rated in later ones until met.
	await db.schema
		.createTable('afis')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('raised_engagement_id', 'integer', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('closed_engagement_id', 'integer', (c) => c.references('engagements.id').onDelete('set null'))
		.addColumn('closed_at', 'text')
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('afis_urn').on('afis').columns(['urn', 'id']).execute();

	await db.schema
		.createTable('afi_ratings')
		.addColumn('afi_id', 'integer', (c) => c.notNull().references('afis.id').onDelete('cascade'))
		.addColumn('engagement_id', 'integer', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
		.addColumn('rating', 'text', (c) => c.notNull())
		.addColumn('comment', 'text', (c) => c.notNull())
		.addColumn('met', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('afi_ratings_pk', ['afi_id', 'engagement_id'])
		.addCheckConstraint('afi_ratings_rating_check', sql`rating in ('red', 'amber', 'green')`)
		.execute();

	const now = new Date().toISOString();
	await db
		.insertInto('engagement_templates')
		.values(
			DEFAULT_TEMPLATES.map(([id, category, activity, label, count, from, to, withinWeeks, days, mode, after, minWeeksApart], position) => ({
				id,
				category,
				activity,
				label,
				count,
				window_from: from,
				window_to: to,
				within_weeks: withinWeeks,
				days,
				mode,
				after_json: JSON.stringify(after),
				min_weeks_apart: minWeeksApart,
				position,
				updated_at: now,
				updated_by: null
			}))
		)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'afi_ratings',
		'afis',
		'visit_note_actions',
		'visit_notes',
		'unplaced_engagements',
		'engagements',
		'plan_runs',
		'adviser_days_off',
		'adviser_capacity',
		'closure_days',
		'term_dates',
		'engagement_templates'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
