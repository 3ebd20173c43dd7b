import { parseAcademicYear } from '../ks2/types';
import type { ImportKind } from './header';
import { isKs2Version, KS2_VERSIONS, type Ks2Version } from './version';

/** What the person importing may say about a file; anything left blank is read from the file. */
export interface ImportOptions {
	kind: ImportKind | null;
	year: number | null;
	version: Ks2Version | null;
}

export type ImportOptionsResult = { ok: true; value: ImportOptions } | { ok: false; errors: Partial<Record<keyof ImportOptions, string>> };

/** Checks the form fields or CLI flags. Blank (or "auto") means "read it from the file". */
export function parseImportOptions(input: { kind?: string | null; year?: string | null; version?: string | null }): ImportOptionsResult {
	const errors: Partial<Record<keyof ImportOptions, string>> = {};
	const blank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === '' || v === 'auto';
	const kind = blank(input.kind) ? null : input.kind!.trim();
	if (kind !== null && kind !== 'ks2' && kind !== 'gias' && kind !== 'ofsted') errors.kind = 'Choose KS2 results, the GIAS register or Ofsted inspections';
	const year = blank(input.year) ? null : parseAcademicYear(input.year!);
	if (!blank(input.year) && year === null) errors.year = 'Enter the academic year like 2018-19, or leave it blank';
	const version = blank(input.version) ? null : input.version!.trim();
	if (version !== null && !isKs2Version(version)) errors.version = `Choose ${KS2_VERSIONS.join(', ')}, or leave it blank`;
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { kind: kind as ImportOptions['kind'], year, version: version as Ks2Version | null } };
}
