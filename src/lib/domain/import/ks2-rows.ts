// Changes here are on the import's hot path: check them with `npm run bench:import`.
import { NOT_A_FIGURE, parseFigure } from './figures';
import { columnIndex, overWidth, type Header } from './header';
import { figureProblem, KS2_FIELD_SPECS, type Ks2FieldSpec } from './ks2-fields';
import { parseUrn } from './gias-fields';
import { addProblem, countSuppressed, type ImportReport } from './report';

/** One KS2 row as read: a school (RECTYPE 1, 2), an LA (3) or England (4 all, 5 state-funded). */
export interface Ks2Row {
	recordType: 1 | 2 | 3 | 4 | 5;
	urn: number | null;
	laCode: string | null;
	/** Parallel to KS2_FIELD_SPECS: the number, or null with the code in `codes`. */
	values: (number | null)[];
	/** Parallel to KS2_FIELD_SPECS: the code published instead of a number ('' for blank), or null. */
	codes: (string | null)[];
}

interface PresentField {
	spec: Ks2FieldSpec;
	/** Position in KS2_FIELD_SPECS. */
	slot: number;
	index: number;
	/** The column's name as the file spells it, for reports. */
	name: string;
}

/**
 * Reads KS2 rows against one file's header. Built once per file, so each row costs only
 * the cells it needs. Problems go into the report; a row with a problem returns null.
 */
export class Ks2RowReader {
	readonly fields: PresentField[];
	readonly absentColumns: string[];
	private readonly rectype: number;
	private readonly urn: number;
	private readonly lea: number;
	private readonly totpups: number;

	constructor(private readonly header: Header) {
		this.fields = [];
		this.absentColumns = [];
		KS2_FIELD_SPECS.forEach((spec, slot) => {
			const index = columnIndex(header, spec.column);
			if (index < 0) this.absentColumns.push(spec.column);
			else this.fields.push({ spec, slot, index, name: header.names[index] });
		});
		this.rectype = columnIndex(header, 'RECTYPE');
		this.urn = columnIndex(header, 'URN');
		this.lea = columnIndex(header, 'LEA');
		this.totpups = columnIndex(header, 'TOTPUPS');
	}

	/**
	 * Reads one row, or returns null when it has a problem. The figures go into `into`'s arrays when
	 * given (a caller that copies them out can reuse one Ks2Row for every row), else into new ones.
	 */
	read(row: readonly string[], rowNumber: number, report: ImportReport, into?: Ks2Row): Ks2Row | null {
		const tooWide = overWidth(this.header, row);
		if (tooWide) {
			addProblem(report, { row: rowNumber, column: null, message: tooWide });
			return null;
		}
		const rectypeText = (row[this.rectype] ?? '').trim();
		const recordType = Number(rectypeText);
		if (!/^[1-5]$/.test(rectypeText)) {
			addProblem(report, {
				row: rowNumber,
				column: 'RECTYPE',
				message: `"${rectypeText}" is not a record type. It should be 1 (school), 2 (special school), 3 (LA), 4 or 5 (England).`
			});
			return null;
		}
		const laText = (row[this.lea] ?? '').trim();
		let urn: number | null = null;
		if (recordType <= 2) {
			urn = parseUrn(row[this.urn]);
			if (urn === null) {
				addProblem(report, {
					row: rowNumber,
					column: 'URN',
					message: `"${(row[this.urn] ?? '').trim()}" is not a URN. A school row needs the school's unique reference number.`
				});
				return null;
			}
		}
		if (recordType <= 3 && !/^\d{3}$/.test(laText)) {
			addProblem(report, { row: rowNumber, column: 'LEA', message: `"${laText}" is not an LA code. It should be three digits, such as 850.` });
			return null;
		}
		const values = into ? into.values.fill(null) : new Array<number | null>(KS2_FIELD_SPECS.length).fill(null);
		const codes = into ? into.codes.fill(null) : new Array<string | null>(KS2_FIELD_SPECS.length).fill(null);
		// A NEW school's row stops at TOTPUPS: nothing after it was published.
		const isNew = this.totpups >= 0 && (row[this.totpups] ?? '').trim().toUpperCase() === 'NEW';
		let ok = true;
		for (const f of this.fields) {
			if (isNew) {
				codes[f.slot] = 'NEW';
				countSuppressed(report, f.name, 'NEW');
				continue;
			}
			const parsed = parseFigure(row[f.index]);
			if (typeof parsed === 'number') {
				const problem = figureProblem(f.spec.kind, parsed);
				if (problem) {
					addProblem(report, { row: rowNumber, column: f.name, message: `${row[f.index].trim()} ${problem}.` });
					ok = false;
				} else values[f.slot] = parsed;
			} else if (parsed === NOT_A_FIGURE) {
				// A code DfE has never used is refused too: what it means is unknown.
				addProblem(report, {
					row: rowNumber,
					column: f.name,
					message: `"${clip(row[f.index].trim())}" is neither a number nor a DfE code such as SUPP or NA.`
				});
				ok = false;
			} else {
				codes[f.slot] = parsed;
				if (parsed !== '') countSuppressed(report, f.name, parsed);
			}
		}
		if (!ok) return null;
		const type = recordType as Ks2Row['recordType'];
		const laCode = recordType <= 3 ? laText : null;
		if (!into) return { recordType: type, urn, laCode, values, codes };
		into.recordType = type;
		into.urn = urn;
		into.laCode = laCode;
		return into;
	}
}

/** A cell's text for a message, cut short if it is long. */
export function clip(text: string, max = 40): string {
	return text.length > max ? `${text.slice(0, max)}...` : text;
}
