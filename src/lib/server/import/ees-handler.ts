// Changes here are on the import's hot path: check them with `npm run bench:import`.
import { columnIndex } from '../../domain/import/header';
import { addProblem } from '../../domain/import/report';
import { normalLabel } from '../../domain/import/ees-values';
import { tooWide } from '../../domain/import/ees-rows';
import { EesYears, type EesYear } from '../../domain/import/ees-years';
import { refuseOlderVersion } from './ks2-write';
import { requireColumns, type FormatHandler, type HandlerOptions, type HistoryFields, type WriteContext, type WriteCounts } from './handler';
import { lasWords, limitWords, registerLimit } from '../../domain/las';

/**
 * What the handlers of the KS2 data sets from Explore Education Statistics share: the columns
 * they need, the years a file holds (each its own part: imported, replaced and rolled back on its
 * own), and what they say once every row is read.
 */
export abstract class EesHandler<P extends EesYear> implements FormatHandler {
	protected readonly usable: boolean;
	protected readonly years: EesYears<P>;
	/** Where an LA or England row says where it is (-1 in a school file). */
	private readonly levelAt: number;
	private readonly laAt: number;
	/** Rows for regions, left out: nothing in the app reads regions. */
	private regionalRows = 0;

	/** `dataSet` names it in a problem: "the school performance data set from Explore Education Statistics". */
	constructor(
		protected readonly o: HandlerOptions,
		required: readonly string[],
		dataSet: string,
		make: (year: number) => P
	) {
		this.usable = requireColumns(
			o,
			required,
			(column) => `the file has no ${column} column, which the ${dataSet} data set from Explore Education Statistics has and the analysis needs.`
		);
		this.years = new EesYears(o, make);
		this.levelAt = columnIndex(o.header, 'geographic_level');
		this.laAt = columnIndex(o.header, 'old_la_code');
	}

	abstract row(cells: string[], rowNumber: number): void;
	abstract finish(): void;
	abstract write(ctx: WriteContext, part: number): Promise<WriteCounts>;

	/** Counts the row and finds its year; null when the row cannot be used (any problem is in the report). */
	protected yearOf(cells: readonly string[], rowNumber: number): P | null {
		this.o.report.rowsRead++;
		if (!this.usable || tooWide(this.o, cells, rowNumber) || this.tooShort(cells, rowNumber)) return null;
		return this.years.of(cells, rowNumber);
	}

	/**
	 * True, with a problem, for a row with fewer values than the header has columns. Every row of a
	 * data set from EES has them all (a figure not published is a GSS symbol, never left out): a
	 * short row is a row cut off, most often the last row of a file cut short.
	 */
	private tooShort(cells: readonly string[], rowNumber: number): boolean {
		const width = this.o.header.names.length;
		if (cells.length >= width) return false;
		addProblem(this.o.report, {
			row: rowNumber,
			column: this.o.header.names[cells.length - 1] || null,
			message: `this row stops after ${cells.length} of the header's ${width} columns, but every row of a data set from Explore Education Statistics has them all. The file may have been cut short or damaged: download it again.`
		});
		return true;
	}

	/**
	 * Where an LA or England row is: England, or an LA by its code. Null for a row that is left
	 * out: a region's (counted, and said at the end), or one whose level or LA code is wrong (a problem).
	 */
	protected area(cells: readonly string[], rowNumber: number): { level: 'national' } | { level: 'la'; laCode: string } | null {
		const { report, header } = this.o;
		const levelText = (cells[this.levelAt] ?? '').trim();
		const level = normalLabel(levelText);
		if (level === 'national') return { level };
		if (level === 'regional') {
			this.regionalRows++;
			return null;
		}
		if (level !== 'local authority') {
			addProblem(report, {
				row: rowNumber,
				column: header.names[this.levelAt],
				message: `"${levelText}" is not a level this data set has: it should be National, Regional or Local authority.`
			});
			return null;
		}
		const laCode = (cells[this.laAt] ?? '').trim();
		if (/^\d{3}$/.test(laCode)) return { level: 'la', laCode };
		addProblem(report, { row: rowNumber, column: header.names[this.laAt], message: `"${laCode}" is not an LA code. It should be three digits, such as 850.` });
		return null;
	}

	/**
	 * Settles each year's version, refuses a file that stores nothing (`stored` counts a year's
	 * rows), and says what was left out. Returns the years, oldest first.
	 */
	protected finishYears(stored: (p: P) => number, empty = 'The file has no rows of results.'): P[] {
		const { report, laScope } = this.o;
		this.years.finish();
		const years = this.years.years();
		if (years.every((p) => stored(p) === 0) && report.problems.length === 0) {
			const why =
				report.rowsOutsideLa > 0
					? `None of the schools in this file are in ${registerLimit(laScope)}.`
					: this.regionalRows > 0
						? 'The file has only regional rows: the app keeps LA and England figures.'
						: empty;
			addProblem(report, { row: null, column: null, message: why });
		}
		if (laScope.length > 0 && report.rowsOutsideLa > 0) {
			report.warnings.push(`${report.rowsOutsideLa} rows are for schools outside ${lasWords(laScope)} and were left out (${limitWords(laScope)}).`);
		}
		if (this.regionalRows > 0) report.warnings.push(`${this.regionalRows} regional rows were left out: the app keeps LA and England figures.`);
		return years;
	}

	history(): HistoryFields[] {
		return this.years.history();
	}

	/**
	 * The year written as part `index` of history(), once it is clear it may replace what is stored:
	 * a year may not bring an older version of data a later file brought (ImportRefused).
	 */
	protected async yearToWrite(ctx: WriteContext, index: number): Promise<P> {
		const part = this.years.years()[index];
		await refuseOlderVersion(ctx, this.o.report.format!, part.year, part.version, part.laCodes);
		return part;
	}
}
