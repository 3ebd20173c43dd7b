import type { Generated } from 'kysely';
import type { Ks2Version } from '../../../domain/import/version';
import type { FileFormat } from '../../../domain/import/header';
import type { ComparatorKind } from '../../../domain/ks2/types';
import type { SchoolsTable } from './foundation';

/** One row per import: the history page, the same-file check and rollback all read it. */
export interface ImportsTable {
	id: Generated<number>;
	format: FileFormat;
	file_name: string;
	sha256: string;
	size_bytes: number;
	/** Summer of the tests (2019 = 2018/19); null for GIAS files. */
	year: number | null;
	version: Ks2Version | null;
	/** LA codes a KS2 file covered, comma separated: a later version replaces these LAs' rows. */
	la_codes: string | null;
	/** The LAs the installation served when it ran: '' for every LA, else their codes, sorted, comma separated. */
	la_scope: Generated<string>;
	user_id: number | null;
	imported_at: string;
	rows_read: number;
	schools_added: number;
	schools_updated: number;
	/** KS2 results and comparators, or links, written. */
	records_stored: number;
	/** The full ImportReport as shown after the import. */
	report_json: string;
	rolled_back_at: string | null;
	rolled_back_by: number | null;
	/** Why it was rolled back, as the admin gave it. */
	rollback_reason: string | null;
}

/**
 * The KS2 figures, one `real` column per Ks2Figures field and a `_code` twin holding the code
 * DfE published instead of a number (SUPP, NA, LOWCOV, '' for blank...). Both null: the file
 * had no such column. See server/import/ks2-columns.ts for the field mapping.
 */
export interface Ks2FigureValues {
	cohort: number | null;
	disadvantaged_count: number | null;
	disadvantaged_pct: number | null;
	rwm_expected: number | null;
	rwm_high: number | null;
	read_expected: number | null;
	read_high: number | null;
	read_average: number | null;
	writ_expected: number | null;
	writ_high: number | null;
	mat_expected: number | null;
	mat_high: number | null;
	mat_average: number | null;
	read_progress: number | null;
	read_progress_lower: number | null;
	read_progress_upper: number | null;
	read_progress_band: number | null;
	read_coverage: number | null;
	writ_progress: number | null;
	writ_progress_lower: number | null;
	writ_progress_upper: number | null;
	writ_progress_band: number | null;
	writ_coverage: number | null;
	mat_progress: number | null;
	mat_progress_lower: number | null;
	mat_progress_upper: number | null;
	mat_progress_band: number | null;
	mat_coverage: number | null;
	rwm_expected_disadvantaged: number | null;
	rwm_expected_not_disadvantaged: number | null;
	rwm_high_disadvantaged: number | null;
	cohort_3yr: number | null;
	rwm_expected_3yr: number | null;
	rwm_high_3yr: number | null;
}

export type Ks2FigureColumn = keyof Ks2FigureValues;
export type Ks2FigureCodes = { [K in Ks2FigureColumn as `${K}_code`]: string | null };

export interface Ks2ResultsTable extends Ks2FigureValues, Ks2FigureCodes {
	urn: number;
	year: number;
	la_code: string | null;
	/** 1 mainstream, 2 special. */
	record_type: number;
	import_id: number;
}

export interface Ks2ComparatorsTable extends Ks2FigureValues, Ks2FigureCodes {
	year: number;
	kind: ComparatorKind;
	/** The LA code for kind 'la', 'england' otherwise. */
	area: string;
	import_id: number;
}

/** GIAS links: predecessor and successor URNs, so a converted academy keeps its history. */
export interface SchoolLinksTable {
	urn: number;
	link_urn: number;
	/** As GIAS writes it: "Predecessor", "Successor - merged", ... */
	link_type: string;
	link_name: string | null;
	link_date: string | null;
	import_id: number;
}

/** What an import replaced; `replaced_by` is that import. Rollback puts these rows back. */
export interface Ks2ResultsReplacedTable extends Ks2ResultsTable {
	replaced_by: number;
}
export interface Ks2ComparatorsReplacedTable extends Ks2ComparatorsTable {
	replaced_by: number;
}
export interface SchoolLinksReplacedTable extends SchoolLinksTable {
	replaced_by: number;
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/**
 * A register row as it was before a GIAS import changed it (or was_new = 1 if the import added
 * it). The columns are the register's own, less link_adviser_id, which imports never touch.
 */
export interface SchoolsReplacedTable extends Nullable<Omit<SchoolsTable, 'urn' | 'link_adviser_id' | 'trust_name'>> {
	trust_name: string | null;
	replaced_by: number;
	urn: number;
	was_new: number;
}

/**
 * Every figure of one school's (or area's) year in an EES performance data set, for display.
 * `figures_json` is {breakdown: {subject: cells}} with DfE's labels, in file order; the cells are
 * the EES_MEASURES columns in order (domain/import/ees-layout.ts): a number, a GSS symbol, or null
 * for a column the file lacked, cut after the last figure (what is cut is `z` or null).
 */
export interface Ks2SchoolBreakdownsTable {
	urn: number;
	year: number;
	import_id: number;
	figures_json: string;
}
export interface Ks2AreaBreakdownsTable {
	year: number;
	/** The LA code, or 'england'. */
	area: string;
	import_id: number;
	/** Keyed by establishment type first: {"All state funded": {"Total": {...}}}. */
	figures_json: string;
}

/** The figures of an EES information data set the analysis reads; columns as in ks2_results. */
export type Ks2ContextColumn = 'cohort' | 'disadvantaged_count' | 'disadvantaged_pct' | 'cohort_3yr';
export type Ks2ContextFigures = Pick<Ks2FigureValues, Ks2ContextColumn> & Pick<Ks2FigureCodes, `${Ks2ContextColumn}_code`>;

/**
 * A school's cohort and context for a year, from EES "Schools (school information)". The analysis
 * takes these for a ks2_results row that has no cohort column (value and code both null).
 */
export interface Ks2SchoolContextTable extends Ks2ContextFigures {
	urn: number;
	year: number;
	la_code: string | null;
	/** rectype where the file has it: 1 mainstream, 2 special. */
	record_type: number | null;
	import_id: number;
	/** Every figure column of the row: {"totpups": 412, "psenele": "c", ...}. */
	figures_json: string;
}

/** An LA's (or England's) cohort and context for a year, from EES "Local authority (LA information)". */
export interface Ks2AreaContextTable extends Ks2ContextFigures {
	year: number;
	kind: ComparatorKind;
	area: string;
	import_id: number;
	figures_json: string;
}

export interface Ks2SchoolBreakdownsReplacedTable extends Ks2SchoolBreakdownsTable {
	replaced_by: number;
}
export interface Ks2AreaBreakdownsReplacedTable extends Ks2AreaBreakdownsTable {
	replaced_by: number;
}
export interface Ks2SchoolContextReplacedTable extends Ks2SchoolContextTable {
	replaced_by: number;
}
export interface Ks2AreaContextReplacedTable extends Ks2AreaContextTable {
	replaced_by: number;
}

/** A file arriving in pieces from /imports (see import/jobs.ts). Times are milliseconds since 1970. */
export interface UploadsTable {
	id: string;
	user_id: number;
	file_name: string;
	size: number;
	received: number;
	created_ms: number;
}

export interface UploadPiecesTable {
	upload_id: string;
	offset: number;
	bytes: Uint8Array;
}

export interface ImportJobsTable {
	id: string;
	user_id: number;
	state: 'running' | 'finished' | 'failed';
	progress_json: string;
	outcome_json: string | null;
	error: string | null;
	created_ms: number;
	/** When the server running it last said how far it had got. */
	updated_ms: number;
}

export interface ImportTables {
	uploads: UploadsTable;
	upload_pieces: UploadPiecesTable;
	import_jobs: ImportJobsTable;
	imports: ImportsTable;
	ks2_results: Ks2ResultsTable;
	ks2_comparators: Ks2ComparatorsTable;
	school_links: SchoolLinksTable;
	ks2_results_replaced: Ks2ResultsReplacedTable;
	ks2_comparators_replaced: Ks2ComparatorsReplacedTable;
	school_links_replaced: SchoolLinksReplacedTable;
	schools_replaced: SchoolsReplacedTable;
	ks2_school_breakdowns: Ks2SchoolBreakdownsTable;
	ks2_area_breakdowns: Ks2AreaBreakdownsTable;
	ks2_school_context: Ks2SchoolContextTable;
	ks2_area_context: Ks2AreaContextTable;
	ks2_school_breakdowns_replaced: Ks2SchoolBreakdownsReplacedTable;
	ks2_area_breakdowns_replaced: Ks2AreaBreakdownsReplacedTable;
	ks2_school_context_replaced: Ks2SchoolContextReplacedTable;
	ks2_area_context_replaced: Ks2AreaContextReplacedTable;
}
