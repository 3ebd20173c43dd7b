import { sql } from 'kysely';
import { academicYearLabel, type ComparatorKind } from '../../domain/ks2/types';
import { KS2_FIELD_SPECS, KS2_REQUIRED_COLUMNS } from '../../domain/import/ks2-fields';
import { Ks2RowReader, type Ks2Row } from '../../domain/import/ks2-rows';
import { settleYear, yearFromColumns, yearFromFileName, yearFromNationalRow } from '../../domain/import/ks2-year';
import { versionFromFileName, versionRank, type Ks2Version } from '../../domain/import/version';
import { addProblem } from '../../domain/import/report';
import { FIGURE_COLUMNS, VALUE_COLUMNS } from './ks2-columns';
import { Ks2ResultStore } from './ks2-store';
import { chunks, ImportRefused, requireColumns, type FormatHandler, type HandlerOptions, type HistoryFields, type WriteContext, type WriteCounts } from './handler';

const COMPARATOR_KIND: Record<3 | 4 | 5, ComparatorKind> = { 3: 'la', 4: 'england_all', 5: 'england_state' };
const RESULT_KEYS = ['urn', 'year', 'la_code', 'record_type', 'import_id'] as const;
const COMPARATOR_KEYS = ['year', 'kind', 'area', 'import_id'] as const;
const PROGRESS_SLOT = KS2_FIELD_SPECS.findIndex((s) => s.field === 'readProgress');
const RWM_EXPECTED_SLOT = KS2_FIELD_SPECS.findIndex((s) => s.field === 'rwmExpected');

/**
 * A KS2 school-level file: school rows become ks2_results, RECTYPE 3-5 rows ks2_comparators.
 * School rows are kept compact (Ks2ResultStore) and comparator rows as the parameter list their
 * INSERT will bind, so nothing else per row survives the parse.
 */
export class Ks2Handler implements FormatHandler {
	private readonly reader: Ks2RowReader;
	/** Every row is read into this one, then copied into the store or a comparator's parameters. */
	private readonly scratch: Ks2Row = {
		recordType: 1, urn: null, laCode: null,
		values: new Array<number | null>(KS2_FIELD_SPECS.length).fill(null),
		codes: new Array<string | null>(KS2_FIELD_SPECS.length).fill(null)
	};
	private readonly usable: boolean;
	private readonly results = new Ks2ResultStore();
	private readonly comparators: unknown[][] = [];
	private readonly urnRow = new Map<number, number>();
	private readonly comparatorRow = new Map<string, number>();
	private readonly laCodes = new Set<string>();
	private nationalRwm: { rectype: number; value: number | null } | null = null;
	private progressValues = 0;
	private year: number | null = null;
	private version: Ks2Version = 'final';

	constructor(private readonly o: HandlerOptions) {
		this.reader = new Ks2RowReader(o.header);
		this.usable = requireColumns(o, KS2_REQUIRED_COLUMNS, (column) => `the file has no ${column} column, which every KS2 performance table has. Is this the school-level ks2final file?`);
	}

	row(cells: string[], rowNumber: number): void {
		const report = this.o.report;
		report.rowsRead++;
		if (!this.usable) return;
		const r = this.reader.read(cells, rowNumber, report, this.scratch);
		if (!r) return;
		if (r.recordType <= 2) {
			const first = this.urnRow.get(r.urn!);
			if (first !== undefined) {
				addProblem(report, { row: rowNumber, column: 'URN', message: `URN ${r.urn} appears twice (rows ${first} and ${rowNumber}). Each school can have only one row.` });
				return;
			}
			this.urnRow.set(r.urn!, rowNumber);
			if (this.o.laScope !== null && r.laCode !== this.o.laScope) {
				report.rowsOutsideLa++;
				return;
			}
			this.laCodes.add(r.laCode!);
			if (r.values[PROGRESS_SLOT] !== null) this.progressValues++;
			this.results.add(r.urn!, r.laCode, r.recordType, r);
			return;
		}
		const kind = COMPARATOR_KIND[r.recordType as 3 | 4 | 5];
		const area = r.laCode ?? 'england';
		const key = `${kind}:${area}`;
		const first = this.comparatorRow.get(key);
		if (first !== undefined) {
			addProblem(report, { row: rowNumber, column: 'RECTYPE', message: `there are two ${kind === 'la' ? `rows for LA ${area}` : 'England rows of this type'} (rows ${first} and ${rowNumber}).` });
			return;
		}
		this.comparatorRow.set(key, rowNumber);
		if (r.recordType !== 3 && (this.nationalRwm === null || r.recordType === 5)) {
			this.nationalRwm = { rectype: r.recordType, value: r.values[RWM_EXPECTED_SLOT] };
		}
		this.comparators.push(bindRow([null, kind, area, null], r));
	}

	finish(): void {
		const { report, header, fileName } = this.o;
		if (!this.usable) return;
		const decision = settleYear(
			this.o.year,
			yearFromColumns(header.names),
			yearFromNationalRow(this.nationalRwm?.value ?? null),
			yearFromFileName(fileName)
		);
		if (!decision.ok) addProblem(report, { row: null, column: null, message: decision.problem });
		else {
			this.year = decision.year;
			report.year = decision.year;
			if (decision.warning) report.warnings.push(decision.warning);
		}
		const named = versionFromFileName(fileName);
		this.version = this.o.version ?? named ?? 'final';
		report.version = this.version;
		if (!this.o.version && !named) report.warnings.push('The file name does not say whether these are provisional, revised or final results, so they were recorded as final.');
		if (this.results.length === 0 && this.comparators.length === 0 && report.problems.length === 0) {
			addProblem(report, { row: null, column: null, message: report.rowsOutsideLa > 0 ? `None of the schools in this file are in LA ${this.o.laScope}, the LA the register is limited to.` : 'The file has no rows of results.' });
		}
		if (this.results.length > 0 && this.progressValues === 0) {
			report.warnings.push(`There are no progress scores in this file${this.year ? ` (none were published for ${academicYearLabel(this.year)})` : ''}. The analysis will use attainment alone for this year.`);
		}
		if (this.reader.absentColumns.length > 0) {
			report.warnings.push(`The file has no ${this.reader.absentColumns.join(', ')} column${this.reader.absentColumns.length === 1 ? '' : 's'}; those figures are stored as not available.`);
		}
		report.warnings.push(...this.reader.warnings());
		if (this.o.laScope !== null && report.rowsOutsideLa > 0) {
			report.warnings.push(`${report.rowsOutsideLa} school rows are outside LA ${this.o.laScope} and were left out (the LA setting limits the register to that LA).`);
		}
	}

	history(): HistoryFields[] {
		return [{ year: this.year, version: this.version, laCodes: [...this.laCodes].sort().join(',') || null }];
	}

	write({ db, w, importId }: WriteContext): WriteCounts {
		const year = this.year!;
		this.refuseOlderVersion(w.all(
			db.selectFrom('imports').select(['id', 'version', 'la_codes', 'imported_at'])
				.where('format', '=', 'ks2').where('year', '=', year).where('rolled_back_at', 'is', null)
		));

		// A later file for the same year and LAs replaces the earlier one's rows: keep those for rollback.
		const fileUrns = new Set(this.results.urns());
		const before = w.all(db.selectFrom('ks2_results').select(['urn', 'la_code']).where('year', '=', year));
		const replaced = before.filter((r) => fileUrns.has(r.urn) || (r.la_code !== null && this.laCodes.has(r.la_code))).map((r) => r.urn);
		const resultColumns = [...RESULT_KEYS, ...FIGURE_COLUMNS] as const;
		for (const urns of chunks(replaced)) {
			w.run(db.insertInto('ks2_results_replaced').columns(['replaced_by', ...resultColumns])
				.expression(db.selectFrom('ks2_results').select([sql<number>`${importId}`.as('replaced_by'), ...resultColumns]).where('year', '=', year).where('urn', 'in', urns)));
			w.run(db.deleteFrom('ks2_results').where('year', '=', year).where('urn', 'in', urns));
		}
		const withCodes = placeholders(resultColumns);
		const valuesOnly = placeholders([...RESULT_KEYS, ...VALUE_COLUMNS]);
		this.results.insert(w, (n, codes) => db.insertInto('ks2_results').values(Array(n).fill(codes ? withCodes : valuesOnly)), year, importId);

		const comparatorColumns = [...COMPARATOR_KEYS, ...FIGURE_COLUMNS] as const;
		const keep = w.prepare(db.insertInto('ks2_comparators_replaced').columns(['replaced_by', ...comparatorColumns])
			.expression(db.selectFrom('ks2_comparators').select([sql<number>`${0}`.as('replaced_by'), ...comparatorColumns])
				.where('year', '=', 0).where('kind', '=', 'la').where('area', '=', '')));
		const remove = w.prepare(db.deleteFrom('ks2_comparators').where('year', '=', 0).where('kind', '=', 'la').where('area', '=', ''));
		const insertComparator = w.prepare(db.insertInto('ks2_comparators').values(placeholders(comparatorColumns) as never));
		for (const p of this.comparators) {
			keep([importId, year, p[1], p[2]]);
			remove([year, p[1], p[2]]);
			p[0] = year;
			p[3] = importId;
			insertComparator(p);
		}

		const register = new Set(w.all(db.selectFrom('schools').select('urn')).map((r) => r.urn));
		const report = this.o.report;
		report.schoolsNotInRegister = [...fileUrns].filter((u) => !register.has(u)).length;
		report.resultsStored = this.results.length;
		report.comparatorsStored = this.comparators.length;
		if (report.schoolsNotInRegister > 0) {
			report.warnings.push(`${report.schoolsNotInRegister} schools in this file are not in the register. Their results are kept and will show once the register includes them.`);
		}
		const updated = replaced.filter((u) => fileUrns.has(u)).length;
		report.schoolsUpdated = updated;
		report.schoolsAdded = this.results.length - updated;
		return { schoolsAdded: report.schoolsAdded, schoolsUpdated: updated, recordsStored: this.results.length + this.comparators.length };
	}

	/** A provisional file must not replace revised or final results already imported for the same LAs. */
	private refuseOlderVersion(live: { id: number; version: Ks2Version | null; la_codes: string | null; imported_at: string }[]): void {
		for (const imp of live) {
			if (!imp.version || versionRank(imp.version) <= versionRank(this.version)) continue;
			const theirs = new Set((imp.la_codes ?? '').split(',').filter(Boolean));
			const overlap = this.laCodes.size === 0 || [...this.laCodes].some((la) => theirs.has(la));
			if (!overlap) continue;
			throw new ImportRefused(
				`${academicYearLabel(this.year!)} already has ${imp.version} results (import ${imp.id}, ${imp.imported_at.slice(0, 10)}). These ${this.version} results are older and cannot replace them. If you mean to go back, roll back import ${imp.id} first.`
			);
		}
	}
}

/** Appends the figures to the key columns, value then code, in FIGURE_COLUMNS order. */
function bindRow(keys: unknown[], r: { values: (number | null)[]; codes: (string | null)[] }): unknown[] {
	for (let i = 0; i < r.values.length; i++) keys.push(r.values[i], r.codes[i]);
	return keys;
}

/** A row of dummy values with the given keys, so kysely compiles an INSERT with one parameter per column, in this order. */
export function placeholders(columns: readonly string[]): Record<string, number> {
	return Object.fromEntries(columns.map((c) => [c, 0]));
}
