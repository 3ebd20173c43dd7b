import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { FileFormat } from '../../domain/import/header';
import { FIGURE_COLUMNS } from './ks2-columns';

/** The context figures, value then code, as in ks2_results: the order rows are bound in. */
export const CONTEXT_COLUMNS = [
	'cohort',
	'cohort_code',
	'disadvantaged_count',
	'disadvantaged_count_code',
	'disadvantaged_pct',
	'disadvantaged_pct_code',
	'cohort_3yr',
	'cohort_3yr_code'
] as const;

/**
 * The KS2 tables a later import can replace rows of, each with a `_replaced` twin (same columns
 * plus `replaced_by`), and their columns in the order rows are bound in.
 */
export const REPLACEABLE = {
	ks2_results: ['urn', 'year', 'la_code', 'record_type', 'import_id', ...FIGURE_COLUMNS],
	ks2_comparators: ['year', 'kind', 'area', 'import_id', ...FIGURE_COLUMNS],
	ks2_school_breakdowns: ['urn', 'year', 'import_id', 'figures_json'],
	ks2_area_breakdowns: ['year', 'area', 'import_id', 'figures_json'],
	ks2_school_context: ['urn', 'year', 'la_code', 'record_type', 'import_id', ...CONTEXT_COLUMNS, 'figures_json'],
	ks2_area_context: ['year', 'kind', 'area', 'import_id', ...CONTEXT_COLUMNS, 'figures_json']
} as const satisfies Record<string, readonly string[]>;

export type ReplaceableTable = keyof typeof REPLACEABLE;

/**
 * The tables each KS2 format writes or replaces rows in. A ks2final file replaces the EES
 * breakdowns of the schools it replaces, so the display never shows another file's figures.
 */
export const TABLES_OF: Partial<Record<FileFormat, readonly ReplaceableTable[]>> = {
	ks2: ['ks2_results', 'ks2_school_breakdowns', 'ks2_comparators'],
	ees_school_performance: ['ks2_results', 'ks2_school_breakdowns'],
	ees_la_performance: ['ks2_comparators', 'ks2_area_breakdowns'],
	ees_school_information: ['ks2_school_context'],
	ees_la_information: ['ks2_area_context']
};

/**
 * Rolls back one import's rows in these tables, inside the rollback's transaction: its rows go,
 * and the rows it replaced come back exactly as they were.
 */
export async function restoreReplaced(trx: Transaction<Database>, importId: number, tables: readonly ReplaceableTable[]): Promise<void> {
	// The table names vary, so this one place goes through kysely without its table types.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
	const k = trx as unknown as Kysely<any>;
	for (const table of tables) {
		const columns = REPLACEABLE[table];
		await k.deleteFrom(table).where('import_id', '=', importId).execute();
		await k
			.insertInto(table)
			.columns([...columns])
			.expression(
				k
					.selectFrom(`${table}_replaced`)
					.select([...columns])
					.where('replaced_by', '=', sql<number>`${importId}`)
			)
			.execute();
		await k.deleteFrom(`${table}_replaced`).where('replaced_by', '=', importId).execute();
	}
}
