import Papa from 'papaparse';

/*
 * The one CSV writer, for every export: the school list, the Quality Mark table and the CLI's
 * categorise. papaparse does the quoting (RFC 4180); this adds the rest a spreadsheet needs:
 * - CRLF after every row, the last one included;
 * - a UTF-8 byte order mark, so Excel reads accented school names (Ysgol Gymraeg, Saint-Exupéry)
 *   as written; a CSV written to standard output for other programs leaves it out;
 * - a guard against formula injection: a cell that starts with =, +, -, @, tab or CR is prefixed
 *   with ' so a spreadsheet shows it as text instead of running it, unless the whole cell is a
 *   plain number such as -3.5, which stays a number. Names come from imported files and from
 *   people, so no cell is trusted.
 */

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
const BYTE_ORDER_MARK = '\uFEFF';

/** Prefixes a cell that could run as a formula with an apostrophe, which spreadsheets show as text. */
export function neutraliseCell(value: string): string {
	return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

function guarded(value: CsvCell): string | number | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'number' ? value : neutraliseCell(value);
}

/** Rows as CSV for a spreadsheet: byte order mark (unless `byteOrderMark: false`), CRLF, formula guard. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { byteOrderMark?: boolean } = {}): string {
	const body =
		rows.length === 0
			? ''
			: Papa.unparse(
					rows.map((row) => row.map(guarded)),
					{ newline: '\r\n' }
				) + '\r\n';
	return (options.byteOrderMark === false ? '' : BYTE_ORDER_MARK) + body;
}

/** One cell as it is written in a row. */
export function csvCell(value: CsvCell): string {
	return toCsv([[value]], { byteOrderMark: false }).slice(0, -2);
}
