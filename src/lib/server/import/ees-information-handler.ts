import type { ComparatorKind } from '../../domain/ks2/types';
import { academicYearLabel } from '../../domain/ks2/types';
import { columnIndex } from '../../domain/import/header';
import { addProblem } from '../../domain/import/report';
import { ABSENT, EesCellReader } from '../../domain/import/ees-cells';
import { EES_INFORMATION_FIELDS, EES_REQUIRED, isTextColumn } from '../../domain/import/ees-layout';
import { absentColumnsWarning, schoolIdentity } from '../../domain/import/ees-rows';
import type { EesYear } from '../../domain/import/ees-years';
import { insertRows, notInRegister, replaceByKey, replaceSchools, schoolsToReplace } from './ks2-write';
import { EesHandler } from './ees-handler';
import type { HandlerOptions, WriteContext, WriteCounts } from './handler';
import { inLas } from '../../domain/las';

interface InfoYears extends EesYear {
	/** Each row bound for its table (see REPLACEABLE), with null where the import id goes. */
	rows: unknown[][];
	/** Key of each row (URN, or kind and area) -> its row number, to find a repeat. */
	seen: Map<number | string, number>;
	urns: Set<number>;
}

const KINDS: Record<string, ComparatorKind> = { '3': 'la', '4': 'england_all', '5': 'england_state' };

/**
 * EES "information" data sets: cohort and context per school ("Schools (school information)")
 * or per LA and England ("Local authority (LA information)"). telig, tfsm6cla1a, ptfsm6cla1a and
 * telig_3yr go into columns the analysis reads, as TELIG and the rest do in a ks2final file;
 * every figure of the row is kept for display. A file of several years makes a part per year.
 */
export class EesInformationHandler extends EesHandler<InfoYears> {
	private readonly schools: boolean;
	private readonly reader: EesCellReader;
	/** Header positions of the figure columns, their names, and where each context field is among them. */
	private readonly figureAt: number[];
	private readonly figureNames: string[];
	private readonly fieldAt: number[];
	private readonly at: { urn: number; laestab: number; rectype: number };

	constructor(o: HandlerOptions) {
		const schools = o.report.format === 'ees_school_information';
		super(o, EES_REQUIRED[schools ? 'ees_school_information' : 'ees_la_information'], schools ? 'school information' : 'LA information', (year) => ({
			year,
			version: 'final',
			laCodes: new Set(),
			rows: [],
			seen: new Map(),
			urns: new Set()
		}));
		this.schools = schools;
		const h = o.header;
		this.figureAt = h.names.flatMap((name, i) => (name !== '' && !isTextColumn(name) ? [i] : []));
		this.figureNames = this.figureAt.map((i) => h.names[i]);
		const lower = this.figureNames.map((n) => n.toLowerCase());
		this.fieldAt = EES_INFORMATION_FIELDS.map((f) => lower.indexOf(f.column));
		this.reader = new EesCellReader(lower.map((n) => EES_INFORMATION_FIELDS.find((f) => f.column === n)?.kind ?? null));
		this.at = {
			urn: columnIndex(h, 'school_urn'),
			laestab: columnIndex(h, 'school_laestab'),
			rectype: columnIndex(h, 'rectype')
		};
	}

	row(cells: string[], rowNumber: number): void {
		const { report } = this.o;
		const part = this.yearOf(cells, rowNumber);
		if (part === null) return;
		const key = this.schools ? this.schoolRow(part, cells, rowNumber) : this.areaRow(part, cells, rowNumber);
		if (key === null) return;
		const figures = this.figures(cells, rowNumber);
		if (figures === null) return;
		const first = part.seen.get(key.id);
		if (first !== undefined) {
			addProblem(report, {
				row: rowNumber,
				column: null,
				message: `${key.what} has a second row for ${academicYearLabel(part.year)} (the first is row ${first}). Each has one row a year.`
			});
			return;
		}
		part.seen.set(key.id, rowNumber);
		part.rows.push([...key.row, ...figures]);
	}

	/** A school row's key and leading columns (urn, year, la_code, record_type, import_id), or null. */
	private schoolRow(part: InfoYears, cells: string[], rowNumber: number): { id: number; what: string; row: unknown[] } | null {
		const { report, header, laScope } = this.o;
		const id = schoolIdentity(cells[this.at.urn], cells[this.at.laestab]);
		if (!id.ok) {
			addProblem(report, { row: rowNumber, column: header.names[columnIndex(header, id.column)], message: id.message });
			return null;
		}
		const rectype = this.rectype(cells, rowNumber, ['1', '2']);
		if (rectype === undefined) return null;
		if (!inLas(laScope, id.laCode)) {
			report.rowsOutsideLa++;
			return null;
		}
		part.laCodes.add(id.laCode);
		part.urns.add(id.urn);
		return { id: id.urn, what: `URN ${id.urn}`, row: [id.urn, part.year, id.laCode, rectype === null ? null : Number(rectype), null] };
	}

	/** An LA or England row's key and leading columns (year, kind, area, import_id), or null. */
	private areaRow(part: InfoYears, cells: string[], rowNumber: number): { id: string; what: string; row: unknown[] } | null {
		const place = this.area(cells, rowNumber);
		if (place === null) return null;
		const rectype = this.rectype(cells, rowNumber, place.level === 'national' ? ['4', '5'] : ['3']);
		if (rectype === undefined) return null;
		const kind: ComparatorKind = rectype !== null ? KINDS[rectype] : place.level === 'national' ? 'england_state' : 'la';
		const area = place.level === 'la' ? place.laCode : 'england';
		if (place.level === 'la') part.laCodes.add(area);
		return { id: `${kind}:${area}`, what: kind === 'la' ? `LA ${area}` : 'England', row: [part.year, kind, area, null] };
	}

	/** The row's rectype when the file has the column (null when not), or undefined with a problem. */
	private rectype(cells: string[], rowNumber: number, allowed: string[]): string | null | undefined {
		if (this.at.rectype < 0) return null;
		const text = (cells[this.at.rectype] ?? '').trim();
		if (allowed.includes(text)) return text;
		addProblem(this.o.report, {
			row: rowNumber,
			column: this.o.header.names[this.at.rectype],
			message: `"${text}" is not a record type for this row: it should be ${allowed.join(' or ')}.`
		});
		return undefined;
	}

	/** The context figures, value then code, and every figure as JSON; null when a cell is not a figure. */
	private figures(cells: string[], rowNumber: number): unknown[] | null {
		const entries: number[] = [];
		let ok = true;
		for (let c = 0; c < this.figureAt.length; c++) {
			const raw = cells[this.figureAt[c]];
			const e = this.reader.read(c, raw);
			if (e < 0) {
				addProblem(this.o.report, { row: rowNumber, column: this.figureNames[c], message: this.reader.problem(c, raw) });
				ok = false;
			}
			entries.push(e);
		}
		if (!ok) return null;
		const { values, codes, json } = this.reader;
		const out: unknown[] = [];
		for (const c of this.fieldAt) {
			const e = c < 0 ? ABSENT : entries[c];
			out.push(Number.isNaN(values[e]) ? null : values[e], codes[e]);
		}
		out.push(`{${entries.map((e, c) => `${JSON.stringify(this.figureNames[c])}:${json[e]}`).join(',')}}`);
		return out;
	}

	finish(): void {
		const { report } = this.o;
		if (!this.usable) return;
		this.finishYears((p) => p.rows.length, 'The file has no rows.');
		const absent = absentColumnsWarning(EES_INFORMATION_FIELDS.filter((_, i) => this.fieldAt[i] < 0).map((f) => f.column));
		if (absent) report.warnings.push(absent);
		report.suppressed = this.reader.suppressed(this.figureNames);
	}

	async write(ctx: WriteContext, index: number): Promise<WriteCounts> {
		const part = await this.yearToWrite(ctx, index);
		const { year } = part;
		const report = this.o.report;
		if (this.schools) {
			for (const row of part.rows) row[4] = ctx.importId;
			await replaceSchools(ctx, 'ks2_school_context', year, await schoolsToReplace(ctx, 'ks2_school_context', year, part.urns, part.laCodes));
			await insertRows(ctx, 'ks2_school_context', part.rows);
			const missing = await notInRegister(ctx, part.urns);
			report.schoolsNotInRegister = Math.max(report.schoolsNotInRegister, missing);
			const results = await ctx.w.all(ctx.db.selectFrom('ks2_results').select('urn').where('year', '=', year).limit(1));
			if (results.length === 0) {
				report.warnings.push(
					`No school results are stored for ${academicYearLabel(year)} yet. The pupil numbers are kept, and the analysis will use them once that year's school performance data set (or ks2final file) is imported.`
				);
			}
		} else {
			for (const row of part.rows) row[3] = ctx.importId;
			await replaceByKey(ctx, 'ks2_area_context', ['year', 'kind', 'area'], part.rows);
		}
		report.contextStored += part.rows.length;
		return { schoolsAdded: 0, schoolsUpdated: 0, recordsStored: part.rows.length, contextStored: part.rows.length };
	}
}
