import { academicYearLabel, academicYearsLabel } from '../../domain/ks2/types';
import { columnIndex } from '../../domain/import/header';
import { KS2_FIELD_SPECS } from '../../domain/import/ks2-fields';
import { addProblem, putWarning } from '../../domain/import/report';
import { EES_REQUIRED, LabelIndex, matchBreakdown, matchSubject } from '../../domain/import/ees-layout';
import { displayOnlyWarnings, EesRowReader, labelJson, schoolIdentity } from '../../domain/import/ees-rows';
import type { EesYear } from '../../domain/import/ees-years';
import { Ks2ResultStore } from './ks2-store';
import { notInRegisterWarning, writeSchoolResults } from './ks2-write';
import { englandFigureQuery } from './ks2-repository';
import { noEnglandFiguresWarning } from '../../domain/import/england-figures';
import { EesFigureStore } from './ees-figure-store';
import { EesHandler } from './ees-handler';
import type { HandlerOptions, WriteContext, WriteCounts } from './handler';
import { inLas } from '../../domain/las';

const PROGRESS_SLOTS = new Set(['readProgress', 'writProgress', 'matProgress'].map((f) => KS2_FIELD_SPECS.findIndex((s) => s.field === f)));

interface SchoolYears extends EesYear {
	/** The figures the analysis reads, one row per school: the same shape a ks2final file gives. */
	results: Ks2ResultStore;
	/** Every figure, for display; a group is a row of `results`. */
	figures: EesFigureStore;
	rowOf: Map<number, number>;
	progressValues: number;
}

/**
 * EES "Key stage 2 institution level - Schools (performance)": one row per school, year,
 * breakdown and subject, for several years. Each year becomes ks2_results rows like a ks2final
 * file's (record type 1, no cohort: that comes with the school information data set) plus one
 * JSON document per school of every figure, and is imported, replaced and rolled back on its own.
 */
export class EesSchoolPerformanceHandler extends EesHandler<SchoolYears> {
	private readonly cells: EesRowReader;
	private readonly breakdowns = new LabelIndex(matchBreakdown);
	private readonly subjects = new LabelIndex(matchSubject);
	private readonly urnAt: number;
	private readonly laestabAt: number;
	private readonly breakdownAt: number;
	private readonly subjectAt: number;
	private readonly labels = [0, 0];
	/** The last row's school, so the rows of one school cost no lookup: its URN text, year, and row (-1 outside the LA). */
	private lastUrn: string | null = null;
	private lastPart: SchoolYears | null = null;
	private lastRow = -1;
	/** Years written with no pupil numbers stored, and where the warnings that grow with each year are. */
	private noContext: number[] = [];
	/** Years written with no England figures stored to compare them with. */
	private noEngland: number[] = [];
	private readonly warnings = { register: -1, context: -1, england: -1 };

	constructor(o: HandlerOptions) {
		super(o, EES_REQUIRED.ees_school_performance, 'school performance', (year) => ({
			year,
			version: 'final',
			laCodes: new Set(),
			results: new Ks2ResultStore(),
			figures: new EesFigureStore(2),
			rowOf: new Map(),
			progressValues: 0
		}));
		const h = o.header;
		this.cells = new EesRowReader(h, o.report);
		this.urnAt = columnIndex(h, 'school_urn');
		this.laestabAt = columnIndex(h, 'school_laestab');
		this.breakdownAt = columnIndex(h, 'breakdown');
		this.subjectAt = columnIndex(h, 'subject');
	}

	row(cells: string[], rowNumber: number): void {
		const part = this.yearOf(cells, rowNumber);
		if (part === null) return;
		const urnText = cells[this.urnAt];
		if (urnText !== this.lastUrn || part !== this.lastPart) {
			const row = this.school(part, urnText, cells[this.laestabAt], rowNumber);
			if (row === null) return;
			this.lastUrn = urnText;
			this.lastPart = part;
			this.lastRow = row;
		}
		const row = this.lastRow;
		if (row < 0) {
			this.o.report.rowsOutsideLa++;
			return;
		}
		const b = this.breakdowns.index(cells[this.breakdownAt]);
		const s = this.subjects.index(cells[this.subjectAt]);
		const named = this.cells.labelled(rowNumber, this.breakdowns.labels[b], this.breakdownAt);
		if (!(this.cells.labelled(rowNumber, this.subjects.labels[s], this.subjectAt) && named)) return;
		const entries = this.cells.read(cells, rowNumber);
		if (entries === null) return;
		this.labels[0] = b;
		this.labels[1] = s;
		part.figures.add(row, this.labels, entries, rowNumber);
		const slots = this.cells.slots(this.breakdowns.keys[b], this.subjects.keys[s], b, s);
		const { values, codes } = this.cells.reader;
		for (let i = 0; i < slots.length; i += 2) {
			const e = entries[slots[i]];
			part.results.set(row, slots[i + 1], values[e], codes[e]);
			if (PROGRESS_SLOTS.has(slots[i + 1]) && !Number.isNaN(values[e])) part.progressValues++;
		}
	}

	/** The school's row in its year, -1 when it is outside the LA the register is limited to, or null when its URN or LAESTAB is wrong. */
	private school(part: SchoolYears, urnText: string | undefined, laestabText: string | undefined, rowNumber: number): number | null {
		const { report, header, laScope } = this.o;
		const id = schoolIdentity(urnText, laestabText);
		if (!id.ok) {
			addProblem(report, { row: rowNumber, column: header.names[columnIndex(header, id.column)], message: id.message });
			return null;
		}
		const { urn, laCode } = id;
		if (!inLas(laScope, laCode)) return -1;
		let row = part.rowOf.get(urn);
		if (row === undefined) {
			row = part.results.open(urn, laCode, 1);
			part.rowOf.set(urn, row);
			part.laCodes.add(laCode);
		}
		return row;
	}

	finish(): void {
		const { report } = this.o;
		if (!this.usable) return;
		const years = this.finishYears((p) => p.results.length);
		for (const part of years) {
			part.figures.group(part.results.length);
			for (const d of part.figures.duplicates(part.results.length)) {
				addProblem(report, {
					row: d.row,
					column: null,
					message: `URN ${part.results.urns()[d.group]} has a second row for ${this.breakdowns.labels[d.labels[0]]}, ${this.subjects.labels[d.labels[1]]} in ${academicYearLabel(part.year)} (the first is row ${d.first}). Each school has one row per breakdown and subject each year.`
				});
			}
		}
		const noProgress = years.filter((p) => p.results.length > 0 && p.progressValues === 0).map((p) => p.year);
		if (noProgress.length > 0)
			report.warnings.push(
				`There are no progress scores for ${academicYearsLabel(noProgress)}. The analysis will use attainment alone for ${noProgress.length === 1 ? 'that year' : 'those years'}.`
			);
		report.warnings.push(...displayOnlyWarnings(this.breakdowns, this.subjects, this.cells.absentColumns));
		report.suppressed = this.cells.suppressed();
	}

	async write(ctx: WriteContext, index: number): Promise<WriteCounts> {
		const part = await this.yearToWrite(ctx, index);
		const { year } = part;
		const urns = part.results.urns();
		const labels = [this.breakdowns.labels, this.subjects.labels].map(labelJson);
		const cells = this.cells.reader;
		const breakdowns = (function* () {
			for (const [g, urn] of urns.entries()) yield [urn, year, ctx.importId, part.figures.json(g, labels, cells)];
		})();
		const written = await writeSchoolResults(ctx, year, part.laCodes, part.results, breakdowns);

		const report = this.o.report;
		report.resultsStored += part.results.length;
		report.schoolsAdded += written.added;
		report.schoolsUpdated += written.updated;
		if (written.notInRegister > report.schoolsNotInRegister) {
			report.schoolsNotInRegister = written.notInRegister;
			this.warnings.register = putWarning(report, this.warnings.register, notInRegisterWarning(written.notInRegister));
		}
		if ((await ctx.w.all(ctx.db.selectFrom('ks2_school_context').select('urn').where('year', '=', year).limit(1))).length === 0) {
			const years = academicYearsLabel((this.noContext = [...this.noContext, year]));
			this.warnings.context = putWarning(
				report,
				this.warnings.context,
				`No pupil numbers are stored for ${years} yet: this data set has none. Import the school information data set for ${this.noContext.length === 1 ? 'that year' : 'those years'} too; until then small cohorts cannot be spotted, and the analysis gives at most medium confidence.`
			);
		}
		// England's figures come with the LA performance data set: without them the year's results are compared with nothing.
		if ((await ctx.w.all(englandFigureQuery(ctx.db, year))).length === 0) {
			this.noEngland = [...this.noEngland, year];
			this.warnings.england = putWarning(report, this.warnings.england, noEnglandFiguresWarning(this.noEngland, 'ees_school_performance'));
		}
		return {
			schoolsAdded: written.added,
			schoolsUpdated: written.updated,
			recordsStored: part.results.length,
			resultsStored: part.results.length
		};
	}
}
