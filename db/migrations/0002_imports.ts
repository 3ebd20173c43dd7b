import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/** The KS2 figures kept per school (and comparator) and year; each has a `_code` twin. */
const FIGURES = [
	'cohort', 'disadvantaged_count', 'disadvantaged_pct', 'rwm_expected', 'rwm_high',
	'read_expected', 'read_high', 'read_average', 'writ_expected', 'writ_high',
	'mat_expected', 'mat_high', 'mat_average',
	'read_progress', 'read_progress_lower', 'read_progress_upper', 'read_progress_band', 'read_coverage',
	'writ_progress', 'writ_progress_lower', 'writ_progress_upper', 'writ_progress_band', 'writ_coverage',
	'mat_progress', 'mat_progress_lower', 'mat_progress_upper', 'mat_progress_band', 'mat_coverage',
	'rwm_expected_disadvantaged', 'rwm_expected_not_disadvantaged', 'rwm_high_disadvantaged',
	'cohort_3yr', 'rwm_expected_3yr', 'rwm_high_3yr'
];

function withFigures<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
	let t = table;
	for (const f of FIGURES) {
		t = t.addColumn(f, 'real').addColumn(`${f}_code`, 'text');
	}
	return t;
}

/** The register columns an import writes (not link_adviser_id, which people set). */
const REGISTER = [
	['la_code', 'text'], ['la_name', 'text'], ['establishment_number', 'text'], ['name', 'text'],
	['type', 'text'], ['phase', 'text'], ['status', 'text'], ['age_low', 'integer'], ['age_high', 'integer'],
	['head_name', 'text'], ['street', 'text'], ['locality', 'text'], ['town', 'text'], ['postcode', 'text'],
	['easting', 'integer'], ['northing', 'integer'], ['ofsted_rating', 'text'], ['ofsted_date', 'text'],
	['created_at', 'text'], ['updated_at', 'text']
] as const;

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('imports')
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
		.addCheckConstraint('imports_format_check', sql`format in ('ks2', 'gias_register', 'gias_links')`)
		.addCheckConstraint('imports_version_check', sql`version is null or version in ('provisional', 'revised', 'final')`)
		.execute();
	// The same file can be live only once; after a rollback it may be imported again.
	await db.schema.createIndex('imports_sha256_live').on('imports').column('sha256').unique().where(sql.ref('rolled_back_at'), 'is', null).execute();

	await withFigures(
		db.schema
			.createTable('ks2_results')
			.addColumn('urn', 'integer', (c) => c.notNull())
			.addColumn('year', 'integer', (c) => c.notNull())
			.addColumn('la_code', 'text')
			.addColumn('record_type', 'integer', (c) => c.notNull())
			.addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id'))
			.addPrimaryKeyConstraint('ks2_results_pk', ['urn', 'year'])
	).execute();
	await db.schema.createIndex('ks2_results_year_la').on('ks2_results').columns(['year', 'la_code']).execute();

	await withFigures(
		db.schema
			.createTable('ks2_comparators')
			.addColumn('year', 'integer', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull())
			// The LA code for kind 'la'; 'england' otherwise, so the key has no nulls.
			.addColumn('area', 'text', (c) => c.notNull())
			.addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id'))
			.addPrimaryKeyConstraint('ks2_comparators_pk', ['year', 'kind', 'area'])
			.addCheckConstraint('ks2_comparators_kind_check', sql`kind in ('la', 'england_all', 'england_state')`)
	).execute();

	await db.schema
		.createTable('school_links')
		.addColumn('urn', 'integer', (c) => c.notNull())
		.addColumn('link_urn', 'integer', (c) => c.notNull())
		.addColumn('link_type', 'text', (c) => c.notNull())
		.addColumn('link_name', 'text')
		.addColumn('link_date', 'text')
		.addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id'))
		.addPrimaryKeyConstraint('school_links_pk', ['urn', 'link_urn', 'link_type'])
		.execute();
	await db.schema.createIndex('school_links_link_urn').on('school_links').column('link_urn').execute();

	// What each import replaced, so that rolling it back restores exactly what was there before.
	await withFigures(
		db.schema
			.createTable('ks2_results_replaced')
			.addColumn('replaced_by', 'integer', (c) => c.notNull().references('imports.id'))
			.addColumn('urn', 'integer', (c) => c.notNull())
			.addColumn('year', 'integer', (c) => c.notNull())
			.addColumn('la_code', 'text')
			.addColumn('record_type', 'integer', (c) => c.notNull())
			.addColumn('import_id', 'integer', (c) => c.notNull())
	).execute();
	await withFigures(
		db.schema
			.createTable('ks2_comparators_replaced')
			.addColumn('replaced_by', 'integer', (c) => c.notNull().references('imports.id'))
			.addColumn('year', 'integer', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('area', 'text', (c) => c.notNull())
			.addColumn('import_id', 'integer', (c) => c.notNull())
	).execute();
	await db.schema
		.createTable('school_links_replaced')
		.addColumn('replaced_by', 'integer', (c) => c.notNull().references('imports.id'))
		.addColumn('urn', 'integer', (c) => c.notNull())
		.addColumn('link_urn', 'integer', (c) => c.notNull())
		.addColumn('link_type', 'text', (c) => c.notNull())
		.addColumn('link_name', 'text')
		.addColumn('link_date', 'text')
		.addColumn('import_id', 'integer', (c) => c.notNull())
		.execute();
	let register = db.schema
		.createTable('schools_replaced')
		.addColumn('replaced_by', 'integer', (c) => c.notNull().references('imports.id'))
		.addColumn('urn', 'integer', (c) => c.notNull())
		// 1 when the import added the school, so a rollback removes it again.
		.addColumn('was_new', 'integer', (c) => c.notNull());
	for (const [name, type] of REGISTER) register = register.addColumn(name, type);
	await register.execute();
	for (const t of ['ks2_results_replaced', 'ks2_comparators_replaced', 'school_links_replaced', 'schools_replaced']) {
		await db.schema.createIndex(`${t}_by`).on(t).column('replaced_by').execute();
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['schools_replaced', 'school_links_replaced', 'ks2_comparators_replaced', 'ks2_results_replaced', 'school_links', 'ks2_comparators', 'ks2_results', 'imports']) {
		await db.schema.dropTable(t).execute();
	}
}
