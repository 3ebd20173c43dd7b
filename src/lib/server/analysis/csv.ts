/**
 * CSV for spreadsheets (RFC 4180, CRLF). A cell that starts with =, +, -, @, tab or CR is prefixed
 * with ' so a spreadsheet shows it as text instead of running it as a formula (docs/architecture.md),
 * unless the whole cell is a plain number such as -3.5.
 */
export function csvCell(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
