import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Two facts of each stored engine result as columns of their own, for the school list's flags and
 * its filters: a second year below England in the persistence signal, and no KS2 data. Read out of
 * the stored JSON on every view, they cost the list a parse of each school's result; on PostgreSQL
 * the planner read every school's result for a page of 50 (45 ms a view at 700 schools).
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('analysis_results')
		.addColumn('below_two_years', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('analysis_results')
		.addColumn('no_ks2_data', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		await sql`update analysis_results set
			below_two_years = case when (cast(result_json as jsonb) #>> '{signals,persistence,belowYears,1}') is not null then 1 else 0 end,
			no_ks2_data = case when (cast(result_json as jsonb) #>> '{signals,noKs2Data}') is not null then 1 else 0 end`.execute(db);
	} else {
		await sql`update analysis_results set
			below_two_years = case when (result_json ->> '$.signals.persistence.belowYears[1]') is not null then 1 else 0 end,
			no_ks2_data = case when (result_json ->> '$.signals.noKs2Data') is not null then 1 else 0 end`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('analysis_results').dropColumn('no_ks2_data').execute();
	await db.schema.alterTable('analysis_results').dropColumn('below_two_years').execute();
}
