/**
 * A CSV header, looked up by name without regard to case: DfE changes the case of some
 * names between years (`TNotFSM6CLA1A` / `TNOTFSM6CLA1A`), never their meaning.
 */
export interface Header {
	names: readonly string[];
	/** Column index by name key (upper case, runs of white space as one space: see nameKey). */
	index: ReadonlyMap<string, number>;
}

/**
 * How a column name is looked up: case does not matter, and nor do runs of spaces (Ofsted's MI
 * file has one legacy column with two spaces in its name, `Latest OEIF  safeguarding is effective?`).
 */
export function nameKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

export type HeaderResult = { ok: true; header: Header } | { ok: false; problem: string };

export function readHeader(row: readonly string[]): HeaderResult {
	const names = row.map((n, i) => (i === 0 ? n.replace(/^\uFEFF/, '') : n).trim());
	if (names.every((n) => n === '')) return { ok: false, problem: 'The first row is empty: it should hold the column names.' };
	const index = new Map<string, number>();
	for (const [i, name] of names.entries()) {
		if (name === '') continue;
		const key = nameKey(name);
		if (index.has(key)) {
			return { ok: false, problem: `The column ${name} appears twice (columns ${index.get(key)! + 1} and ${i + 1}), so it is not clear which to use.` };
		}
		index.set(key, i);
	}
	return { ok: true, header: { names, index } };
}

/** Index of a column, or -1 when the file does not have it. */
export function columnIndex(header: Header, name: string): number {
	return header.index.get(nameKey(name)) ?? -1;
}

/** Where each named column is (-1 when absent), for a handler to read cells by position. */
export function columnPositions<K extends string>(header: Header, columns: Readonly<Record<K, string>>): Record<K, number> {
	return Object.fromEntries(Object.entries(columns).map(([key, name]) => [key, columnIndex(header, name as string)])) as Record<K, number>;
}

/**
 * A row with more values than the header has columns (beyond empty trailing ones) cannot be read:
 * a value may hold an unquoted comma. The problem in words, or null for a row that fits.
 */
export function overWidth(header: Header, cells: readonly string[]): string | null {
	const width = header.names.length;
	if (cells.length <= width || cells.slice(width).every((c) => c.trim() === '')) return null;
	return `this row has ${cells.length} values but the header has only ${width} columns. A value may contain an unquoted comma.`;
}

export function missingColumns(header: Header, required: readonly string[]): string[] {
	return required.filter((name) => !header.index.has(nameKey(name)));
}

/** The kinds of file the importer knows, told apart by their columns. */
export type FileFormat =
	'ks2' | 'ees_school_performance' | 'ees_school_information' | 'ees_la_performance' | 'ees_la_information' | 'gias_register' | 'gias_links' | 'ofsted_mi';

export const FILE_FORMATS: readonly FileFormat[] = [
	'ks2',
	'ees_school_performance',
	'ees_school_information',
	'ees_la_performance',
	'ees_la_information',
	'gias_register',
	'gias_links',
	'ofsted_mi'
];

export const FORMAT_LABELS: Record<FileFormat, string> = {
	ks2: 'a KS2 performance table',
	ees_school_performance: 'a KS2 school performance data set from Explore Education Statistics',
	ees_school_information: 'a KS2 school information data set from Explore Education Statistics',
	ees_la_performance: 'a KS2 local authority performance data set from Explore Education Statistics',
	ees_la_information: 'a KS2 local authority information data set from Explore Education Statistics',
	gias_register: 'a GIAS establishment file',
	gias_links: 'a GIAS links file',
	ofsted_mi: "Ofsted's monthly management information on inspections"
};

/** What the person importing can choose; each kind takes these formats. */
export type ImportKind = 'ks2' | 'gias' | 'ofsted';

export const KIND_FORMATS: Record<ImportKind, readonly FileFormat[]> = {
	ks2: ['ks2', 'ees_school_performance', 'ees_school_information', 'ees_la_performance', 'ees_la_information'],
	gias: ['gias_register', 'gias_links'],
	ofsted: ['ofsted_mi']
};

export const KIND_LABELS: Record<ImportKind, string> = {
	ks2: 'KS2 results',
	gias: 'the GIAS register',
	ofsted: 'Ofsted inspections'
};

/** Columns that only Ofsted's MI file has; any one of them marks the file, even without a URN column. */
const OFSTED_MI_MARKERS = [
	'LATEST OEIF OVERALL EFFECTIVENESS',
	'UNGRADED INSPECTION OVERALL OUTCOME',
	'DOES THE LATEST OEIF GRADED INSPECTION RELATE TO THE URN OF THE CURRENT SCHOOL?',
	'INSPECTION START DATE OF LATEST OEIF GRADED INSPECTION'
];

/** Columns every EES data set has (time_period, ...), or that only KS2 data sets on EES have. */
const EES_MARKERS = ['TIME_PERIOD', 'TIME_IDENTIFIER', 'GEOGRAPHIC_LEVEL', 'SCHOOL_URN', 'EXPECTED_STANDARD_PUPIL_PERCENT'];

export function detectFormat(header: Header): FileFormat | null {
	const has = (n: string) => header.index.has(n);
	// EES data sets: told apart by any of their standard columns, so a file that lacks one the
	// importer needs (say time_period) is still recognised and its handler names what is missing.
	if (EES_MARKERS.some(has)) {
		const school = has('SCHOOL_URN') || has('SCHOOL_LAESTAB') || has('SCHOOL_NAME');
		const performance = has('SUBJECT') || has('BREAKDOWN') || has('EXPECTED_STANDARD_PUPIL_PERCENT');
		if (performance) return school ? 'ees_school_performance' : 'ees_la_performance';
		if (has('TELIG') || has('TOTPUPS')) return school ? 'ees_school_information' : 'ees_la_information';
		return null;
	}
	// The LA information data set has a rectype column too, so this comes after the EES check.
	if (has('RECTYPE') && (has('PTRWM_EXP') || has('TELIG') || has('URN'))) return 'ks2';
	if (OFSTED_MI_MARKERS.some(has)) return 'ofsted_mi';
	if (has('URN') && has('LINKURN')) return 'gias_links';
	if (has('URN') && (has('ESTABLISHMENTNAME') || has('LA (CODE)'))) return 'gias_register';
	return null;
}
