/**
 * What to say when KS2 results are stored, or analysed, for a year with no England figures. The
 * analysis compares each school with England's figure for the year (analysis/years.ts: the England
 * comparator rows, RECTYPE 5 or 4 in a ks2final file, the National rows of EES's local authority
 * performance data set); a year without one gives no gap, and a school with no other year to go on
 * is not judged on its KS2 results. Pure: the words only.
 */
import { academicYearLabel, academicYearsLabel } from '../ks2/types';

/** Where England's figures come from, in words: the EES data set that has them. */
const LA_PERFORMANCE =
	'the local authority performance data set from Explore Education Statistics ("Key stage 2 institutional level - Local authority (performance)"), whose National rows are England\'s figures';

/** The file that stored the results: a ks2final performance table, or EES's school performance data set. */
export type ResultsSource = 'ks2' | 'ees_school_performance';

/** The import report's warning for the years a file stored results for while no England figures are stored for them. */
export function noEnglandFiguresWarning(years: readonly number[], source: ResultsSource): string {
	const those = years.length === 1 ? 'that year' : 'those years';
	const why = source === 'ks2' ? 'this file has no England rows (RECTYPE 4 or 5)' : 'this data set has none';
	const fix = source === 'ks2' ? `Import the KS2 performance table for England for ${those}, or ${LA_PERFORMANCE}.` : `Import ${LA_PERFORMANCE}, for ${those}.`;
	return `There are no England figures for ${academicYearsLabel(years)} yet: ${why}. ${fix} Until then the analysis cannot compare these results with England's, and a school with no other year to go on is not judged on its KS2 results.`;
}

/** What `categorise` says on standard error when the year it analysed has no England figures. */
export function noEnglandComparatorWarning(year: number): string {
	const label = academicYearLabel(year);
	return `Warning: there are no England figures for ${label}, so no school's ${label} results were compared with England's, and schools with no other year to go on were not judged on their KS2 results (most are then Secure). Import ${LA_PERFORMANCE}, or a KS2 performance table with England rows, for ${label}, then run categorise again.`;
}
