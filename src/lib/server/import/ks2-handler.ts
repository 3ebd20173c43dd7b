// Changes here are on the import's hot path: check them with `npm run bench:import`.
import { academicYearLabel, type ComparatorKind } from '../../domain/ks2/types';
import { KS2_FIELD_SPECS, KS2_REQUIRED_COLUMNS } from '../../domain/import/ks2-fields';
import { Ks2RowReader, type Ks2Row } from '../../domain/import/ks2-rows';
import { settleYear, yearFromColumns, yearFromFileName, yearFromNationalRow } from '../../domain/import/ks2-year';
import { versionFromFileName, type Ks2Version } from '../../domain/import/version';
import { addProblem } from '../../domain/import/report';
import { columnIndex } from '../../domain/import/header';
import { Ks2ResultStore } from './ks2-store';
import { bindFigures, notInRegisterWarning, refuseOlderVersion, replaceByKey, writeSchoolResults } from './ks2-write';
import { englandFigureQuery } from './ks2-repository';
import { noEnglandFiguresWarning } from '../../domain/import/england-figures';
import { requireColumns, type FormatHandler, type HandlerOptions, type HistoryFields, type WriteContext, type WriteCounts } from './handler';
import { inLas, lasWords, limitWords, registerLimit } from '../../domain/las';

const COMPARATOR_KIND: Record<3 | 4 | 5, ComparatorKind> = { 3: 'la', 4: 'england_all', 5: 'england_state' };
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
		recordType: 1,
		urn: null,
		laCode: null,
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
	/** The last row read and its number, and how many values each row before it had: to tell a file cut short (see finish). */
	private lastRow: string[] | null = null;
	private lastRowNumber = 0;
	private readonly widths = new Set<number>();

	constructor(private readonly o: HandlerOptions) {
		this.reader = new Ks2RowReader(o.header);
		this.usable = requireColumns(
			o,
			KS2_REQUIRED_COLUMNS,
			(column) => `the file has no ${column} column, which every KS2 performance table has. Is this the school-level ks2final file?`
		);
	}

	row(cells: string[], rowNumber: number): void {
		const report = this.o.report;
		report.rowsRead++;
		if (!this.usable) return;
		if (this.lastRow) this.widths.add(this.lastRow.length);
		this.lastRow = cells;
		this.lastRowNumber = rowNumber;
		const r = this.reader.read(cells, rowNumber, report, this.scratch);
		if (!r) return;
		if (r.recordType <= 2) {
			const first = this.urnRow.get(r.urn!);
			if (first !== undefined) {
				addProblem(report, {
					row: rowNumber,
					column: 'URN',
					message: `URN ${r.urn} appears twice (rows ${first} and ${rowNumber}). Each school can have only one row.`
				});
				return;
			}
			this.urnRow.set(r.urn!, rowNumber);
			if (!inLas(this.o.laScope, r.laCode)) {
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
			addProblem(report, {
				row: rowNumber,
				column: 'RECTYPE',
				message: `there are two ${kind === 'la' ? `rows for LA ${area}` : 'England rows of this type'} (rows ${first} and ${rowNumber}).`
			});
			return;
		}
		this.comparatorRow.set(key, rowNumber);
		if (r.recordType !== 3 && (this.nationalRwm === null || r.recordType === 5)) {
			this.nationalRwm = { rectype: r.recordType, value: r.values[RWM_EXPECTED_SLOT] };
		}
		this.comparators.push(bindFigures([null, kind, area, null], r));
	}

	finish(): void {
		const { report, header, fileName } = this.o;
		if (!this.usable) return;
		this.checkLastRow();
		const decision = settleYear(this.o.year, yearFromColumns(header.names), yearFromNationalRow(this.nationalRwm?.value ?? null), yearFromFileName(fileName));
		if (!decision.ok) addProblem(report, { row: null, column: null, message: decision.problem });
		else {
			this.year = decision.year;
			report.year = decision.year;
			if (decision.warning) report.warnings.push(decision.warning);
		}
		const named = versionFromFileName(fileName);
		this.version = this.o.version ?? named ?? 'final';
		report.version = this.version;
		if (!this.o.version && !named)
			report.warnings.push('The file name does not say whether these are provisional, revised or final results, so they were recorded as final.');
		if (this.results.length === 0 && this.comparators.length === 0 && report.problems.length === 0) {
			addProblem(report, {
				row: null,
				column: null,
				message: report.rowsOutsideLa > 0 ? `None of the schools in this file are in ${registerLimit(this.o.laScope)}.` : 'The file has no rows of results.'
			});
		}
		if (this.results.length > 0 && this.progressValues === 0) {
			report.warnings.push(
				`There are no progress scores in this file${this.year ? ` (none were published for ${academicYearLabel(this.year)})` : ''}. The analysis will use attainment alone for this year.`
			);
		}
		if (this.reader.absentColumns.length > 0) {
			report.warnings.push(
				`The file has no ${this.reader.absentColumns.join(', ')} column${this.reader.absentColumns.length === 1 ? '' : 's'}; those figures are stored as not available.`
			);
		}
		if (this.o.laScope.length > 0 && report.rowsOutsideLa > 0) {
			report.warnings.push(`${report.rowsOutsideLa} school rows are outside ${lasWords(this.o.laScope)} and were left out (${limitWords(this.o.laScope)}).`);
		}
	}

	/**
	 * A file cut short ends in a row cut off part-way. Real rows can be short too, but only where
	 * DfE stops them: a NEW school's row at TOTPUPS, a school with no pupils at the end of KS2 at
	 * TPUPYEAR, and rows whose trailing fields are all empty, which stop at the end of a block of
	 * columns, as other rows of their kind do (in the real files every short row's length is shared
	 * by another row, or is one of those two). A last row that stops anywhere else is refused.
	 */
	private checkLastRow(): void {
		const row = this.lastRow;
		const { header, report } = this.o;
		const width = header.names.length;
		if (!row || row.length >= width || this.widths.has(row.length)) return;
		// Reading stopped before the end of the file (a damaged byte, a value too long): this row is not its last.
		if (report.problems.some((p) => p.row === null || p.row > this.lastRowNumber)) return;
		const stops = [columnIndex(header, 'TOTPUPS'), columnIndex(header, 'TPUPYEAR')];
		if (stops.some((at) => at >= 0 && row.length === at + 1)) return;
		addProblem(report, {
			row: this.lastRowNumber,
			column: header.names[row.length - 1] || null,
			message: `the file's last row stops here, after ${row.length} of the header's ${width} columns, part-way through the figures, where no real row stops (no other row in the file stops there). The file may have been cut short: download it again.`
		});
	}

	history(): HistoryFields[] {
		return [{ year: this.year, version: this.version, laCodes: [...this.laCodes].sort().join(',') }];
	}

	async write(ctx: WriteContext): Promise<WriteCounts> {
		const year = this.year!;
		await refuseOlderVersion(ctx, 'ks2', year, this.version, this.laCodes);
		const written = await writeSchoolResults(ctx, year, this.laCodes, this.results);
		for (const p of this.comparators) {
			p[0] = year;
			p[3] = ctx.importId;
		}
		await replaceByKey(ctx, 'ks2_comparators', ['year', 'kind', 'area'], this.comparators);

		const report = this.o.report;
		report.schoolsNotInRegister = written.notInRegister;
		report.resultsStored = this.results.length;
		report.comparatorsStored = this.comparators.length;
		if (report.schoolsNotInRegister > 0) {
			report.warnings.push(notInRegisterWarning(report.schoolsNotInRegister));
		}
		if (this.results.length > 0 && (await ctx.w.all(englandFigureQuery(ctx.db, year))).length === 0) {
			report.warnings.push(noEnglandFiguresWarning([year], 'ks2'));
		}
		report.schoolsUpdated = written.updated;
		report.schoolsAdded = written.added;
		return {
			schoolsAdded: written.added,
			schoolsUpdated: written.updated,
			recordsStored: this.results.length + this.comparators.length,
			resultsStored: this.results.length,
			comparatorsStored: this.comparators.length
		};
	}
}

/** Moved to ks2-write.ts with the rest of the shared KS2 writing; still here for callers that import it from this file. */
export { placeholders } from './ks2-write';
