// Changes here are on the import's hot path: check them with `npm run bench:import`.
/**
 * Reading the cells of DfE's KS2 data sets on Explore Education Statistics (EES). They are long
 * ("tidy") files: a number is bare (the information files keep `%` on the `p...` columns), and a
 * figure that is not published is one of the GSS symbols below, never a blank or a 0.
 */
import { NOT_A_FIGURE, parseFigure, plainNumber } from './figures';
import { isKs2Version, type Ks2Version } from './version';

/** The GSS symbols EES files use in place of a number. Each is kept as a code, never a number. */
export const GSS_SYMBOLS = ['z', 'x', 'c', 'low', 'u', ':'] as const;
export type GssSymbol = (typeof GSS_SYMBOLS)[number];

const SYMBOLS: ReadonlyMap<string, GssSymbol> = new Map(GSS_SYMBOLS.map((s) => [s, s]));

/** The symbol a cell holds (trimmed, any case), or null when it holds something else. */
export function gssSymbol(raw: string): GssSymbol | null {
	return SYMBOLS.get(raw) ?? SYMBOLS.get(raw.trim().toLowerCase()) ?? null;
}

export type EesFigure = number | GssSymbol | '' | typeof NOT_A_FIGURE;

/**
 * A number, a GSS symbol, '' for an empty cell, or NOT_A_FIGURE for anything else: a malformed
 * number, or a symbol GSS does not define (a ks2final code such as SUPP is not one).
 */
export function parseEesFigure(raw: string | undefined): EesFigure {
	if (raw === undefined || raw === '') return '';
	// Most cells of a performance file are `z`: answer that before anything else.
	if (raw === 'z') return 'z';
	const plain = plainNumber(raw);
	if (plain !== null) return plain;
	const symbol = gssSymbol(raw);
	if (symbol !== null) return symbol;
	const parsed = parseFigure(raw);
	return typeof parsed === 'number' || parsed === '' ? parsed : NOT_A_FIGURE;
}

/** DfE's progress bands, 1 well above to 5 well below, as words. */
export const BAND_WORDS: Readonly<Record<string, number>> = {
	'well above average': 1,
	'above average': 2,
	average: 3,
	'below average': 4,
	'well below average': 5
};

/**
 * `progress_measure_description`: DfE's band in words ("Well below average") or as its code 1-5,
 * or a GSS symbol. Read into the same 1-5 figure the ks2final `*_DESCR` columns hold.
 */
export function parseProgressBand(raw: string | undefined): EesFigure {
	const figure = parseEesFigure(raw);
	if (figure !== NOT_A_FIGURE) return figure;
	return BAND_WORDS[normalLabel(raw!)] ?? NOT_A_FIGURE;
}

/** How labels are compared: any case, any spacing, hyphens as spaces ("Not-disadvantaged"). */
export function normalLabel(raw: string): string {
	return raw
		.trim()
		.toLowerCase()
		.replace(/[-\s]+/g, ' ');
}

/**
 * `time_period` is the academic year as six digits: 202425 is 2024/25, whose tests were in the
 * summer of 2025. Returns that summer, or null when the text is not such a year.
 */
export function parseTimePeriod(raw: string | undefined): number | null {
	const m = /^(\d{4})(\d{2})$/.exec((raw ?? '').trim());
	if (!m) return null;
	const start = Number(m[1]);
	return (start + 1) % 100 === Number(m[2]) ? start + 1 : null;
}

/** 2025 as EES writes it: 202425. */
export function timePeriodOf(year: number): string {
	return `${year - 1}${String(year % 100).padStart(2, '0')}`;
}

/** The `version` column: Provisional, Revised or Final, in any case. */
export function parseEesVersion(raw: string | undefined): Ks2Version | null {
	const v = (raw ?? '').trim().toLowerCase();
	return isKs2Version(v) ? v : null;
}
