/**
 * Reading grade cells as Ofsted's monthly management information (MI) writes them
 * (docs/data-files.md). Pure: the importer decides what to do with an error.
 *
 * Empty cells, `NULL`, `Not applicable` and `Not judged` are not grades. Cells are matched
 * case-insensitively, with surrounding space trimmed and runs of space (including the no-break
 * space some Windows-1252 copies carry) collapsed.
 */
import type { CategoryOfConcern, OeifGradeNumber, OfstedLegacyGrade, ReportCardGrade } from '../analysis/soft-intelligence';
import { oeifGradeOf } from '../analysis/soft-intelligence';

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Trimmed, lower case, runs of white space as one space. */
export function normaliseCell(cell: string | null | undefined): string {
	return (cell ?? '')
		.replace(/[\s\u00a0]+/g, ' ')
		.trim()
		.toLowerCase();
}

const NOT_A_GRADE = new Set(['', 'null', 'not applicable']);

/** A blank cell, NULL or "Not applicable": nothing recorded. ("Not judged" is read by each parser.) */
export function isBlankCell(cell: string | null | undefined): boolean {
	return NOT_A_GRADE.has(normaliseCell(cell));
}

function refuse<T>(what: string, cell: string | null | undefined): CellResult<T> {
	return { ok: false, message: `“${(cell ?? '').trim()}” is not ${what}` };
}

const CATEGORIES: Record<string, CategoryOfConcern> = {
	sm: 'special_measures',
	'special measures': 'special_measures',
	swk: 'serious_weaknesses',
	'serious weaknesses': 'serious_weaknesses',
	rsi: 'requires_significant_improvement',
	'requires significant improvement': 'requires_significant_improvement'
};

/** "SM", "SWK", "RSI" or the words; blank, NULL or "Not applicable" → null (no category of concern). */
export function parseCategoryOfConcern(cell: string | null | undefined): CellResult<CategoryOfConcern | null> {
	const text = normaliseCell(cell);
	if (NOT_A_GRADE.has(text)) return { ok: true, value: null };
	const value = CATEGORIES[text];
	return value ? { ok: true, value } : refuse('a category of concern (SM, SWK or RSI)', cell);
}

/**
 * An OEIF grade cell, overall or sub-judgement: "1" to "4"; "Not judged", blank, NULL or
 * "Not applicable" → null. For the overall grade, null with an inspection date is "Not judged"
 * (inspections from September 2024 gave no overall grade).
 */
export function parseOeifGrade(cell: string | null | undefined): CellResult<OeifGradeNumber | null> {
	const text = normaliseCell(cell);
	if (NOT_A_GRADE.has(text) || text === 'not judged') return { ok: true, value: null };
	if (/^[1-4]$/.test(text)) return { ok: true, value: Number(text) as OeifGradeNumber };
	return refuse('an OEIF grade (1 to 4, or Not judged)', cell);
}

/** `parseOeifGrade`, as the overall effectiveness the register stores: "2" → 'good', "Not judged" → null. */
export function parseOeifOverall(cell: string | null | undefined): CellResult<OfstedLegacyGrade | null> {
	const r = parseOeifGrade(cell);
	return r.ok ? { ok: true, value: r.value === null ? null : oeifGradeOf(r.value) } : r;
}

const REPORT_CARD: Record<string, ReportCardGrade> = {
	exceptional: 'exceptional',
	'strong standard': 'strong_standard',
	'expected standard': 'expected_standard',
	'needs attention': 'needs_attention',
	'urgent improvement': 'urgent_improvement'
};

/**
 * A report-card area grade: Exceptional, Strong standard, Expected standard, Needs attention or
 * Urgent improvement, in any case. Blank, NULL, "Not applicable" or "Not judged" → null (an area
 * such as early years that the school does not have).
 */
export function parseReportCardGrade(cell: string | null | undefined): CellResult<ReportCardGrade | null> {
	const text = normaliseCell(cell);
	if (NOT_A_GRADE.has(text) || text === 'not judged') return { ok: true, value: null };
	const value = REPORT_CARD[text];
	return value ? { ok: true, value } : refuse('a report-card grade', cell);
}

/** "Met" / "Not met" (report-card safeguarding standards); blank → null. */
export function parseSafeguardingMet(cell: string | null | undefined): CellResult<boolean | null> {
	const text = normaliseCell(cell);
	if (NOT_A_GRADE.has(text) || text === 'not judged') return { ok: true, value: null };
	if (text === 'met') return { ok: true, value: true };
	if (text === 'not met') return { ok: true, value: false };
	return refuse('Met or Not met', cell);
}

/** "Yes" / "No" (OEIF safeguarding effective, "relates to the URN of the current school"); blank → null. */
export function parseYesNo(cell: string | null | undefined): CellResult<boolean | null> {
	const text = normaliseCell(cell);
	if (NOT_A_GRADE.has(text)) return { ok: true, value: null };
	if (text === 'yes') return { ok: true, value: true };
	if (text === 'no') return { ok: true, value: false };
	return refuse('Yes or No', cell);
}
