import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Db } from '../db';
import { columnIndex, columnPositions } from '../../domain/import/header';
import { addProblem } from '../../domain/import/report';
import { OFSTED_TYPES, type OfstedType } from '../../domain/analysis/soft-intelligence';
import {
	inspectionKey,
	laCodeOf,
	MI_COLUMNS,
	miFillsIn,
	miLayoutProblem,
	miSourceLabel,
	parseMiUrn,
	readMiRow,
	type MiField,
	type MiInspection,
	type MiRow
} from '../../domain/ofsted/mi-file';
import { inspectionLabel } from '../../domain/ofsted/describe';
import {
	chunks,
	ImportRefused,
	requireColumns,
	type FormatHandler,
	type HandlerOptions,
	type HistoryFields,
	type WriteContext,
	type WriteCounts
} from './handler';
import { inLas, lasWords, limitWords, registerLimit } from '../../domain/las';
import { integerParameter } from '../db/dialect';

/** The soft_intelligence columns an MI import sets, in binding order. */
const INSERT_COLUMNS = [
	'urn',
	'type',
	'date',
	'details',
	'source',
	'grade',
	'areas_json',
	'safeguarding_met',
	'created_at',
	'judgements_json',
	'safeguarding_effective',
	'category_of_concern',
	'predecessor',
	'source_file',
	'outcome',
	'published_date',
	'import_id'
] as const;
/** Every column of a soft_intelligence entry, as soft_intelligence_replaced keeps it. */
const ENTRY_COLUMNS = [
	'id',
	'urn',
	'type',
	'date',
	'end_date',
	'details',
	'source',
	'grade',
	'areas_json',
	'safeguarding_met',
	'created_by',
	'created_at',
	'ended_by',
	'ended_at',
	'judgements_json',
	'safeguarding_effective',
	'category_of_concern',
	'predecessor',
	'source_file',
	'outcome',
	'published_date',
	'import_id',
	'corrected_by',
	'corrected_at'
] as const;
/** Placeholders for one row of a prepared insert, bound in INSERT_COLUMNS order. */
const NEW_ENTRY = Object.fromEntries(INSERT_COLUMNS.map((c) => [c, 0]));
/** Rows per insert statement: fewer statements to run, for an England-sized file (measured). */
const BATCH = 50;

/**
 * Ofsted's monthly management information into the soft-intelligence register. Each school's
 * latest report card, latest OEIF graded inspection and latest ungraded inspection become entries
 * of their own kind (source 'ofsted_mi'). Add only: an inspection already in the register (same
 * school, kind and inspection start date, recorded by anyone, corrected or withdrawn or not) is
 * left exactly as it is, so next month's file adds only what is new and an adviser's word stands.
 * The one exception is the grade-only record a GIAS rating made of the inspection (miFillsIn): the
 * MI row replaces it, and the record is kept in soft_intelligence_replaced for a rollback.
 */
export class OfstedMiHandler implements FormatHandler {
	private usable: boolean;
	/** Where each column is in the file (-1 when it is not there). */
	private readonly at: Record<MiField, number>;
	private readonly rows: MiRow[] = [];
	private readonly urnRow = new Map<number, number>();

	constructor(private readonly o: HandlerOptions) {
		this.usable = requireColumns(
			o,
			[MI_COLUMNS.urn],
			(column) => `the file has no ${column} column, which every row of Ofsted's management information has. Check it is the whole file, with its header row.`
		);
		this.at = columnPositions(o.header, MI_COLUMNS);
		// An older layout is refused once, for the whole file, rather than row by row.
		const layout = this.usable ? miLayoutProblem((column) => columnIndex(o.header, column) >= 0) : null;
		if (layout !== null) {
			addProblem(o.report, { row: 1, column: null, message: layout });
			this.usable = false;
		}
	}

	/** The column as the file names it, for messages. */
	private columnName(field: MiField): string {
		const i = this.at[field];
		return i >= 0 ? this.o.header.names[i] : MI_COLUMNS[field];
	}

	row(cells: string[], rowNumber: number): void {
		const { report, laScope } = this.o;
		report.rowsRead++;
		if (!this.usable) return;
		const at = this.at;
		const cell = (field: MiField) => {
			const i = at[field];
			return i >= 0 ? cells[i] : undefined;
		};
		const problem = (field: MiField, message: string) => addProblem(report, { row: rowNumber, column: this.columnName(field), message });
		const urn = parseMiUrn(cell('urn'));
		if (!urn.ok) return problem('urn', `${urn.message}.`);
		const first = this.urnRow.get(urn.value);
		if (first !== undefined) return problem('urn', `URN ${urn.value} appears twice (rows ${first} and ${rowNumber}). Each school can have only one row.`);
		this.urnRow.set(urn.value, rowNumber);
		// As the GIAS importer does: a school outside the LA is left out before the rest of its row is read.
		const laCode = laCodeOf(cell('laestab'));
		if (laCode !== null && !inLas(laScope, laCode)) {
			report.rowsOutsideLa++;
			return;
		}
		const read = readMiRow(cell);
		if (!read.ok) {
			for (const p of read.problems) problem(p.field, `${p.message}.`);
			return;
		}
		const { row } = read;
		if (row.inspections.length > 0) this.rows.push(row);
	}

	finish(): void {
		const { report, laScope } = this.o;
		if (!this.usable || report.problems.length > 0) return;
		if (this.urnRow.size === 0) addProblem(report, { row: null, column: null, message: 'The file has no rows of schools.' });
		else if (report.rowsOutsideLa === this.urnRow.size) {
			addProblem(report, { row: null, column: null, message: `None of the schools in this file are in ${registerLimit(laScope)}.` });
		}
		if (laScope.length > 0 && report.rowsOutsideLa > 0) {
			const n = report.rowsOutsideLa;
			report.warnings.push(
				`${n} ${n === 1 ? 'school is' : 'schools are'} outside ${lasWords(laScope)} and ${n === 1 ? 'was' : 'were'} left out (${limitWords(laScope)}).`
			);
		}
	}

	history(): HistoryFields[] {
		return [{ year: null, version: null, laCodes: null }];
	}

	async write({ db, w, importId, now }: WriteContext): Promise<WriteCounts> {
		const { report, laScope, fileName } = this.o;
		const register = new Map((await w.all(db.selectFrom('schools').select(['urn', 'la_code']))).map((s) => [s.urn, s.la_code]));
		// Inspections already recorded: an MI row leaves one alone, or fills in a GIAS rating's grade-only record of it (miFillsIn).
		const recorded = new Set<string>();
		const fromGias = new Map<string, number[]>();
		const existing = await w.all(
			db.selectFrom('soft_intelligence').select(['id', 'urn', 'type', 'date', 'source', 'corrected_at', 'end_date']).where('type', 'in', OFSTED_TYPES)
		);
		for (const e of existing) {
			const key = inspectionKey(e.urn, e.type as OfstedType, e.date);
			if (miFillsIn({ source: e.source, corrected: e.corrected_at !== null, withdrawn: e.end_date !== null }))
				fromGias.set(key, [...(fromGias.get(key) ?? []), e.id]);
			else recorded.add(key);
		}
		const sourceFile = miSourceLabel(fileName);
		const values: unknown[] = [];
		const replaced: number[] = [];
		let already = 0;
		let filledIn = 0;
		let notInRegister = 0;
		for (const row of this.rows) {
			const laCode = register.get(row.urn);
			if (laCode === undefined) {
				notInRegister++;
				continue;
			}
			// A row without LAESTAB is placed by the register's own LA for the school.
			if (row.laCode === null && !inLas(laScope, laCode)) {
				report.rowsOutsideLa++;
				continue;
			}
			for (const i of row.inspections) {
				const key = inspectionKey(row.urn, i.type, i.date);
				if (recorded.has(key)) {
					already++;
					continue;
				}
				const gias = fromGias.get(key);
				if (gias) {
					replaced.push(...gias);
					filledIn++;
				}
				recorded.add(key);
				values.push(...entryValues(row.urn, i, now, sourceFile, importId));
			}
		}
		// Nothing to record because none of its schools is known: refuse, or the same file could never be imported again once they are.
		if (notInRegister > 0 && notInRegister === this.rows.length) {
			throw new ImportRefused(
				`None of the schools in this file are in the register, so there is nothing to record. Import the GIAS establishment file first, then this file.`
			);
		}
		// The GIAS records filled in go to soft_intelligence_replaced, as they were, for a rollback to bring back.
		for (const ids of chunks(replaced)) {
			await w.run(
				db
					.insertInto('soft_intelligence_replaced')
					.columns(['replaced_by', ...ENTRY_COLUMNS])
					.expression(
						db
							.selectFrom('soft_intelligence')
							.select([integerParameter(importId).as('replaced_by'), ...ENTRY_COLUMNS])
							.where('id', 'in', ids)
					)
			);
			await w.run(db.deleteFrom('soft_intelligence').where('id', 'in', ids));
		}
		const perRow = INSERT_COLUMNS.length;
		const added = values.length / perRow;
		const many = w.prepare(db.insertInto('soft_intelligence').values(Array(BATCH).fill(NEW_ENTRY)));
		const one = w.prepare(db.insertInto('soft_intelligence').values(NEW_ENTRY as never));
		let at = 0;
		for (; at + BATCH * perRow <= values.length; at += BATCH * perRow) await many(values.slice(at, at + BATCH * perRow));
		for (; at < values.length; at += perRow) await one(values.slice(at, at + perRow));
		report.schoolsNotInRegister = notInRegister;
		report.inspectionsStored = added;
		if (notInRegister > 0) {
			report.warnings.push(
				`${notInRegister} ${notInRegister === 1 ? 'school in the file is' : 'schools in the file are'} not in the register, so ${notInRegister === 1 ? 'its inspections were' : 'their inspections were'} not recorded. Import the GIAS establishment file first if ${notInRegister === 1 ? 'it should be' : 'they should be'} there.`
			);
		}
		if (filledIn > 0) {
			report.warnings.push(
				`${filledIn} ${filledIn === 1 ? 'inspection' : 'inspections'} recorded from the GIAS register with a grade only ${filledIn === 1 ? 'was' : 'were'} filled in from this file, with ${filledIn === 1 ? 'its' : 'their'} sub-judgements and safeguarding. Rolling this import back brings back the GIAS ${filledIn === 1 ? 'record' : 'records'} as ${filledIn === 1 ? 'it was' : 'they were'}.`
			);
		}
		if (already > 0) {
			report.warnings.push(
				`${already} ${already === 1 ? 'inspection was' : 'inspections were'} already in the register (the same school, kind and inspection date) and ${already === 1 ? 'was' : 'were'} left as ${already === 1 ? 'it was' : 'they were'}.`
			);
		}
		return { schoolsAdded: 0, schoolsUpdated: 0, recordsStored: added };
	}
}

/** One entry's values, in INSERT_COLUMNS order. */
function entryValues(urn: number, i: MiInspection, now: string, sourceFile: string, importId: number): unknown[] {
	return [
		urn,
		i.type,
		i.date,
		'',
		'ofsted_mi',
		i.type === 'ofsted_legacy' ? i.grade : null,
		i.type === 'ofsted_report_card' ? JSON.stringify(i.areas) : null,
		i.type === 'ofsted_report_card' ? (i.safeguardingMet ? 1 : 0) : null,
		now,
		i.type === 'ofsted_legacy' ? JSON.stringify(i.judgements) : null,
		i.type === 'ofsted_legacy' && i.safeguardingEffective !== null ? (i.safeguardingEffective ? 1 : 0) : null,
		i.categoryOfConcern,
		i.predecessor ? 1 : 0,
		sourceFile,
		i.type === 'ofsted_ungraded' ? i.outcome : null,
		i.publishedDate,
		importId
	];
}

/**
 * Why an MI import cannot be rolled back, or null when it can: an adviser has since corrected or
 * withdrawn an inspection it added, and rolling back would lose what they did.
 */
export async function ofstedMiRollbackRefusal(db: Db | Transaction<Database>, importId: number): Promise<string | null> {
	const touched = await db
		.selectFrom('soft_intelligence as s')
		.innerJoin('schools as sc', 'sc.urn', 's.urn')
		.select(['s.type', 's.date', 'sc.name'])
		.where('s.import_id', '=', importId)
		.where((eb) => eb.or([eb('s.corrected_at', 'is not', null), eb('s.ended_by', 'is not', null)]))
		.orderBy('sc.name')
		.orderBy('s.date')
		.execute();
	if (touched.length === 0) return null;
	const named = touched.slice(0, 3).map((t) => `${t.name}, ${inspectionLabel(t.type as OfstedType, t.date)}`);
	const more = touched.length > 3 ? ` and ${touched.length - 3} more` : '';
	const n = touched.length;
	return `Import ${importId} was not rolled back: an adviser has since corrected or withdrawn ${n === 1 ? 'an inspection' : `${n} inspections`} it added (${named.join('; ')}${more}). Rolling it back would lose their ${n === 1 ? 'change' : 'changes'}. Leave the import in place.`;
}

/**
 * Undoes one MI import inside the rollback's transaction: the entries it added go, and the GIAS
 * records it filled in come back.
 * The caller checks `ofstedMiRollbackRefusal` first; this checks again, in the transaction.
 */
export async function rollbackOfstedMi(trx: Transaction<Database>, importId: number): Promise<void> {
	const refusal = await ofstedMiRollbackRefusal(trx, importId);
	if (refusal) throw new Error(refusal);
	await trx.deleteFrom('soft_intelligence').where('import_id', '=', importId).execute();
	// The GIAS records it filled in come back as they were, id and all.
	await trx
		.insertInto('soft_intelligence')
		.columns([...ENTRY_COLUMNS])
		.expression(
			trx
				.selectFrom('soft_intelligence_replaced')
				.select([...ENTRY_COLUMNS])
				.where('replaced_by', '=', integerParameter(importId))
		)
		.execute();
	await trx.deleteFrom('soft_intelligence_replaced').where('replaced_by', '=', importId).execute();
}
