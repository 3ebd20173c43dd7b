import type { TableRow } from './table';
import { toCsv } from '../csv';

export const CSV_HEADER = ['URN', 'School', 'Framework', 'Status', 'Status since', 'Award date', 'Expiry date', 'Renewal due from', 'Visit date', 'Assessor'];

/** The Quality Mark table as a CSV file, one row per school and framework, as filtered on the page. */
export function qualityMarkCsv(rows: readonly TableRow[]): string {
	return toCsv([
		CSV_HEADER,
		...rows.map((r) => [
			r.urn,
			r.schoolName,
			r.frameworkName,
			r.statusLabel,
			r.statusChangedOn,
			r.awardDate,
			r.expiryDate,
			r.renewalDueFrom,
			r.visitDate,
			r.assessorName
		])
	]);
}
