import { expressionBuilder, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { integerParameter } from '../db/dialect';
import { academicYearLabel } from '../../domain/ks2/types';
import type { FileFormat } from '../../domain/import/header';
import type { Ks2Version } from '../../domain/import/version';
import { formatsSharingData, importReplaces, laterVersion, parseLaCodes } from '../../domain/import/overlap';
import { VALUE_COLUMNS } from './ks2-columns';
import { ROWS_PER_INSERT, type Ks2ResultStore } from './ks2-store';
import { REPLACEABLE, type ReplaceableTable } from './ks2-tables';
import { chunks, ImportRefused, type WriteContext } from './handler';
import { longDate } from '../../domain/format';

/*
 * Writing KS2 data, shared by every format that brings it (ks2final and the EES data sets): a
 * later file for the same year and LAs replaces the earlier one's rows, keeping them for rollback,
 * and may not bring an older version of them. All of it runs inside the import's one transaction.
 */

/** The table names vary, so the helpers below go through kysely without its table types. */
/* eslint-disable @typescript-eslint/no-explicit-any -- see above */
function untyped(ctx: WriteContext): Kysely<any> {
	return ctx.db as unknown as Kysely<any>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A row of dummy values with the given keys, so kysely compiles an INSERT with one parameter per column, in this order. */
export function placeholders(columns: readonly string[]): Record<string, number> {
	return Object.fromEntries(columns.map((c) => [c, 0]));
}

/**
 * Refuses (undoing the whole import) to replace a later version of any of the rows it writes: the
 * same year's results for the same LAs, or that year's England and LA figures, which every KS2
 * file for any LA brings.
 */
export async function refuseOlderVersion(ctx: WriteContext, format: FileFormat, year: number, version: Ks2Version, laCodes: Iterable<string>): Promise<void> {
	const live = await ctx.w.all(
		ctx.db
			.selectFrom('imports')
			.select(['id', 'format', 'version', 'la_codes', 'imported_at'])
			.where('format', 'in', formatsSharingData(format))
			.where('year', '=', year)
			.where('rolled_back_at', 'is', null)
			// The newest first: the refusal names the import whose results are live now, on either database.
			.orderBy('id', 'desc')
	);
	const coming = { format, year, laCodes: [...laCodes] };
	const later = laterVersion(
		live.map((r) => ({ ...r, format: r.format as FileFormat, year, laCodes: parseLaCodes(r.la_codes) })),
		version,
		coming
	);
	if (!later) return;
	const when = `import ${later.id}, ${longDate(later.imported_at)}`;
	const goBack = `If you mean to go back, roll back import ${later.id} first.`;
	throw new ImportRefused(
		importReplaces(later, coming)
			? `${academicYearLabel(year)} already has ${later.version} results (${when}). These ${version} results are older and cannot replace them. ${goBack}`
			: `${academicYearLabel(year)} already has ${later.version} England and LA figures (${when}, for other LAs' schools). These ${version} results would replace them with older ones. Import the ${later.version} file instead. ${goBack}`
	);
}

/** Schools with rows in `table` for `year` that a file of these schools and LAs replaces. */
export async function schoolsToReplace(
	ctx: WriteContext,
	table: 'ks2_results' | 'ks2_school_context',
	year: number,
	fileUrns: ReadonlySet<number>,
	laCodes: ReadonlySet<string>
): Promise<number[]> {
	const before = await ctx.w.all<{ urn: number; la_code: string | null }>(untyped(ctx).selectFrom(table).select(['urn', 'la_code']).where('year', '=', year));
	return before.filter((r) => fileUrns.has(r.urn) || (r.la_code !== null && laCodes.has(r.la_code))).map((r) => r.urn);
}

/** Moves these schools' rows for `year` into the table's `_replaced` twin, for rollback. */
export async function replaceSchools(
	ctx: WriteContext,
	table: 'ks2_results' | 'ks2_school_breakdowns' | 'ks2_school_context',
	year: number,
	urns: Iterable<number>
): Promise<void> {
	const k = untyped(ctx);
	// Most years have nothing to replace in most tables (no EES breakdowns under a ks2final year): one look saves a statement per 500 schools.
	if ((await ctx.w.all(k.selectFrom(table).select('year').where('year', '=', year).limit(1))).length === 0) return;
	const eb = expressionBuilder<any, any>(); // eslint-disable-line @typescript-eslint/no-explicit-any -- see untyped
	for (const group of chunks([...urns])) await moveToReplaced(ctx, table, eb.and([eb('year', '=', year), eb('urn', 'in', group)]));
}

/** Moves the rows of `table` that `where` picks into its `_replaced` twin, for rollback. */
async function moveToReplaced(ctx: WriteContext, table: ReplaceableTable, where: Expression<SqlBool>): Promise<void> {
	const k = untyped(ctx);
	const columns = REPLACEABLE[table];
	await ctx.w.run(
		k
			.insertInto(`${table}_replaced`)
			.columns(['replaced_by', ...columns])
			.expression(
				k
					.selectFrom(table)
					.select([integerParameter(ctx.importId).as('replaced_by'), ...columns])
					.where(where)
			)
	);
	await ctx.w.run(k.deleteFrom(table).where(where));
}

type KeyedTable = 'ks2_comparators' | 'ks2_area_breakdowns' | 'ks2_area_context';

/**
 * Writes rows by key: the rows already there under a new row's key go to the `_replaced` twin,
 * then the new rows go in. Each row binds the table's columns in REPLACEABLE order; the key
 * columns come first. When no two rows share a key (as in every file so far), that is a few
 * statements for 500 keys at a time and one bulk insert, instead of three statements a row: on
 * PostgreSQL each is a round trip to the server.
 */
export async function replaceByKey(ctx: WriteContext, table: KeyedTable, keyColumns: readonly string[], rows: readonly unknown[][]): Promise<void> {
	const n = keyColumns.length;
	if (new Set(rows.map((row) => JSON.stringify(row.slice(0, n)))).size < rows.length) return replaceRowByRow(ctx, table, keyColumns, rows);
	const keyRow = sql`(${sql.join(keyColumns.map((c) => sql.ref(c)))})`;
	for (const group of chunks(rows)) {
		await moveToReplaced(ctx, table, sql<SqlBool>`${keyRow} in (${sql.join(group.map((row) => sql`(${sql.join(row.slice(0, n))})`))})`);
	}
	await insertRows(ctx, table, rows);
}

/** replaceByKey for rows that share keys: each row in turn replaces whatever holds its key, even a row written just before. */
async function replaceRowByRow(ctx: WriteContext, table: KeyedTable, keyColumns: readonly string[], rows: readonly unknown[][]): Promise<void> {
	const k = untyped(ctx);
	const columns = REPLACEABLE[table];
	let before = k.selectFrom(table).select([integerParameter(0).as('replaced_by'), ...columns]);
	let remove = k.deleteFrom(table);
	for (const c of keyColumns) {
		before = before.where(c, '=', 0);
		remove = remove.where(c, '=', 0);
	}
	const keep = ctx.w.prepare(
		k
			.insertInto(`${table}_replaced`)
			.columns(['replaced_by', ...columns])
			.expression(before)
	);
	const removeKey = ctx.w.prepare(remove);
	const insert = ctx.w.prepare(k.insertInto(table).values(placeholders(columns)));
	for (const row of rows) {
		const key = row.slice(0, keyColumns.length);
		await keep([ctx.importId, ...key]);
		await removeKey(key);
		await insert(row);
	}
}

/** Inserts rows binding the table's columns in REPLACEABLE order, ROWS_PER_INSERT to a statement. */
export async function insertRows(ctx: WriteContext, table: ReplaceableTable, rows: Iterable<unknown[]>): Promise<void> {
	const k = untyped(ctx);
	const one = placeholders(REPLACEABLE[table]);
	let many: ((params: unknown[]) => Promise<number>) | null = null;
	let batch: unknown[][] = [];
	for (const row of rows) {
		batch.push(row);
		if (batch.length < ROWS_PER_INSERT) continue;
		many ??= ctx.w.prepare(k.insertInto(table).values(Array(ROWS_PER_INSERT).fill(one)));
		await many(batch.flat());
		batch = [];
	}
	if (batch.length === 0) return;
	const single = ctx.w.prepare(k.insertInto(table).values(one));
	for (const row of batch) await single(row);
}

/** How many of these schools the register does not hold. */
export async function notInRegister(ctx: WriteContext, urns: Iterable<number>): Promise<number> {
	const register = new Set((await ctx.w.all(ctx.db.selectFrom('schools').select('urn'))).map((r) => r.urn));
	let n = 0;
	for (const urn of urns) if (!register.has(urn)) n++;
	return n;
}

export function notInRegisterWarning(schools: number): string {
	return `${schools} schools in this file are not in the register. Their results are kept and will show once the register includes them.`;
}

export interface SchoolResultsWritten {
	/** Schools whose results for the year were there before: now replaced. */
	updated: number;
	added: number;
	notInRegister: number;
}

/**
 * One year's school results (ks2final or EES school performance): the rows of the same schools
 * and LAs already stored for the year, results and EES breakdowns alike, go to the `_replaced`
 * tables; then `results` and `breakdowns` (rows for ks2_school_breakdowns) go in.
 */
export async function writeSchoolResults(
	ctx: WriteContext,
	year: number,
	laCodes: ReadonlySet<string>,
	results: Ks2ResultStore,
	breakdowns: Iterable<unknown[]> = []
): Promise<SchoolResultsWritten> {
	const fileUrns = new Set(results.urns());
	const replaced = await schoolsToReplace(ctx, 'ks2_results', year, fileUrns, laCodes);
	await replaceSchools(ctx, 'ks2_results', year, replaced);
	await replaceSchools(ctx, 'ks2_school_breakdowns', year, new Set([...replaced, ...fileUrns]));
	const k = untyped(ctx);
	const withCodes = placeholders(REPLACEABLE.ks2_results);
	const valuesOnly = placeholders(['urn', 'year', 'la_code', 'record_type', 'import_id', ...VALUE_COLUMNS]);
	await results.insert(ctx.w, (n, codes) => k.insertInto('ks2_results').values(Array(n).fill(codes ? withCodes : valuesOnly)), year, ctx.importId);
	await insertRows(ctx, 'ks2_school_breakdowns', breakdowns);
	const updated = replaced.filter((u) => fileUrns.has(u)).length;
	return { updated, added: results.length - updated, notInRegister: await notInRegister(ctx, fileUrns) };
}

/** Figures bound value then code, in FIGURE_COLUMNS order, after the key columns. */
export function bindFigures(keys: unknown[], r: { values: readonly (number | null)[]; codes: readonly (string | null)[] }): unknown[] {
	for (let i = 0; i < r.values.length; i++) keys.push(r.values[i], r.codes[i]);
	return keys;
}
