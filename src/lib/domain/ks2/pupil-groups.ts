/**
 * The pupil groups and average scaled scores the KS2 data sets from Explore Education Statistics
 * carry for a school, with the LA's and England's beside them, as the profile shows them. The
 * import stores each school's (and each area's) figures as breakdown -> subject -> the measures in
 * EES_MEASURES order, where a GSS symbol ("c", "x", "low") is kept as text and never as 0.
 */
import { EES_MEASURES } from '../import/ees-layout';

/** A number, a GSS symbol saying why there is none, or nothing published. */
export type GroupCell = number | string | null;
/** breakdown -> subject -> figures in EES_MEASURES order. */
export type BreakdownFigures = Record<string, Record<string, readonly GroupCell[]>>;

/** The groups in the order the profile lists them, each with the names DfE has used for it. */
export const PUPIL_GROUPS: readonly { label: string; names: readonly string[] }[] = [
	{ label: 'All pupils', names: ['Total', 'All pupils'] },
	{ label: 'Disadvantaged', names: ['Disadvantaged'] },
	{ label: 'Not disadvantaged', names: ['Not disadvantaged', 'Disadvantaged all other'] },
	{ label: 'Boys', names: ['Boys', 'Male'] },
	{ label: 'Girls', names: ['Girls', 'Female'] },
	{ label: 'SEN support', names: ['SEN support'] },
	{ label: 'Education, health and care plan', names: ['SEN EHC', 'SEN with an EHC plan', 'EHC plan'] },
	{ label: 'No special educational needs', names: ['No SEN', 'No identified SEN'] }
];

/** The subjects with an average scaled score, in the order the profile lists them. */
export const SCALED_SCORE_SUBJECTS = ['Reading', 'Maths', 'Grammar, punctuation and spelling'] as const;

const RWM = 'Reading, writing and maths';
const measure = (column: (typeof EES_MEASURES)[number]['column']) => EES_MEASURES.findIndex((m) => m.column === column);
const EXPECTED = measure('expected_standard_pupil_percent');
const SCALED = measure('average_scaled_score');

export interface GroupRow {
	label: string;
	school: GroupCell;
	la: GroupCell;
	england: GroupCell;
}

export interface GroupFigures {
	school: BreakdownFigures | null;
	la: BreakdownFigures | null;
	england: BreakdownFigures | null;
}

/** Matching ignores case and spaces, as DfE's names vary between years and files. */
const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function pick(figures: BreakdownFigures | null, names: readonly string[], subject: string, index: number): GroupCell {
	if (!figures) return null;
	const wanted = new Set(names.map(key));
	const breakdown = Object.entries(figures).find(([name]) => wanted.has(key(name)))?.[1];
	if (!breakdown) return null;
	const row = Object.entries(breakdown).find(([name]) => key(name) === key(subject))?.[1];
	return row?.[index] ?? null;
}

const anything = (r: GroupRow) => r.school !== null || r.la !== null || r.england !== null;

/**
 * The % of each pupil group meeting the expected standard in reading, writing and maths: the
 * school's, the LA's and England's. Groups none of the three publishes are left out; a school
 * figure DfE withheld keeps its symbol.
 */
export function pupilGroupRows(f: GroupFigures): GroupRow[] {
	return PUPIL_GROUPS.map(({ label, names }) => ({
		label,
		school: pick(f.school, names, RWM, EXPECTED),
		la: pick(f.la, names, RWM, EXPECTED),
		england: pick(f.england, names, RWM, EXPECTED)
	})).filter(anything);
}

/** The average scaled score of all pupils in each subject that has one: school, LA and England. */
export function scaledScoreRows(f: GroupFigures): GroupRow[] {
	const all = PUPIL_GROUPS[0].names;
	return SCALED_SCORE_SUBJECTS.map((subject) => ({
		label: subject,
		school: pick(f.school, all, subject, SCALED),
		la: pick(f.la, all, subject, SCALED),
		england: pick(f.england, all, subject, SCALED)
	})).filter(anything);
}

/**
 * An area's figures for all state-funded schools, the comparison DfE's own services make; the
 * area row stores them by establishment type first.
 */
export function stateFunded(byType: Record<string, BreakdownFigures> | null): BreakdownFigures | null {
	if (!byType) return null;
	const found = Object.entries(byType).find(([type]) => key(type).replace(/-/g, ' ') === 'all state funded');
	return found?.[1] ?? null;
}
