import type { Ks2Version } from './version';
import type { FileFormat } from './header';

/** One thing wrong with a file. Row 1 is the header; column is the file's own column name. */
export interface ImportProblem {
	row: number | null;
	column: string | null;
	message: string;
}

/** "Row 12, column PTRWM_EXP: ..." — the row, the column and the problem, in that order. */
export function describeProblem(p: ImportProblem): string {
	const where = [p.row !== null ? `Row ${p.row}` : null, p.column !== null ? `column ${p.column}` : null].filter(Boolean).join(', ');
	return where ? `${where}: ${p.message}` : p.message;
}

/** Counts of codes found in place of numbers, by the file's column name, then by code. */
export type SuppressedCounts = Record<string, Record<string, number>>;

/**
 * What one history row of an import stored: a file gives one part, or one per year for an EES
 * data set that covers several years (each can be rolled back on its own).
 */
export interface ImportPart {
	year: number | null;
	version: Ks2Version | null;
	importId: number;
	schoolsAdded: number;
	schoolsUpdated: number;
	resultsStored: number;
	comparatorsStored: number;
	/** Cohort and context rows (EES information data sets). */
	contextStored: number;
}

/** What an import did, or would have done. Shown on /imports and printed by the CLI. */
export interface ImportReport {
	fileName: string;
	sha256: string;
	sizeBytes: number;
	format: FileFormat | null;
	year: number | null;
	version: Ks2Version | null;
	/** Data rows read (the header is not counted). */
	rowsRead: number;
	schoolsAdded: number;
	schoolsUpdated: number;
	schoolsUnchanged: number;
	/** KS2 rows (or links) for schools that are not in the register. */
	schoolsNotInRegister: number;
	/** Rows left out because the school is outside the LA the register is limited to. */
	rowsOutsideLa: number;
	resultsStored: number;
	comparatorsStored: number;
	linksStored: number;
	/** Ofsted inspections added to the soft-intelligence register (Ofsted MI files). */
	inspectionsStored?: number;
	/** Cohort and context rows (EES information data sets), over every part. */
	contextStored: number;
	/** One per history row written, in order; empty for a file that was not imported. */
	parts: ImportPart[];
	suppressed: SuppressedCounts;
	warnings: string[];
	problems: ImportProblem[];
	/** More problems were found than are listed. */
	moreProblems: number;
}

export function emptyReport(fileName: string): ImportReport {
	return {
		fileName,
		sha256: '',
		sizeBytes: 0,
		format: null,
		year: null,
		version: null,
		rowsRead: 0,
		schoolsAdded: 0,
		schoolsUpdated: 0,
		schoolsUnchanged: 0,
		schoolsNotInRegister: 0,
		rowsOutsideLa: 0,
		resultsStored: 0,
		comparatorsStored: 0,
		linksStored: 0,
		contextStored: 0,
		parts: [],
		suppressed: {},
		warnings: [],
		problems: [],
		moreProblems: 0
	};
}

/** The most problems a report lists; a broken file can have thousands, and the first few say enough. */
export const MAX_PROBLEMS = 50;

export function addProblem(report: ImportReport, problem: ImportProblem): void {
	if (report.problems.length < MAX_PROBLEMS) report.problems.push(problem);
	else report.moreProblems++;
}

export function countSuppressed(report: ImportReport, column: string, code: string): void {
	const byCode = (report.suppressed[column] ??= {});
	byCode[code] = (byCode[code] ?? 0) + 1;
}

/**
 * Adds a warning, or replaces the one at `at` that an earlier call added (-1 for none yet): for a
 * warning that grows as each part of a file is written. Returns where the warning is.
 */
export function putWarning(report: ImportReport, at: number, text: string): number {
	if (at < 0) return report.warnings.push(text) - 1;
	report.warnings[at] = text;
	return at;
}
