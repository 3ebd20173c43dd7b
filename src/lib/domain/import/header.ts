/**
 * A CSV header, looked up by name without regard to case: DfE changes the case of some
 * names between years (`TNotFSM6CLA1A` / `TNOTFSM6CLA1A`), never their meaning.
 */
export interface Header {
	names: readonly string[];
	/** Column index by upper-case name. */
	index: ReadonlyMap<string, number>;
}

export type HeaderResult = { ok: true; header: Header } | { ok: false; problem: string };

export function readHeader(row: readonly string[]): HeaderResult {
	const names = row.map((n, i) => (i === 0 ? n.replace(/^\uFEFF/, '') : n).trim());
	if (names.every((n) => n === '')) return { ok: false, problem: 'The first row is empty: it should hold the column names.' };
	const index = new Map<string, number>();
	for (const [i, name] of names.entries()) {
		if (name === '') continue;
		const key = name.toUpperCase();
		if (index.has(key)) {
			return { ok: false, problem: `The column ${name} appears twice (columns ${index.get(key)! + 1} and ${i + 1}), so it is not clear which to use.` };
		}
		index.set(key, i);
	}
	return { ok: true, header: { names, index } };
}

/** Index of a column, or -1 when the file does not have it. */
export function columnIndex(header: Header, name: string): number {
	return header.index.get(name.toUpperCase()) ?? -1;
}

/** Where each named column is (-1 when absent), for a handler to read cells by position. */
export function columnPositions<K extends string>(header: Header, columns: Readonly<Record<K, string>>): Record<K, number> {
	return Object.fromEntries(Object.entries(columns).map(([key, name]) => [key, columnIndex(header, name as string)])) as Record<K, number>;
}

export function missingColumns(header: Header, required: readonly string[]): string[] {
	return required.filter((name) => !header.index.has(name.toUpperCase()));
}

/** The kinds of file the importer knows, told apart by their columns. */
export type FileFormat = 'ks2' | 'gias_register' | 'gias_links';

export const FORMAT_LABELS: Record<FileFormat, string> = {
	ks2: 'a KS2 performance table',
	gias_register: 'a GIAS establishment file',
	gias_links: 'a GIAS links file'
};

export function detectFormat(header: Header): FileFormat | null {
	const has = (n: string) => header.index.has(n);
	if (has('RECTYPE') && (has('PTRWM_EXP') || has('TELIG') || has('URN'))) return 'ks2';
	if (has('URN') && has('LINKURN')) return 'gias_links';
	if (has('URN') && (has('ESTABLISHMENTNAME') || has('LA (CODE)'))) return 'gias_register';
	return null;
}
