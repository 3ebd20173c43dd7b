import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/** The shipped default policy "afo-default-1" version 1 (docs/categories.md, The default policy), as it stood when this migration was written. */
const DEFAULT_POLICY = {
	id: 'afo-default-1',
	version: 1,
	name: 'Default desktop analysis',
	thresholds: {
		wellBelowGap: -20,
		belowGap: -10,
		wellAboveGap: 10,
		persistenceCount: 2,
		dataYears: 3,
		lookbackYears: 6,
		trendTotalDrop: -15,
		trendStepDrop: -5,
		progressWellBelowReadMaths: -3,
		progressWellBelowWriting: -3.5,
		progressSigBelowCount: 2,
		progressWellBelowCount: 2,
		disadvantagedGap: -30,
		disadvantagedMinPupils: 10,
		smallCohortBelow: 11,
		newHeadMonths: 24
	},
	rules: [
		{ id: 'I1', category: 'intensive', enabled: true },
		{ id: 'I2', category: 'intensive', enabled: true },
		{ id: 'I3', category: 'intensive', enabled: true },
		{ id: 'F1', category: 'focus', enabled: true },
		{ id: 'F2', category: 'focus', enabled: true },
		{ id: 'F3', category: 'focus', enabled: true },
		{ id: 'F4', category: 'focus', enabled: true },
		{ id: 'F5', category: 'focus', enabled: true },
		{ id: 'L1', category: 'light_touch', enabled: true },
		{ id: 'L2', category: 'light_touch', enabled: true },
		{ id: 'L3', category: 'light_touch', enabled: true },
		{ id: 'L4', category: 'light_touch', enabled: true },
		{ id: 'L5', category: 'light_touch', enabled: true },
		{ id: 'P1', category: 'secure_plus', enabled: true }
	]
};

const CATEGORIES = sql`('secure_plus', 'secure', 'light_touch', 'focus', 'intensive')`;

export async function up(db: Kysely<any>): Promise<void> {
	// Every version of the policy, and drafts (version null until adopted). One row is adopted at a time.
	await db.schema
		.createTable('policy_versions')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('policy_id', 'text', (c) => c.notNull())
		.addColumn('version', 'integer')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('definition_json', 'text', (c) => c.notNull())
		.addColumn('based_on', 'integer', (c) => c.references('policy_versions.id'))
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('adopted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('adopted_at', 'text')
		.addCheckConstraint('policy_versions_status_check', sql`status in ('draft', 'adopted', 'superseded')`)
		.addCheckConstraint('policy_versions_version_check', sql`(status = 'draft') = (version is null)`)
		.execute();
	await db.schema.createIndex('policy_versions_version').on('policy_versions').columns(['policy_id', 'version']).unique().where(sql.ref('version'), 'is not', null).execute();
	await db.schema.createIndex('policy_versions_one_adopted').on('policy_versions').column('status').unique().where(sql.ref('status'), '=', 'adopted').execute();

	// The register of what advisers know (and GIAS's Ofsted ratings, marked gias_import).
	await db.schema
		.createTable('soft_intelligence')
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
		.addColumn('ended_at', 'text')
		.addCheckConstraint('soft_intelligence_source_check', sql`source in ('adviser', 'gias_import', 'headteacher')`)
		.execute();
	await db.schema.createIndex('soft_intelligence_urn').on('soft_intelligence').columns(['urn', 'date']).execute();

	// One row per run of the analysis, with the exact policy it used.
	await db.schema
		.createTable('analysis_runs')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('as_of', 'text', (c) => c.notNull())
		.addColumn('policy_version_id', 'integer', (c) => c.notNull().references('policy_versions.id'))
		.addColumn('policy_id', 'text', (c) => c.notNull())
		.addColumn('policy_version', 'integer', (c) => c.notNull())
		.addColumn('run_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('run_at', 'text', (c) => c.notNull())
		.addColumn('school_count', 'integer', (c) => c.notNull())
		.addColumn('counts_json', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('analysis_runs_year').on('analysis_runs').columns(['year', 'id']).execute();

	// Every school's result in a run: the columns lists need, and the whole result as JSON.
	await db.schema
		.createTable('analysis_results')
		.addColumn('run_id', 'integer', (c) => c.notNull().references('analysis_runs.id').onDelete('cascade'))
		.addColumn('urn', 'integer', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('confidence', 'text', (c) => c.notNull())
		.addColumn('needs_confirmation', 'integer', (c) => c.notNull())
		.addColumn('deciding_rule', 'text')
		.addColumn('result_json', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('analysis_results_pk', ['run_id', 'urn'])
		.addCheckConstraint('analysis_results_category_check', sql`category in ${CATEGORIES}`)
		.execute();

	// Where each school stands for a year: the latest proposal, the working category and whether it is agreed.
	await db.schema
		.createTable('school_categories')
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('proposed_category', 'text', (c) => c.notNull())
		.addColumn('run_id', 'integer', (c) => c.notNull().references('analysis_runs.id'))
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('changed_by_adviser', 'integer', (c) => c.notNull())
		.addColumn('agreed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('agreed_at', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('school_categories_pk', ['urn', 'year'])
		.addCheckConstraint('school_categories_category_check', sql`category in ${CATEGORIES} and proposed_category in ${CATEGORIES}`)
		.execute();
	await db.schema.createIndex('school_categories_year').on('school_categories').column('year').execute();

	// Every step: proposed, changed by an adviser, agreed. Who, when, from, to and why.
	await db.schema
		.createTable('category_history')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('from_category', 'text')
		.addColumn('to_category', 'text', (c) => c.notNull())
		.addColumn('reason', 'text')
		.addColumn('run_id', 'integer', (c) => c.references('analysis_runs.id'))
		.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('at', 'text', (c) => c.notNull())
		.addCheckConstraint('category_history_action_check', sql`action in ('proposed', 'proposal_changed', 'changed', 'agreed', 'disagreed', 'disagreement_reviewed', 'disagreement_decided')`)
		.execute();
	await db.schema.createIndex('category_history_school').on('category_history').columns(['urn', 'year', 'id']).execute();

	const now = new Date().toISOString();
	await db
		.insertInto('policy_versions')
		.values({
			policy_id: DEFAULT_POLICY.id,
			version: DEFAULT_POLICY.version,
			status: 'adopted',
			definition_json: JSON.stringify(DEFAULT_POLICY),
			based_on: null,
			created_by: null,
			created_at: now,
			updated_at: now,
			adopted_by: null,
			adopted_at: now
		})
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['category_history', 'school_categories', 'analysis_results', 'analysis_runs', 'soft_intelligence', 'policy_versions']) {
		await db.schema.dropTable(t).execute();
	}
}
