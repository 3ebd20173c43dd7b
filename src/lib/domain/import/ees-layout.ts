/**
 * The layout of DfE's KS2 data sets on Explore Education Statistics, and how their figures map
 * onto the Ks2Figures a ks2final row gives, so a school-year reads the same whichever layout it
 * came in (see ees-layout.test.ts and tests/integration/import-ees-signals.test.ts).
 */
import type { Ks2Field } from '../ks2/types';
import type { FigureKind } from './ks2-fields';
import { KS2_FIELD_SPECS } from './ks2-fields';
import { normalLabel } from './ees-values';

/** The figure columns of the performance data sets, in the order the display keeps them. */
export const EES_MEASURES = [
	{ column: 'expected_standard_pupil_percent', kind: 'percent' },
	{ column: 'higher_standard_pupil_percent', kind: 'percent' },
	{ column: 'average_scaled_score', kind: 'score' },
	{ column: 'progress_measure_score', kind: 'progress' },
	{ column: 'progress_measure_lower_conf_interval', kind: 'progress' },
	{ column: 'progress_measure_upper_conf_interval', kind: 'progress' },
	{ column: 'absent_or_not_able_to_access_percent', kind: 'percent' },
	{ column: 'working_towards_expected_standard_pupil_percent', kind: 'percent' },
	{ column: 'absent_or_disapplied_percent', kind: 'percent' },
	{ column: 'progress_measure_unadjusted', kind: 'progress' },
	{ column: 'progress_measure_description', kind: 'band' }
] as const satisfies readonly { column: string; kind: FigureKind }[];

export type EesMeasure = (typeof EES_MEASURES)[number]['column'];

const MEASURE_INDEX = new Map<string, number>(EES_MEASURES.map((m, i) => [m.column, i]));

/** Columns every data set of the kind must have: without them a row cannot be placed or used. */
export const EES_REQUIRED = {
	ees_school_performance: ['time_period', 'version', 'school_urn', 'school_laestab', 'breakdown', 'subject', 'expected_standard_pupil_percent'],
	ees_la_performance: [
		'time_period',
		'version',
		'geographic_level',
		'old_la_code',
		'establishment_type_group',
		'breakdown',
		'subject',
		'expected_standard_pupil_percent'
	],
	ees_school_information: ['time_period', 'school_urn', 'school_laestab', 'telig'],
	ees_la_information: ['time_period', 'geographic_level', 'old_la_code', 'telig']
} as const;

// ---------------------------------------------------------------- breakdowns and subjects

/** Breakdowns the analysis reads; every other breakdown is kept for display as the file names it. */
export type EesBreakdown = 'total' | 'disadvantaged' | 'not_disadvantaged';
export type EesSubject = 'rwm' | 'reading' | 'writing' | 'maths' | 'gps';

export interface Matched<K extends string> {
	/** Null for a value the analysis does not read. */
	key: K | null;
	/** DfE's own wording for a known value; the file's, trimmed, for any other. */
	label: string;
	/** Whether the value is one DfE is known to use. */
	known: boolean;
}

/** Known breakdowns by their compared form; aliases map to the same label. */
const BREAKDOWNS: ReadonlyMap<string, Matched<EesBreakdown>> = labelTable([
	[['total', 'all pupils'], 'total', 'Total'],
	[['disadvantaged'], 'disadvantaged', 'Disadvantaged'],
	[['not disadvantaged', 'non disadvantaged', 'disadvantaged all other'], 'not_disadvantaged', 'Not disadvantaged'],
	[['boys', 'male'], null, 'Boys'],
	[['girls', 'female'], null, 'Girls'],
	[['sen support'], null, 'SEN support'],
	[['sen ehc', 'ehc plan', 'sen with ehc plan'], null, 'SEN EHC'],
	[['no sen', 'no identified sen'], null, 'No SEN']
]);

const SUBJECTS: ReadonlyMap<string, Matched<EesSubject>> = labelTable([
	[['reading writing and maths'], 'rwm', 'Reading, writing and maths'],
	[['reading'], 'reading', 'Reading'],
	[['writing'], 'writing', 'Writing'],
	[['maths', 'mathematics'], 'maths', 'Maths'],
	[['grammar punctuation and spelling', 'gps'], 'gps', 'Grammar, punctuation and spelling']
]);

function labelTable<K extends string>(rows: [string[], K | null, string][]): Map<string, Matched<K>> {
	const table = new Map<string, Matched<K>>();
	for (const [aliases, key, label] of rows) for (const alias of aliases) table.set(subjectKey(alias), { key, label, known: true });
	return table;
}

/** Compared form of a subject or breakdown: any case and spacing, commas and "&" ignored. */
function subjectKey(raw: string): string {
	return normalLabel(raw.replace(/&/g, ' and ').replace(/,/g, ' '));
}

/** A `breakdown` value, matched without regard to case or spacing. Unknown values are kept for display. */
export function matchBreakdown(raw: string): Matched<EesBreakdown> {
	return BREAKDOWNS.get(subjectKey(raw)) ?? { key: null, label: raw.trim(), known: false };
}

/** A `subject` value, matched without regard to case or spacing. */
export function matchSubject(raw: string): Matched<EesSubject> {
	return SUBJECTS.get(subjectKey(raw)) ?? { key: null, label: raw.trim(), known: false };
}

// ---------------------------------------------------------------- mapping onto Ks2Figures

type MeasureMap = Partial<Record<EesMeasure, Ks2Field>>;

const progress = (prefix: 'read' | 'writ' | 'mat'): MeasureMap => ({
	progress_measure_score: `${prefix}Progress`,
	progress_measure_lower_conf_interval: `${prefix}ProgressLower`,
	progress_measure_upper_conf_interval: `${prefix}ProgressUpper`,
	progress_measure_description: `${prefix}ProgressBand`
});

/**
 * Which breakdown x subject x measure gives which Ks2Figures field: the same figures DfE puts in
 * PTRWM_EXP, READPROG, PTRWM_EXP_FSM6CLA1A and so on. Everything else is kept for display only.
 */
export const EES_FIELD_MAP: Readonly<Record<EesBreakdown, Partial<Record<EesSubject, MeasureMap>>>> = {
	total: {
		rwm: { expected_standard_pupil_percent: 'rwmExpected', higher_standard_pupil_percent: 'rwmHigh' },
		reading: {
			expected_standard_pupil_percent: 'readExpected',
			higher_standard_pupil_percent: 'readHigh',
			average_scaled_score: 'readAverage',
			...progress('read')
		},
		writing: { expected_standard_pupil_percent: 'writExpected', higher_standard_pupil_percent: 'writHigh', ...progress('writ') },
		maths: { expected_standard_pupil_percent: 'matExpected', higher_standard_pupil_percent: 'matHigh', average_scaled_score: 'matAverage', ...progress('mat') }
	},
	disadvantaged: {
		rwm: { expected_standard_pupil_percent: 'rwmExpectedDisadvantaged', higher_standard_pupil_percent: 'rwmHighDisadvantaged' }
	},
	not_disadvantaged: {
		rwm: { expected_standard_pupil_percent: 'rwmExpectedNotDisadvantaged' }
	}
};

const SLOT_OF = new Map<Ks2Field, number>(KS2_FIELD_SPECS.map((s, i) => [s.field, i]));

/** Nothing to copy: shared, so most rows (other breakdowns, GPS) cost no allocation. */
const NONE: readonly number[] = [];

/**
 * For one breakdown and subject, the pairs [measure index in EES_MEASURES, slot in
 * KS2_FIELD_SPECS] to copy into the school's figures, flattened; empty when none.
 */
export function mappedSlots(breakdown: EesBreakdown | null, subject: EesSubject | null): readonly number[] {
	if (breakdown === null || subject === null) return NONE;
	const map = EES_FIELD_MAP[breakdown][subject];
	if (!map) return NONE;
	return Object.entries(map).flatMap(([measure, field]) => [MEASURE_INDEX.get(measure)!, SLOT_OF.get(field as Ks2Field)!]);
}

/** The information data sets' columns that the analysis reads (all the others are kept for display). */
export const EES_INFORMATION_FIELDS = [
	{ column: 'telig', field: 'cohort', kind: 'count' },
	{ column: 'tfsm6cla1a', field: 'disadvantagedCount', kind: 'count' },
	{ column: 'ptfsm6cla1a', field: 'disadvantagedPct', kind: 'percent' },
	{ column: 'telig_3yr', field: 'cohort3yr', kind: 'count' }
] as const satisfies readonly { column: string; field: Ks2Field; kind: FigureKind }[];

/**
 * Columns of an information data set that name things rather than count them: EES's standard
 * time and place columns, and anything named like one. Every other column holds a figure.
 */
export function isTextColumn(name: string): boolean {
	const n = name.trim().toLowerCase();
	return (
		['time_period', 'version', 'rectype', 'school_urn', 'school_laestab'].includes(n) ||
		/(_name|_code|_identifier|_level|_type|_group|_topic)$/.test(n) ||
		n === 'breakdown' ||
		n === 'subject'
	);
}

/**
 * Numbers the breakdowns (or subjects, or establishment types) of a file in the order they first
 * appear: texts that match the same label share a number, and each text is matched once.
 */
export class LabelIndex<K extends string> {
	readonly labels: string[] = [];
	readonly keys: (K | null)[] = [];
	private readonly known: boolean[] = [];
	private readonly byText = new Map<string, number>();
	private readonly byLabel = new Map<string, number>();

	constructor(private readonly match: (raw: string) => Matched<K>) {}

	/** The last text and its number: rows of one breakdown come together. */
	private lastText: string | undefined = undefined;
	private last = -1;

	index(raw: string | undefined): number {
		if (raw === this.lastText && this.last >= 0) return this.last;
		const text = raw ?? '';
		let i = this.byText.get(text);
		if (i === undefined) {
			const m = this.match(text);
			i = this.byLabel.get(m.label);
			if (i === undefined) {
				i = this.labels.length;
				this.labels.push(m.label);
				this.keys.push(m.key);
				this.known.push(m.known);
				this.byLabel.set(m.label, i);
			}
			this.byText.set(text, i);
		}
		this.lastText = raw;
		this.last = i;
		return i;
	}

	/** Labels DfE is not known to use, kept for display only: for the report. */
	unknown(): string[] {
		return this.labels.filter((_, i) => !this.known[i]);
	}
}

/** `establishment_type_group`: only "All state funded" rows are comparators, as RECTYPE 3 and 5 rows are in ks2final. */
export function matchEstablishmentType(raw: string): Matched<'all_state_funded'> {
	const label = raw.trim();
	const key = normalLabel(label) === 'all state funded' ? 'all_state_funded' : null;
	return { key, label, known: key !== null };
}
