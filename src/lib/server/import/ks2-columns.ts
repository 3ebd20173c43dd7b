import type { Ks2Field } from '../../domain/ks2/types';
import { KS2_FIELD_SPECS } from '../../domain/import/ks2-fields';
import type { Ks2FigureColumn, Ks2FigureCodes } from '../db/schema/imports';

/**
 * Which stored column holds each Ks2Figures field. The type makes this total both ways:
 * every field has a column, and a column name that does not exist will not compile.
 */
export const KS2_COLUMN_OF: { readonly [F in Ks2Field]: Ks2FigureColumn } = {
	cohort: 'cohort',
	disadvantagedCount: 'disadvantaged_count',
	disadvantagedPct: 'disadvantaged_pct',
	rwmExpected: 'rwm_expected',
	rwmHigh: 'rwm_high',
	readExpected: 'read_expected',
	readHigh: 'read_high',
	readAverage: 'read_average',
	writExpected: 'writ_expected',
	writHigh: 'writ_high',
	matExpected: 'mat_expected',
	matHigh: 'mat_high',
	matAverage: 'mat_average',
	readProgress: 'read_progress',
	readProgressLower: 'read_progress_lower',
	readProgressUpper: 'read_progress_upper',
	readProgressBand: 'read_progress_band',
	readCoverage: 'read_coverage',
	writProgress: 'writ_progress',
	writProgressLower: 'writ_progress_lower',
	writProgressUpper: 'writ_progress_upper',
	writProgressBand: 'writ_progress_band',
	writCoverage: 'writ_coverage',
	matProgress: 'mat_progress',
	matProgressLower: 'mat_progress_lower',
	matProgressUpper: 'mat_progress_upper',
	matProgressBand: 'mat_progress_band',
	matCoverage: 'mat_coverage',
	rwmExpectedDisadvantaged: 'rwm_expected_disadvantaged',
	rwmExpectedNotDisadvantaged: 'rwm_expected_not_disadvantaged',
	rwmHighDisadvantaged: 'rwm_high_disadvantaged',
	cohort3yr: 'cohort_3yr',
	rwmExpected3yr: 'rwm_expected_3yr',
	rwmHigh3yr: 'rwm_high_3yr'
};

export function codeColumn(column: Ks2FigureColumn): keyof Ks2FigureCodes {
	return `${column}_code`;
}

/** The value columns alone, in KS2_FIELD_SPECS order. */
export const VALUE_COLUMNS: readonly Ks2FigureColumn[] = KS2_FIELD_SPECS.map((s) => KS2_COLUMN_OF[s.field]);

/** Value and code columns, in KS2_FIELD_SPECS order: the order rows are bound in. */
export const FIGURE_COLUMNS: readonly (Ks2FigureColumn | keyof Ks2FigureCodes)[] = VALUE_COLUMNS.flatMap((column) => [column, codeColumn(column)]);
