/**
 * Windows-1252, the encoding GIAS writes. Node 20's TextDecoder('windows-1252') decodes it as
 * Latin-1, which turns 0x92 into an invisible control character instead of ’; so the 32 bytes
 * where the two differ (0x80-0x9F) are mapped here, from the WHATWG encoding table.
 */
const HIGH_BLOCK = [
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
	0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178
];
const DECODED = HIGH_BLOCK.map((c) => String.fromCharCode(c));
const ENCODED = new Map(HIGH_BLOCK.map((c, i) => [String.fromCharCode(c), 0x80 + i]));

/** Bytes to text. Each byte is one character, so a chunk can be decoded on its own. */
export function decodeCp1252(bytes: Uint8Array): string {
	let text = '';
	const step = 8192;
	for (let i = 0; i < bytes.length; i += step) text += String.fromCharCode(...bytes.subarray(i, i + step));
	return text.replace(/[\u0080-\u009f]/g, (c) => DECODED[c.charCodeAt(0) - 0x80]);
}

/** Text to bytes, for writing GIAS-style files; a character cp1252 cannot hold becomes '?'. */
export function encodeCp1252(text: string): Uint8Array {
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		out[i] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (ENCODED.get(text[i]) ?? 0x3f);
	}
	return out;
}
