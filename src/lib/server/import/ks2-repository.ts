import type { Db } from '../db';
import type { Ks2ContextColumn, Ks2ContextFigures, Ks2FigureCodes, Ks2FigureColumn, Ks2FigureValues } from '../db/schema/imports';
import type { Ks2Comparator, Ks2Field, Ks2Figures, Ks2SchoolYear } from '../../domain/ks2/types';
import { KS2_FIELD_SPECS } from '../../domain/import/ks2-fields';
import { EES_INFORMATION_FIELDS } from '../../domain/import/ees-layout';
import { CONTEXT_COLUMNS } from './ks2-tables';
import { codeColumn, KS2_COLUMN_OF } from './ks2-columns';
import { chunks } from './handler';

type FigureRow = Ks2FigureValues & Ks2FigureCodes;

const ALL_FIELDS: readonly Ks2Field[] = KS2_FIELD_SPECS.map((s) => s.field);

/** Each field with its value and code columns, worked out once for each list of fields asked for. */
type FieldColumns = readonly (readonly [Ks2Field, Ks2FigureColumn, keyof Ks2FigureCodes])[];
const COLUMNS_OF = new WeakMap<readonly Ks2Field[], FieldColumns>();
function columnsOf(fields: readonly Ks2Field[]): FieldColumns {
	let found = COLUMNS_OF.get(fields);
	if (!found) {
		found = fields.map((field) => [field, KS2_COLUMN_OF[field], codeColumn(KS2_COLUMN_OF[field])] as const);
		COLUMNS_OF.set(fields, found);
	}
	return found;
}

/**
 * Stored columns back to the domain shape, on `into` (which already holds the row's other
 * properties): a number or null, and the code kept where one was published. Filling one object,
 * not spreading one into another, keeps this cheap for hundreds of schools a view.
 */
function toFigures<T extends object>(
	into: T,
	row: FigureRow,
	fields: readonly Ks2Field[] = ALL_FIELDS
): { figures: T & Ks2Figures; codes: Partial<Record<Ks2Field, string>> } {
	const figures = into as T & Ks2Figures;
	const codes: Partial<Record<Ks2Field, string>> = {};
	for (const [field, column, codeColumn] of columnsOf(fields)) {
		figures[field] = row[column];
		const code = row[codeColumn];
		if (code !== null) codes[field] = code;
	}
	return { figures, codes };
}

export interface Ks2Selection {
	/** Only these schools; all schools when left out. */
	urns?: readonly number[];
	/** The latest summer to include (2019 = 2018/19); every year when left out. */
	upToYear?: number;
	/** The earliest summer to include. */
	fromYear?: number;
	/**
	 * Only these figures of each school's results (and their codes) are read and filled in; the
	 * others are left out. Reading a school's 70-odd columns costs far more than using a few, so
	 * a page that shows two figures for every school asks for those.
	 */
	fields?: readonly Ks2Field[];
}

export interface Ks2ForAnalysis {
	results: Ks2SchoolYear[];
	/** LA and England rows for the same years. */
	comparators: Ks2Comparator[];
}

/**
 * KS2 results and comparators as the analysis engine wants them, oldest year first.
 * Only live data is here: rolled-back imports have already been undone.
 */
export async function loadKs2ForAnalysis(db: Db, selection: Ks2Selection = {}): Promise<Ks2ForAnalysis> {
	const { urns, upToYear, fromYear, fields } = selection;
	const columns = fields?.flatMap((f) => [KS2_COLUMN_OF[f], codeColumn(KS2_COLUMN_OF[f])]);
	// Every year when not limited: these bounds leave nothing out.
	const [from, to] = [fromYear ?? 0, upToYear ?? 9999];
	const bySchool = async <T>(query: (group: readonly number[] | null) => Promise<T[]>): Promise<T[]> =>
		urns === undefined ? query(null) : (await Promise.all(chunks(urns).map((group) => query(group)))).flat();
	const [rows, contexts] = await Promise.all([
		bySchool((group) => {
			const base = db.selectFrom('ks2_results');
			// With `fields`, the cohort is read too: without it a row's context comes from elsewhere (withoutCohort).
			const q = (columns ? base.select(['urn', 'year', 'record_type', 'cohort', 'cohort_code', ...columns]) : base.selectAll())
				.where('year', '>=', from)
				.where('year', '<=', to);
			return (group ? q.where('urn', 'in', group) : q).execute() as Promise<(FigureRow & { urn: number; year: number; record_type: number | null })[]>;
		}),
		bySchool((group) => {
			const q = db
				.selectFrom('ks2_school_context')
				.select(['urn', 'year', 'record_type', ...CONTEXT_COLUMNS])
				.where('year', '>=', from)
				.where('year', '<=', to);
			return (group ? q.where('urn', 'in', group) : q).execute();
		})
	]);
	const contextOf = new Map(contexts.map((c) => [`${c.urn}:${c.year}`, c]));
	rows.sort((a, b) => a.year - b.year || a.urn - b.urn);
	const results: Ks2SchoolYear[] = rows.map((r) => {
		const recordType: 1 | 2 = r.record_type === 2 ? 2 : 1;
		const { figures, codes } = toFigures({ urn: r.urn, year: r.year, recordType }, r, fields);
		const context = withoutCohort(r) ? contextOf.get(`${r.urn}:${r.year}`) : undefined;
		if (context) {
			mergeContext(figures, codes, r, context, fields);
			if (context.record_type === 2) figures.recordType = 2;
		}
		return Object.assign(figures, { codes });
	});

	const [comparatorRows, areaContexts] = await Promise.all([
		db.selectFrom('ks2_comparators').selectAll().where('year', '>=', from).where('year', '<=', to).orderBy('year').orderBy('kind').orderBy('area').execute(),
		db
			.selectFrom('ks2_area_context')
			.select(['year', 'kind', 'area', ...CONTEXT_COLUMNS])
			.where('year', '>=', from)
			.where('year', '<=', to)
			.execute()
	]);
	const areaContextOf = new Map(areaContexts.map((c) => [`${c.year}:${c.kind}:${c.area}`, c]));
	const comparators: Ks2Comparator[] = comparatorRows.map((r) => {
		const { figures } = toFigures({ year: r.year, kind: r.kind, laCode: r.kind === 'la' ? r.area : null }, r);
		const context = withoutCohort(r) ? areaContextOf.get(`${r.year}:${r.kind}:${r.area}`) : undefined;
		if (context) mergeContext(figures, {}, r, context);
		return figures;
	});
	return { results, comparators };
}

/** A row from a file with no cohort column (an EES performance data set): its context comes from the information data sets. */
function withoutCohort(row: Ks2FigureValues & Ks2FigureCodes): boolean {
	return row.cohort === null && row.cohort_code === null;
}

/** The context fields and their columns, as the information data sets give them. */
const CONTEXT_FIELDS = EES_INFORMATION_FIELDS.map((f) => ({ field: f.field, column: KS2_COLUMN_OF[f.field] as Ks2ContextColumn }));

/** Fills each context field the row has no column for (value and code null) from the context row. */
function mergeContext(
	figures: Ks2Figures,
	codes: Partial<Record<Ks2Field, string>>,
	row: FigureRow,
	context: Ks2ContextFigures,
	fields?: readonly Ks2Field[]
): void {
	for (const { field, column } of CONTEXT_FIELDS) {
		if (fields && !fields.includes(field)) continue;
		if (row[column] !== null || row[codeColumn(column)] !== null) continue;
		figures[field] = context[column];
		const code = context[codeColumn(column) as `${Ks2ContextColumn}_code`];
		if (code !== null) codes[field] = code;
	}
}

/** The latest summer with any school's KS2 results, or null before the first import. */
export async function latestKs2Year(db: Db): Promise<number | null> {
	const row = await db
		.selectFrom('ks2_results')
		.select((eb) => eb.fn.max('year').as('year'))
		.executeTakeFirst();
	return row?.year ?? null;
}

export interface SchoolLink {
	urn: number;
	linkUrn: number;
	/** As GIAS writes it: "Predecessor", "Successor - merged", ... */
	linkType: string;
	linkName: string | null;
	linkDate: string | null;
}

/** GIAS links for these schools: a converted academy's predecessor URN carries its earlier results. */
export async function schoolLinks(db: Db, urns: readonly number[]): Promise<SchoolLink[]> {
	const rows = (await Promise.all(chunks(urns).map((group) => db.selectFrom('school_links').selectAll().where('urn', 'in', group).execute()))).flat();
	return rows.map((r) => ({ urn: r.urn, linkUrn: r.link_urn, linkType: r.link_type, linkName: r.link_name, linkDate: r.link_date }));
}

/**
 * Whether England's figure the analysis compares each school with is stored for a year (see
 * englandFigure in domain/analysis/years.ts: an England row, state-funded or all schools, with
 * RWM expected): one row, or none. A query, so an import can run it inside its own transaction.
 */
export function englandFigureQuery(db: Db, year: number) {
	return db
		.selectFrom('ks2_comparators')
		.select('year')
		.where('year', '=', year)
		.where('kind', 'in', ['england_state', 'england_all'])
		.where('rwm_expected', 'is not', null)
		.limit(1);
}

/** Whether the year has England figures to compare schools with (englandFigureQuery). */
export async function hasEnglandFigures(db: Db, year: number): Promise<boolean> {
	return (await englandFigureQuery(db, year).execute()).length > 0;
}
