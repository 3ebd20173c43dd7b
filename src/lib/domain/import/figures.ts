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
	'': 'blank'
};

/** Returned when a cell is neither a number nor anything that looks like a code. */
export const NOT_A_FIGURE = Symbol('not a figure');

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;
const CODE_LIKE = /^[A-Za-z]{1,10}$/;

/**
 * Reads a cell as a number, or as the code published instead (trimmed, upper case; '' for blank).
 * A trailing `%` is stripped. Letters-only text that is not a known code is returned as a code
 * too (so a new DfE code never becomes a number); check it with `KNOWN_CODES`.
 */
export function parseFigure(raw: string | undefined): number | string | typeof NOT_A_FIGURE {
	if (raw === undefined || raw === '') return '';
	// Fast path for the common case, a plain number such as 66% or -1.5: this runs for every cell.
	const plain = plainNumber(raw);
	if (plain !== null) return plain;
	let text = raw.trim();
	if (text === '') return '';
	if (text.endsWith('%')) text = text.slice(0, -1).trimEnd();
	if (NUMBER.test(text)) return Number(text);
	if (CODE_LIKE.test(text)) return text.toUpperCase();
	return NOT_A_FIGURE;
}

/** Reads [-]digits[.digits][%] without a regex or a copy; null for anything else. */
function plainNumber(raw: string): number | null {
	let end = raw.length;
	if (raw.charCodeAt(end - 1) === 37 /* % */) end--;
	let i = raw.charCodeAt(0) === 45 /* - */ ? 1 : 0;
	if (i >= end) return null;
	let dot = false;
	let digits = 0;
	for (; i < end; i++) {
		const c = raw.charCodeAt(i);
		if (c >= 48 && c <= 57) digits++;
		else if (c === 46 && !dot) dot = true;
		else return null;
	}
	if (digits === 0) return null;
	return Number(end === raw.length ? raw : raw.slice(0, end));
}
