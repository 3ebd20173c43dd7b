import type { TableRow } from './table';

/** Characters that make a spreadsheet read a cell as a formula (docs/architecture.md, Security). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number such as -3.5 or +2 is data, and stays as it is so it still sorts as a number. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

/** Prefixes a cell that could run as a formula with an apostrophe, which spreadsheets show as text. */
export function neutraliseCell(value: string): string {
	return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

function cell(value: string | number | null): string {
	if (value === null) return '';
	const text = typeof value === 'number' ? String(value) : neutraliseCell(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends and a byte order mark, so Excel reads names with accents correctly. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
	return '\uFEFF' + rows.map((row) => row.map(cell).join(',') + '\r\n').join('');
}

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
