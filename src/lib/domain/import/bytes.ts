import { count } from '../format';
/**
 * Checks on a file's bytes: what kind of file its first bytes say it is, and the rules every byte
 * of a CSV file must keep, with the words for a file that breaks them. The streaming check that
 * applies these rules to a whole file as it is read is server/import/text-check.ts.
 */

const SPREADSHEET_HINT = 'In Excel, use Save As and choose "CSV UTF-8 (Comma delimited)", then upload that file.';
const NOT_TEXT = 'This is not a text file (it contains binary data), so it cannot be a CSV file.';

/**
 * Control characters no CSV text holds: every byte below 0x20 except TAB, LF and CR, and DEL (0x7F).
 * 1 for such a byte. The same in UTF-8 and Windows-1252, where they are single bytes.
 */
export const CONTROL_BYTES: Uint8Array = (() => {
	const table = new Uint8Array(256);
	for (let b = 0; b < 0x20; b++) if (b !== 0x09 && b !== 0x0a && b !== 0x0d) table[b] = 1;
	table[0x7f] = 1;
	return table;
})();

/** Bytes Windows-1252 leaves undefined: no text in that encoding holds them. */
export const CP1252_UNDEFINED: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/**
 * Plain words for why these bytes (the first of a file) are not a CSV file, or null when they
 * could be text: a workbook, a PDF, a compressed file, or more than 1% control characters. A file
 * with the odd control character is text that has been damaged; the streaming check names where.
 */
export function binaryProblem(first: Uint8Array): string | null {
	const starts = (...sig: number[]) => sig.every((b, i) => first[i] === b);
	if (starts(0x50, 0x4b, 0x03, 0x04)) return `This is an Excel workbook or a zip file, not a CSV file. ${SPREADSHEET_HINT}`;
	if (starts(0xd0, 0xcf, 0x11, 0xe0)) return `This is an old-style Excel workbook (.xls), not a CSV file. ${SPREADSHEET_HINT}`;
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'This is a PDF, not a CSV file. Download the CSV version of the data instead.';
	if (starts(0x1f, 0x8b)) return 'This is a compressed (gzip) file. Unzip it and upload the CSV file inside.';
	let control = 0;
	const n = Math.min(first.length, 65536);
	for (let i = 0; i < n; i++) control += CONTROL_BYTES[first[i]];
	return control > n / 100 ? NOT_TEXT : null;
}

export function hasUtf8Bom(first: Uint8Array): boolean {
	return first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
}

/** Index of the first control byte (see CONTROL_BYTES) in bytes[from, to), or -1. */
export function firstControlByte(bytes: Uint8Array, from = 0, to = bytes.length): number {
	for (let i = from; i < to; i++) if (CONTROL_BYTES[bytes[i]] === 1) return i;
	return -1;
}

/**
 * Where UTF-8 text goes wrong: the index of the first byte that does not begin a valid character,
 * `bytes.length` when the text is valid but its last character is cut off at the end, or -1 when
 * it is all valid. Overlong forms, surrogates and code points past U+10FFFF are invalid, as in
 * TextDecoder's fatal mode.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	const n = bytes.length;
	let i = 0;
	while (i < n) {
		const b = bytes[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let lo = 0x80;
		let hi = 0xbf;
		if (b >= 0xc2 && b <= 0xdf) need = 1;
		else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			if (b === 0xe0) lo = 0xa0;
			else if (b === 0xed) hi = 0x9f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			if (b === 0xf0) lo = 0x90;
			else if (b === 0xf4) hi = 0x8f;
		} else return i;
		for (let k = 1; k <= need; k++) {
			if (i + k >= n) return n;
			const c = bytes[i + k];
			if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
		}
		i += need + 1;
	}
	return -1;
}

/** "byte 70,001": a place in the file as a person counts, from 1. */
export function bytePlace(offset: number): string {
	return `byte ${count(offset + 1)}`;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
const DAMAGED = 'The file may be damaged or cut short: download it again, and check it opens as text.';

export function controlByteProblem(offset: number, byte: number): string {
	return `The file has a control character (${hex(byte)}) at ${bytePlace(offset)}, which no CSV text has. ${DAMAGED}`;
}

export function invalidUtf8Problem(offset: number): string {
	return `The text is not valid UTF-8 at ${bytePlace(offset)}, though the file starts with UTF-8's byte-order mark, so all of it should be. ${DAMAGED}`;
}

export function cp1252Problem(offset: number, byte: number): string {
	return `The file is not UTF-8, so it was read as Windows-1252, but ${bytePlace(offset)} (${hex(byte)}) is not a character in Windows-1252. ${DAMAGED}`;
}

export function cutCharacterProblem(offset: number): string {
	return `The file ends part-way through a character (from ${bytePlace(offset)}), so it has been cut short. Download it again.`;
}
