import type { Db } from '../db';
import type { BulkWriter } from '../db/bulk';
import type { ImportReport } from '../../domain/import/report';
import type { Ks2Version } from '../../domain/import/version';
import { missingColumns, type Header } from '../../domain/import/header';
import { addProblem } from '../../domain/import/report';

/** What a format's handler needs to know before it reads a row. */
export interface HandlerOptions {
	header: Header;
	report: ImportReport;
	fileName: string;
	/** Given by the person importing; null to read it from the file. */
	year: number | null;
	version: Ks2Version | null;
	/** The LAs the register is limited to (the LAs the installation serves); none: every school. */
	laScope: readonly string[];
}

export interface WriteContext {
	/** Only for building queries; everything runs on `w`, inside the one transaction. */
	db: Db;
	w: BulkWriter;
	importId: number;
	now: string;
}

export interface WriteCounts {
	schoolsAdded: number;
	schoolsUpdated: number;
	recordsStored: number;
	/** For the report's line per part (see ImportPart); 0 when left out. */
	resultsStored?: number;
	comparatorsStored?: number;
	contextStored?: number;
}

/**
 * The history row's fields that depend on the format. A file gives one history row per part: one
 * for most files, one per year for an EES data set that covers several years, so each year is
 * rolled back on its own.
 */
export interface HistoryFields {
	year: number | null;
	version: Ks2Version | null;
	/** The LAs whose schools' rows were stored, comma-separated ('' for none); null for a file not by LA. */
	laCodes: string | null;
}

/**
 * One per file format. Reading is streaming (`row` keeps only what will be stored);
 * `finish` completes validation; `write` runs only for a file with no problems.
 */
export interface FormatHandler {
	row(cells: string[], rowNumber: number): void;
	finish(): void;
	/** One entry per history row the file makes (see HistoryFields), in the order they are written. */
	history(): HistoryFields[];
	/**
	 * Writes one part (an index into history()), with `ctx.importId` that part's history row.
	 * Throws ImportRefused to undo everything, for checks that need the database.
	 */
	write(ctx: WriteContext, part: number): Promise<WriteCounts>;
}

/** Raised inside the write transaction when the database says no: the transaction rolls back. */
export class ImportRefused extends Error {}

/** Adds a problem for each required column the file lacks; true when it has them all. */
export function requireColumns(o: HandlerOptions, required: readonly string[], why: (column: string) => string): boolean {
	const missing = missingColumns(o.header, required);
	for (const column of missing) addProblem(o.report, { row: 1, column, message: why(column) });
	return missing.length === 0;
}

/** Splits a list for `in (...)` clauses, well under any database's parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
