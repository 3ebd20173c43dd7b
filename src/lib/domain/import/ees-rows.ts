import { columnIndex, overWidth, type Header } from './header';
import { ABSENT, EesCellReader } from './ees-cells';
import { EES_MEASURES, mappedSlots, type EesBreakdown, type EesSubject, type LabelIndex } from './ees-layout';
import { addProblem, type ImportReport, type SuppressedCounts } from './report';
import { parseUrn } from './gias-fields';

/**
 * Reads the figure cells of an EES performance file's rows (the EES_MEASURES columns), against
 * one file's header. Problems go into the report with their row and column.
 */
export class EesRowReader {
	readonly reader: EesCellReader;
	/** Measure columns the file does not have: their figures are stored as not available. */
	readonly absentColumns: string[];
	private readonly at: number[];
	private readonly names: string[];
	/** One row's entries, reused for every row: the caller copies what it keeps. */
	private readonly entries: number[];
	private readonly slotCache = new Map<number, readonly number[]>();

	constructor(
		private readonly header: Header,
		private readonly report: ImportReport
	) {
		this.reader = new EesCellReader(EES_MEASURES.map((m) => m.kind));
		this.at = EES_MEASURES.map((m) => columnIndex(header, m.column));
		this.names = EES_MEASURES.map((m, i) => (this.at[i] >= 0 ? header.names[this.at[i]] : m.column));
		this.absentColumns = EES_MEASURES.filter((_, i) => this.at[i] < 0).map((m) => m.column);
		this.entries = EES_MEASURES.map(() => ABSENT);
	}

	/** The entry of each measure (ABSENT for a column the file lacks), or null when a cell is not a figure. */
	read(cells: readonly string[], rowNumber: number): number[] | null {
		let ok = true;
		for (let m = 0; m < this.at.length; m++) {
			const index = this.at[m];
			if (index < 0) continue;
			const e = this.reader.read(m, cells[index]);
			if (e < 0) {
				addProblem(this.report, { row: rowNumber, column: this.names[m], message: this.reader.problem(m, cells[index]) });
				ok = false;
			} else this.entries[m] = e;
		}
		return ok ? this.entries : null;
	}

	/** False, with a problem, when a label the row needs (breakdown, subject...) is blank; `column` is where it is. */
	labelled(rowNumber: number, label: string, column: number): boolean {
		if (label !== '') return true;
		addProblem(this.report, { row: rowNumber, column: this.header.names[column], message: 'is blank: every row names what its figures are for.' });
		return false;
	}

	/** mappedSlots for the breakdown and subject numbered b and s, worked out once per pair. */
	slots(breakdown: EesBreakdown | null, subject: EesSubject | null, b: number, s: number): readonly number[] {
		const key = b * 65536 + s;
		let slots = this.slotCache.get(key);
		if (slots === undefined) this.slotCache.set(key, (slots = mappedSlots(breakdown, subject)));
		return slots;
	}

	suppressed(): SuppressedCounts {
		return this.reader.suppressed(this.names);
	}
}

/** True, with the problem in the report, for a row with more values than the header has columns. */
export function tooWide(o: { header: Header; report: ImportReport }, cells: readonly string[], rowNumber: number): boolean {
	const problem = overWidth(o.header, cells);
	if (problem) addProblem(o.report, { row: rowNumber, column: null, message: problem });
	return problem !== null;
}

/** Labels as JSON strings, for EesFigureStore.json. */
export function labelJson(labels: readonly string[]): string[] {
	return labels.map((l) => JSON.stringify(l));
}

/** The warning for measure columns a file lacks, or null when it has them all. */
export function absentColumnsWarning(absent: readonly string[]): string | null {
	if (absent.length === 0) return null;
	return `The file has no ${absent.join(', ')} column${absent.length === 1 ? '' : 's'}; those figures are stored as not available.`;
}

/**
 * Warnings about what is kept for display only: breakdowns and subjects DfE is not known to use
 * (the analysis reads none of them), and measure columns the file lacks.
 */
export function displayOnlyWarnings(breakdowns: LabelIndex<string>, subjects: LabelIndex<string>, absentColumns: readonly string[]): string[] {
	const unknown = [...breakdowns.unknown().map((l) => `breakdown "${l}"`), ...subjects.unknown().map((l) => `subject "${l}"`)];
	const warnings = unknown.length > 0 ? [`Kept for display only, as the analysis does not read them: ${unknown.join(', ')}.`] : [];
	const absent = absentColumnsWarning(absentColumns);
	return absent ? [...warnings, absent] : warnings;
}

export type SchoolIdentity = { ok: true; urn: number; laCode: string } | { ok: false; column: 'school_urn' | 'school_laestab'; message: string };

/** A school row's URN, and its LA from the first three digits of its LAESTAB. */
export function schoolIdentity(urnText: string | undefined, laestabText: string | undefined): SchoolIdentity {
	const urn = parseUrn(urnText);
	if (urn === null)
		return { ok: false, column: 'school_urn', message: `"${(urnText ?? '').trim()}" is not a URN. A school row needs the school's unique reference number.` };
	const laestab = (laestabText ?? '').trim();
	if (!/^\d{7}$/.test(laestab)) {
		return {
			ok: false,
			column: 'school_laestab',
			message: `"${laestab}" is not a LAESTAB: it should be seven digits, the LA code then the establishment number (such as 8502000).`
		};
	}
	return { ok: true, urn, laCode: laestab.slice(0, 3) };
}
