/** Checks on a file's first bytes, before anything is parsed. */

const SPREADSHEET_HINT = 'In Excel, use Save As and choose "CSV UTF-8 (Comma delimited)", then upload that file.';

/** Plain words for why these bytes are not a CSV file, or null when they could be text. */
export function binaryProblem(first: Uint8Array): string | null {
	const starts = (...sig: number[]) => sig.every((b, i) => first[i] === b);
	if (starts(0x50, 0x4b, 0x03, 0x04)) return `This is an Excel workbook or a zip file, not a CSV file. ${SPREADSHEET_HINT}`;
	if (starts(0xd0, 0xcf, 0x11, 0xe0)) return `This is an old-style Excel workbook (.xls), not a CSV file. ${SPREADSHEET_HINT}`;
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'This is a PDF, not a CSV file. Download the CSV version of the data instead.';
	if (starts(0x1f, 0x8b)) return 'This is a compressed (gzip) file. Unzip it and upload the CSV file inside.';
	let control = 0;
	const n = Math.min(first.length, 65536);
	for (let i = 0; i < n; i++) {
		const b = first[i];
		if (b === 0) return 'This is not a text file (it contains binary data), so it cannot be a CSV file.';
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
	}
	return control > n / 100 ? 'This is not a text file (it contains binary data), so it cannot be a CSV file.' : null;
}

export function hasUtf8Bom(first: Uint8Array): boolean {
	return first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
}
