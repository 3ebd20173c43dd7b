import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * KS2 from Explore Education Statistics (docs/data-files.md). School performance rows become ks2_results
 * like a ks2final file's; these tables hold what ks2final has no place for:
 * - every breakdown x subject figure, for display, as one JSON document per school (or area) and year;
 * - the cohort and context figures of the "information" data sets, per school and per LA / England.
 * Each has a `_replaced` twin, as in 0002, so rolling an import back restores what it replaced.
 */

/** The context figures the analysis reads, with their `_code` twins, named as in ks2_results. */
const CONTEXT_FIGURES = ['cohort', 'disadvantaged_count', 'disadvantaged_pct', 'cohort_3yr'];

function withContext<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
	let t = table;
	for (const f of CONTEXT_FIGURES) t = t.addColumn(f, 'real').addColumn(`${f}_code`, 'text');
	// Every figure of the row, for display: {"totpups": 412, "psenele": "c", ...}.
	return t.addColumn('figures_json', 'text', (c) => c.notNull());
}

type Key = (t: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never>;

const schoolKey: Key = (t) => t.addColumn('urn', 'integer', (c) => c.notNull()).addColumn('year', 'integer', (c) => c.notNull());
const areaKey: Key = (t) => t.addColumn('year', 'integer', (c) => c.notNull()).addColumn('area', 'text', (c) => c.notNull());
const areaKindKey: Key = (t) => t
	.addColumn('year', 'integer', (c) => c.notNull())
	.addColumn('kind', 'text', (c) => c.notNull())
	// The LA code for kind 'la'; 'england' otherwise, as in ks2_comparators.
	.addColumn('area', 'text', (c) => c.notNull())
	.addCheckConstraint(`${t.toOperationNode().table.table.identifier.name}_kind_check`, sql`kind in ('la', 'england_all', 'england_state')`);

const TABLES: { name: string; key: Key; primaryKey: string[]; body: Key }[] = [
	{
		name: 'ks2_school_breakdowns',
		key: schoolKey,
		primaryKey: ['urn', 'year'],
		// {"Total": {"Reading": [93, 47, 108, "z", ...]}, "Disadvantaged": {...}}: the measures in a fixed order.
		body: (t) => t.addColumn('figures_json', 'text', (c) => c.notNull())
	},
	{
		name: 'ks2_area_breakdowns',
		key: areaKey,
		primaryKey: ['year', 'area'],
		// The same, under each establishment type: {"All state funded": {"Total": {...}}}.
		body: (t) => t.addColumn('figures_json', 'text', (c) => c.notNull())
	},
	{
		name: 'ks2_school_context',
		key: (t) => schoolKey(t).addColumn('la_code', 'text').addColumn('record_type', 'integer'),
		primaryKey: ['urn', 'year'],
		body: withContext
	},
	{ name: 'ks2_area_context', key: areaKindKey, primaryKey: ['year', 'kind', 'area'], body: withContext }
];

export async function up(db: Kysely<any>): Promise<void> {
	for (const { name, key, primaryKey, body } of TABLES) {
		await body(key(db.schema.createTable(name)).addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id')))
			.addPrimaryKeyConstraint(`${name}_pk`, primaryKey as never)
			.execute();
		await body(key(db.schema.createTable(`${name}_replaced`).addColumn('replaced_by', 'integer', (c) => c.notNull().references('imports.id'))).addColumn('import_id', 'integer', (c) => c.notNull())).execute();
		await db.schema.createIndex(`${name}_replaced_by`).on(`${name}_replaced`).column('replaced_by').execute();
		await db.schema.createIndex(`${name}_import`).on(name).column('import_id').execute();
	}
	await db.schema.createIndex('ks2_school_context_year_la').on('ks2_school_context').columns(['year', 'la_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const { name } of [...TABLES].reverse()) {
		await db.schema.dropTable(`${name}_replaced`).execute();
		await db.schema.dropTable(name).execute();
	}
}
