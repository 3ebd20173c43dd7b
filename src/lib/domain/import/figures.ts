// Changes here are on the import's hot path: check them with `npm run bench:import`.
/**
 * Reading one cell of a DfE performance table. A cell is a number (`66%`, `-5`, `0`, `101.5`)
 * or a code that stands in for a number that was not published. A code is never turned into 0:
 * the caller stores the value as not available and keeps the code.
 */

/** The codes DfE uses in numeric columns (see the ks2_meta files). */
export const KNOWN_CODES: ReadonlySet<string> = new Set(['SUPP', 'NA', 'NE', 'NP', 'SP', 'RE', 'LOWCOV', 'NEW']);

/** What each code means, for reports. Blank is '' (an empty cell, a single space, or a missing trailing field). */
export const CODE_MEANINGS: Readonly<Record<string, string>> = {
	SUPP: 'suppressed (5 or fewer pupils)',
	NA: 'not applicable',
	NE: 'no entries',
	NP: 'not published',
	SP: 'small percentage',
	RE: 'results withheld',
	LOWCOV: 'low coverage (under 50% of pupils)',
	NEW: 'new school',
	'': 'blank',
	// GSS symbols, used by the Explore Education Statistics data sets (see ees-values.ts).
	z: 'not applicable',
	x: 'not available',
	c: 'confidential (suppressed)',
	low: 'rounds to 0, but is not 0',
	u: 'low reliability',
	':': 'not available'
};

/** Returned when a cell is neither a number nor one of DfE's codes. */
export const NOT_A_FIGURE = Symbol('not a figure');

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/**
 * Reads a cell as a number, or as the code published instead (trimmed, upper case; '' for blank:
 * an empty cell, a single space, or a missing trailing field). A trailing `%` is stripped from a
 * number. Anything else, a code DfE has never used (`x`, `ABC`, `abc%`) included, is NOT_A_FIGURE:
 * the importer cannot know what an unknown code means, so the file is refused rather than the
 * cell stored as "not available".
 */
export function parseFigure(raw: string | undefined): number | string | typeof NOT_A_FIGURE {
	if (raw === undefined || raw === '') return '';
	// Fast path for the common case, a plain number such as 66% or -1.5: this runs for every cell.
	const plain = plainNumber(raw);
	if (plain !== null) return plain;
	let text = raw.trim();
	if (text === '') return '';
	const code = text.toUpperCase();
	if (KNOWN_CODES.has(code)) return code;
	if (text.endsWith('%')) text = text.slice(0, -1).trimEnd();
	if (NUMBER.test(text)) return Number(text);
	return NOT_A_FIGURE;
}

/** 10 ** k, exactly, for every k a plain number can have. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Reads [-]digits[.digits][%] without a regex, a copy or Number(): this runs for every cell.
 * With at most 15 digits the digits are an exact integer n and 10^k is exact, so n / 10^k is the
 * one correctly rounded division, the same double Number() gives for the text. Null for anything else.
 */
export function plainNumber(raw: string): number | null {
	let end = raw.length;
	if (raw.charCodeAt(end - 1) === 37 /* % */) end--;
	const negative = raw.charCodeAt(0) === 45; /* - */
	let i = negative ? 1 : 0;
	if (i >= end) return null;
	let dot = -1;
	let digits = 0;
	let n = 0;
	for (; i < end; i++) {
		const c = raw.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			n = n * 10 + (c - 48);
			digits++;
		} else if (c === 46 && dot < 0) dot = i;
		else return null;
	}
	if (digits === 0) return null;
	if (digits > 15) return Number(end === raw.length ? raw : raw.slice(0, end));
	const value = dot < 0 ? n : n / POWERS_OF_TEN[end - dot - 1];
	return negative ? -value : value;
}
