import type { FileFormat } from './header';
import { versionRank, type Ks2Version } from './version';

/**
 * What data each kind of file writes, so that imports of different formats that change the same
 * rows are seen as overlapping: a later one replaced the earlier one's rows, so it must be rolled
 * back first, and it may not bring an older version of them.
 *
 * - `la`: rows of one year for the schools of some LAs; imports overlap when they share the year
 *   and an LA (an import with no LA list covers every LA).
 * - `year`: rows of one year that every such file has (the England comparators); same year.
 * - `all`: not by year (the register, links, Ofsted): every later import of it overlaps.
 */
type Scope = 'la' | 'year' | 'all';

interface Writes {
	data: string;
	scope: Scope;
}

const WRITES: Record<FileFormat, readonly Writes[]> = {
	// The first entry is the import's main data: a later import that replaces it replaces the import.
	ks2: [
		{ data: 'school_results', scope: 'la' },
		{ data: 'comparators', scope: 'year' }
	],
	ees_school_performance: [{ data: 'school_results', scope: 'la' }],
	ees_la_performance: [{ data: 'comparators', scope: 'year' }],
	ees_school_information: [{ data: 'school_context', scope: 'la' }],
	ees_la_information: [{ data: 'area_context', scope: 'year' }],
	gias_register: [{ data: 'register', scope: 'all' }],
	gias_links: [{ data: 'links', scope: 'all' }],
	ofsted_mi: [{ data: 'ofsted', scope: 'all' }]
};

export interface ImportScope {
	format: FileFormat;
	year: number | null;
	/**
	 * The LAs whose schools the import stored; null for every LA (an import that did not record
	 * them). Empty when it stored no school's rows (every row was outside the LA the register keeps):
	 * then it replaced no LA's rows.
	 */
	laCodes: readonly string[] | null;
}

/** The LAs the register of imports holds for an import: see ImportScope.laCodes. */
export function parseLaCodes(stored: string | null): string[] | null {
	return stored === null ? null : stored.split(',').filter(Boolean);
}

function sameLas(a: readonly string[] | null, b: readonly string[] | null): boolean {
	return a === null || b === null || a.some((la) => b.includes(la));
}

function touches(w: Writes, earlier: ImportScope, later: ImportScope): boolean {
	if (w.scope === 'all') return true;
	if (earlier.year !== later.year) return false;
	return w.scope === 'year' || sameLas(earlier.laCodes, later.laCodes);
}

/** Whether `later` changed any of the rows `earlier` wrote: then `earlier` cannot be rolled back first. */
export function importsOverlap(earlier: ImportScope, later: ImportScope): boolean {
	return WRITES[earlier.format].some((w) => WRITES[later.format].some((v) => v.data === w.data && touches(w, earlier, later)));
}

/** Whether `later` replaced `earlier`'s main data (for a KS2 file, its school results). */
export function importReplaces(earlier: ImportScope, later: ImportScope): boolean {
	const main = WRITES[earlier.format][0];
	return main.scope !== 'all' && WRITES[later.format].some((v) => v.data === main.data && touches(main, earlier, later));
}

/** The formats whose imports write any of the data `format` writes: their versions must not go backwards. */
export function formatsSharingData(format: FileFormat): FileFormat[] {
	const mine = new Set(WRITES[format].map((w) => w.data));
	return (Object.keys(WRITES) as FileFormat[]).filter((f) => WRITES[f].some((w) => mine.has(w.data)));
}

/**
 * A live import of a later version than `version` that wrote any of the rows the new import
 * (`coming`) writes, which the new one must not replace; or null. A KS2 file for other LAs still
 * writes that year's England figures, so a live later version of them counts.
 */
export function laterVersion<T extends ImportScope & { version: Ks2Version | null }>(live: readonly T[], version: Ks2Version, coming: ImportScope): T | null {
	return live.find((imp) => imp.version !== null && versionRank(imp.version) > versionRank(version) && importsOverlap(imp, coming)) ?? null;
}
