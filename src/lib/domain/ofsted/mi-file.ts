/**
 * Ofsted's monthly management information (MI), "Management information - state-funded schools -
 * latest inspections as at <date>" (docs/data-files.md): one row per open school, with its
 * latest report card, latest OEIF graded inspection and latest ungraded inspection side by side.
 * Pure: reads one row's cells into the inspections it holds, or says what is wrong and where.
 */
import { longDate } from '../format';
import type {
	CategoryOfConcern,
	OeifJudgement,
	OeifJudgements,
	OfstedLegacyGrade,
	OfstedType,
	ReportCardArea,
	SoftIntelligenceSource
} from '../analysis/soft-intelligence';
import {
	isBlankCell,
	normaliseCell,
	parseCategoryOfConcern,
	parseOeifGrade,
	parseOeifOverall,
	parseReportCardGrade,
	parseSafeguardingMet,
	parseYesNo,
	type CellResult
} from './grades';

/** The columns read, by Ofsted's names (matched case-insensitively, runs of spaces as one). */
export const MI_COLUMNS = {
	urn: 'URN',
	laestab: 'LAESTAB',
	// Report card (the renewed framework, from 10 November 2025).
	cardDate: 'Inspection start date',
	cardPublished: 'Publication date',
	inclusion: 'Inclusion',
	curriculum: 'Curriculum and teaching',
	achievement: 'Achievement',
	attendance: 'Attendance and behaviour',
	personalDevelopment: 'Personal development and wellbeing',
	leadership: 'Leadership and governance',
	earlyYears: 'Early years (where applicable)',
	post16: 'Post-16 provision (where applicable)',
	cardSafeguarding: 'Safeguarding standards',
	cardCategory: 'Category of concern',
	cardRelates: 'Does the latest full inspection relate to the URN of the current school?',
	// Latest graded inspection under the 2019 framework (OEIF).
	oeifDate: 'Inspection start date of latest OEIF graded inspection',
	oeifPublished: 'Publication date of latest OEIF graded inspection',
	oeifOverall: 'Latest OEIF overall effectiveness',
	qualityOfEducation: 'Latest OEIF quality of education',
	behaviourAndAttitudes: 'Latest OEIF behaviour and attitudes',
	personalDevelopmentOeif: 'Latest OEIF personal development',
	leadershipAndManagement: 'Latest OEIF effectiveness of leadership and management',
	earlyYearsOeif: 'Latest OEIF early years provision (where applicable)',
	sixthForm: 'Latest OEIF sixth form provision (where applicable)',
	// Ofsted's own name has two spaces; names are matched with runs of spaces collapsed.
	oeifSafeguarding: 'Latest OEIF  safeguarding is effective?',
	oeifCategory: 'Latest OEIF category of concern',
	oeifRelates: 'Does the latest OEIF graded inspection relate to the URN of the current school?',
	// Latest ungraded inspection.
	ungradedDate: 'Date of latest ungraded inspection',
	ungradedPublished: 'Ungraded inspection publication date',
	ungradedOutcome: 'Ungraded inspection overall outcome',
	ungradedRelates: 'Does the ungraded inspection relate to the URN of the current school?'
} as const;

export type MiField = keyof typeof MI_COLUMNS;

/** Report-card areas: the MI column, and the area's name as the register keeps it. */
export const MI_CARD_AREAS: readonly { field: MiField; area: string }[] = [
	{ field: 'inclusion', area: 'Inclusion' },
	{ field: 'curriculum', area: 'Curriculum and teaching' },
	{ field: 'achievement', area: 'Achievement' },
	{ field: 'attendance', area: 'Attendance and behaviour' },
	{ field: 'personalDevelopment', area: 'Personal development and wellbeing' },
	{ field: 'leadership', area: 'Leadership and governance' },
	{ field: 'earlyYears', area: 'Early years' },
	{ field: 'post16', area: 'Post-16 provision' }
];

/** OEIF sub-judgements: the MI column for each. */
export const MI_JUDGEMENTS: readonly { field: MiField; judgement: OeifJudgement }[] = [
	{ field: 'qualityOfEducation', judgement: 'qualityOfEducation' },
	{ field: 'behaviourAndAttitudes', judgement: 'behaviourAndAttitudes' },
	{ field: 'personalDevelopmentOeif', judgement: 'personalDevelopment' },
	{ field: 'leadershipAndManagement', judgement: 'leadershipAndManagement' },
	{ field: 'earlyYearsOeif', judgement: 'earlyYears' },
	{ field: 'sixthForm', judgement: 'sixthForm' }
];

interface InspectionBase {
	/** yyyy-mm-dd: the inspection start date, the date the register keeps. */
	date: string;
	publishedDate: string | null;
	categoryOfConcern: CategoryOfConcern | null;
	/** The file says the inspection does not relate to this URN: it was of the predecessor school. */
	predecessor: boolean;
}

export interface MiReportCard extends InspectionBase {
	type: 'ofsted_report_card';
	areas: ReportCardArea[];
	safeguardingMet: boolean;
}

export interface MiGraded extends InspectionBase {
	type: 'ofsted_legacy';
	/** Null: "Not judged" (no overall grade). */
	grade: OfstedLegacyGrade | null;
	judgements: OeifJudgements;
	safeguardingEffective: boolean | null;
}

export interface MiUngraded extends InspectionBase {
	type: 'ofsted_ungraded';
	outcome: string;
}

export type MiInspection = MiReportCard | MiGraded | MiUngraded;

export interface MiRow {
	urn: number;
	/** The LA code, the first three digits of LAESTAB; null when the file does not give it. */
	laCode: string | null;
	inspections: MiInspection[];
}

export interface MiCellProblem {
	field: MiField;
	message: string;
}

/** A cell by field; undefined when the file has no such column. */
export type MiCells = (field: MiField) => string | undefined;

/** A URN: a positive whole number of up to 7 digits. */
export function parseMiUrn(cell: string | undefined): CellResult<number> {
	const t = (cell ?? '').trim();
	if (/^\d{1,7}$/.test(t) && Number(t) > 0) return { ok: true, value: Number(t) };
	return { ok: false, message: t === '' ? 'the row has no URN' : `“${t}” is not a URN (a whole number of up to 7 digits)` };
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1) return false;
	const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
	return d <= MONTH_DAYS[m - 1] + (leap ? 1 : 0);
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: 00:00(?::00)?)?$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date as the MI file writes it, dd/mm/yyyy (a spreadsheet may add a time of 00:00, or save it
 * as yyyy-mm-dd). Blank, NULL or "Not applicable" is no date.
 */
export function parseMiDate(cell: string | undefined): CellResult<string | null> {
	if (isBlankCell(cell)) return { ok: true, value: null };
	const t = (cell ?? '').trim();
	const dmy = DMY.exec(t);
	const ymd = dmy ? null : YMD.exec(t);
	const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : ['', '', ''];
	if (y !== '' && isRealDate(Number(y), Number(m), Number(d))) return { ok: true, value: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` };
	return { ok: false, message: `“${t}” is not a date in the form dd/mm/yyyy` };
}

/** The LA code from LAESTAB (LA code and establishment number, "8502001"); null when blank or not one. */
export function laCodeOf(laestab: string | undefined): string | null {
	const t = (laestab ?? '').trim().replace(/\//, '');
	return /^\d{7}$/.test(t) ? t.slice(0, 3) : null;
}

/** One row being read: its cells, and what is wrong with them so far. */
interface RowReading {
	cell: MiCells;
	problems: MiCellProblem[];
}

/** Ofsted's usual "nothing here", recognised without normalising the cell (most cells of most rows). */
const plainlyBlank = (c: string | undefined) => c === undefined || c === '' || c === 'NULL';

/** A cell that may be blank, through `parse`; a cell it refuses is a problem, read as null. */
function optional<T>(r: RowReading, field: MiField, parse: (c: string | undefined) => CellResult<T | null>): T | null {
	const c = r.cell(field);
	if (plainlyBlank(c)) return null;
	const result = parse(c);
	if (result.ok) return result.value;
	r.problems.push({ field, message: result.message });
	return null;
}

/** Whether any of the cells holds something: a grade, a date, an outcome ("Not judged" is not one). */
function anyGiven(r: RowReading, fields: readonly MiField[]): boolean {
	return fields.some((f) => {
		const c = r.cell(f);
		return !plainlyBlank(c) && !isBlankCell(c) && normaliseCell(c) !== 'not judged';
	});
}

/** The kind's inspection start date; a problem when it is not a date, or when the kind's other cells are given without one. */
function startDate(r: RowReading, field: MiField, others: readonly MiField[], what: string): string | null {
	const before = r.problems.length;
	const date = optional(r, field, parseMiDate);
	if (date === null && r.problems.length === before && anyGiven(r, others)) r.problems.push({ field, message: `there is ${what} but no date for it` });
	return date;
}

/** "Does the ... relate to the URN of the current school?": No means the predecessor school. */
const predecessorOf = (r: RowReading, field: MiField) => optional(r, field, parseYesNo) === false;

const CARD_CELLS: readonly MiField[] = [...MI_CARD_AREAS.map((a) => a.field), 'cardSafeguarding'];
const OEIF_CELLS: readonly MiField[] = ['oeifOverall', ...MI_JUDGEMENTS.map((j) => j.field), 'oeifSafeguarding'];

function reportCard(r: RowReading): MiReportCard | null {
	const date = startDate(r, 'cardDate', CARD_CELLS, 'a report card');
	if (date === null) return null;
	const publishedDate = optional(r, 'cardPublished', parseMiDate);
	const areas: ReportCardArea[] = [];
	for (const { field, area } of MI_CARD_AREAS) {
		const grade = optional(r, field, parseReportCardGrade);
		if (grade !== null) areas.push({ area, grade });
	}
	const before = r.problems.length;
	const met = optional(r, 'cardSafeguarding', parseSafeguardingMet);
	if (met === null && r.problems.length === before) {
		r.problems.push({ field: 'cardSafeguarding', message: 'the report card has no safeguarding standards: it should say Met or Not met' });
	}
	return {
		type: 'ofsted_report_card',
		date,
		publishedDate,
		areas,
		safeguardingMet: met ?? false,
		categoryOfConcern: optional(r, 'cardCategory', parseCategoryOfConcern),
		predecessor: predecessorOf(r, 'cardRelates')
	};
}

function graded(r: RowReading): MiGraded | null {
	const date = startDate(r, 'oeifDate', OEIF_CELLS, 'an OEIF graded inspection');
	if (date === null) return null;
	const publishedDate = optional(r, 'oeifPublished', parseMiDate);
	const grade = optional(r, 'oeifOverall', parseOeifOverall);
	const judgements: OeifJudgements = {};
	for (const { field, judgement } of MI_JUDGEMENTS) {
		const n = optional(r, field, parseOeifGrade);
		if (n !== null) judgements[judgement] = n;
	}
	return {
		type: 'ofsted_legacy',
		date,
		publishedDate,
		grade,
		judgements,
		safeguardingEffective: optional(r, 'oeifSafeguarding', parseYesNo),
		categoryOfConcern: optional(r, 'oeifCategory', parseCategoryOfConcern),
		predecessor: predecessorOf(r, 'oeifRelates')
	};
}

function ungraded(r: RowReading): MiUngraded | null {
	const date = startDate(r, 'ungradedDate', ['ungradedOutcome'], 'an ungraded inspection outcome');
	if (date === null) return null;
	const outcome = r.cell('ungradedOutcome');
	return {
		type: 'ofsted_ungraded',
		date,
		publishedDate: optional(r, 'ungradedPublished', parseMiDate),
		outcome: isBlankCell(outcome) ? '' : (outcome ?? '').replace(/\s+/g, ' ').trim(),
		categoryOfConcern: null,
		predecessor: predecessorOf(r, 'ungradedRelates')
	};
}

/**
 * One row of the file: its URN, LA and the inspections it records. Every cell that cannot be read
 * is a problem; a row with any problem gives no inspections.
 */
export function readMiRow(cell: MiCells): { ok: true; row: MiRow } | { ok: false; problems: MiCellProblem[] } {
	const r: RowReading = { cell, problems: [] };
	const urn = parseMiUrn(cell('urn'));
	if (!urn.ok) r.problems.push({ field: 'urn', message: urn.message });
	const inspections = [reportCard(r), graded(r), ungraded(r)].filter((i): i is MiInspection => i !== null);
	if (!urn.ok || r.problems.length > 0) return { ok: false, problems: r.problems };
	return { ok: true, row: { urn: urn.value, laCode: laCodeOf(cell('laestab')), inspections } };
}

/**
 * Why a file's columns cannot be read as the management information this module reads, or null.
 * A file with an `Inspection start date` column but none of the report card's columns is in an
 * older layout, from before report cards began (10 November 2025): read as this one, every row with
 * a date would be a report card with no safeguarding standards. Such a file is refused once, for
 * the whole file. `has` says whether the file has a column, by its name in MI_COLUMNS.
 */
export function miLayoutProblem(has: (column: string) => boolean): string | null {
	if (!has(MI_COLUMNS.cardDate) || CARD_CELLS.some((f) => has(MI_COLUMNS[f]))) return null;
	return (
		`This is Ofsted's management information in an older layout, from before report cards began in November 2025: ` +
		`it has an ${MI_COLUMNS.cardDate} column but none of the report card columns (${MI_COLUMNS.inclusion}, ${MI_COLUMNS.achievement}, ${MI_COLUMNS.cardSafeguarding} and the others), ` +
		`so its inspections cannot be read. Download the latest month's "Management information - state-funded schools - latest inspections as at <date>" ` +
		`from GOV.UK and import that instead.`
	);
}

/** Same school, kind and inspection start date: the same inspection. */
export function inspectionKey(urn: number, type: OfstedType, date: string): string {
	return `${urn} ${type} ${date}`;
}

/**
 * Whether an MI row fills in (replaces) an entry already recorded for the same inspection: only
 * the record a GIAS rating made (a grade and nothing more) that no adviser has corrected or
 * withdrawn. Anything else recorded for that inspection stands, and the row adds nothing.
 */
export function miFillsIn(entry: { source: SoftIntelligenceSource; corrected: boolean; withdrawn: boolean }): boolean {
	return entry.source === 'gias_import' && !entry.corrected && !entry.withdrawn;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Where the file's outcomes came from, for the register: "Ofsted MI as at 30 April 2026" from a
 * name with "as at 30 April 2026" (or "30 Apr 2026", "30-04-2026", "2026-04-30", with spaces,
 * underscores or hyphens between the words); "Ofsted MI file <name>" when the name has no date.
 */
export function miSourceLabel(fileName: string): string {
	const name = fileName.replace(/\.csv$/i, '');
	const words = name.replace(/[_+]/g, ' ').replace(/\s+/g, ' ');
	const at = /as[\s-]+at[\s-]+(.+)$/i.exec(words);
	const iso = at ? dateInWords(at[1]) : null;
	return iso ? `Ofsted MI as at ${longDate(iso)}` : `Ofsted MI file ${fileName.trim()}`;
}

function dateInWords(text: string): string | null {
	const t = text.trim().toLowerCase();
	let y: number, m: number, d: number;
	const named = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)[\s-]+(\d{4})\b/.exec(t);
	const numeric = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b/.exec(t);
	const isoLike = /^(\d{4})-(\d{2})-(\d{2})\b/.exec(t);
	if (named) {
		// "Apr", "Sept", "April": any start of the month's name of three letters or more.
		const month = named[2].length >= 3 ? MONTHS.findIndex((mo) => mo.startsWith(named[2])) : -1;
		if (month < 0) return null;
		[y, m, d] = [Number(named[3]), month + 1, Number(named[1])];
	} else if (numeric) {
		[y, m, d] = [Number(numeric[3]), Number(numeric[2]), Number(numeric[1])];
	} else if (isoLike) {
		[y, m, d] = [Number(isoLike[1]), Number(isoLike[2]), Number(isoLike[3])];
	} else return null;
	const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	const date = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}
