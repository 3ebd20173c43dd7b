import type { Role } from './roles';

/**
 * Local authorities, by the code GIAS and the KS2 files give them: three digits, such as 850 for
 * Hampshire. A list of LAs that is empty means every LA: the LAs an installation serves (its import
 * setting) and the LAs a member of staff serves (`user_las`) both read that way.
 */

export const isLaCode = (code: string): boolean => /^\d{3}$/.test(code);

export const LA_CODE_HINT = 'Enter each LA code as three digits, for example 850';

/** "850", "850 and 936", "850, 936 and 937". */
export function andList(items: readonly string[]): string {
	return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "LA 850", "LAs 850 and 936", "LAs 850, 936 and 937". */
export const lasWords = (codes: readonly string[]): string => `${codes.length === 1 ? 'LA' : 'LAs'} ${andList(codes)}`;

/** What an import says of the LAs it kept: "LA 850, the LA the register is limited to". */
export const registerLimit = (las: readonly string[]): string => `${lasWords(las)}, the ${las.length === 1 ? 'LA' : 'LAs'} the register is limited to`;

/** Why an import left rows out. */
export const limitWords = (las: readonly string[]): string => `the LA setting limits the register to ${las.length === 1 ? 'that LA' : 'those LAs'}`;

/** Whether a school of `laCode` is among `las`: always, when the list is empty (every LA). */
export function inLas(las: readonly string[], laCode: string | null | undefined): boolean {
	return las.length === 0 || (laCode !== null && laCode !== undefined && las.includes(laCode));
}

/** Sorted, without repeats. */
export function tidyLas(codes: readonly string[]): string[] {
	return [...new Set(codes.map((c) => c.trim()).filter(Boolean))].sort();
}

/** Reads "850, 936" (commas, spaces or semicolons between): the codes, or what is wrong. */
export function parseLaList(text: string): { ok: true; codes: string[] } | { ok: false; message: string } {
	const codes = tidyLas(text.split(/[\s,;]+/));
	const wrong = codes.find((c) => !isLaCode(c));
	return wrong === undefined ? { ok: true, codes } : { ok: false, message: `“${wrong}” is not an LA code. ${LA_CODE_HINT}` };
}

/** An LA the installation knows, with its name when the register gives one. */
export interface KnownLa {
	code: string;
	name: string | null;
}

export const laLabel = (la: KnownLa): string => (la.name ? `${la.name} (${la.code})` : `LA ${la.code}`);

/**
 * Why an admin who serves `giver` (none: every LA) may not change this account at all, or null. An
 * admin of some LAs changes only accounts within them: never one of another LA, nor of every LA.
 * Headteachers are tied to schools, which are checked instead.
 */
export function accountOutside(giver: readonly string[], account: { role: Role; laCodes: readonly string[] }): string | null {
	if (giver.length === 0 || account.role === 'headteacher') return null;
	if (account.laCodes.length === 0) return 'This account serves every LA, so only an admin who serves every LA can change it';
	if (account.laCodes.some((c) => !giver.includes(c)))
		return `This account serves ${lasWords(account.laCodes)}, so only an admin who serves all of them can change it`;
	return null;
}

/**
 * Why the LAs chosen for a user cannot be given, or null when they can. `giver` is what the admin
 * (or the CLI: every LA) serves; `before` the account as it is, when it is being changed. Staff and
 * regional users serve LAs; headteachers are tied to schools and have none, so the caller gives them
 * none and nothing is checked.
 */
export function laChoiceProblem(o: {
	role: Role;
	chosen: readonly string[];
	known: readonly string[];
	giver: readonly string[];
	before?: { role: Role; laCodes: readonly string[] };
}): { field: 'las' | 'user'; message: string } | null {
	const { chosen, known, giver, before } = o;
	const limited = giver.length > 0;
	const outside = before && accountOutside(giver, before);
	if (outside) return { field: 'user', message: outside };
	if (o.role === 'headteacher') return null;
	const bad = chosen.find((c) => !isLaCode(c));
	if (bad !== undefined) return { field: 'las', message: `“${bad}” is not an LA code. ${LA_CODE_HINT}` };
	const unknown = chosen.filter((c) => !known.includes(c));
	if (unknown.length > 0) {
		const choices = known.length > 0 ? `Choose from ${andList(known)}` : 'Import the GIAS register or set the LAs this installation serves first';
		return { field: 'las', message: `${lasWords(unknown)} ${unknown.length === 1 ? 'is not one' : 'are not'} of this installation’s LAs. ${choices}` };
	}
	if (limited && chosen.length === 0) return { field: 'las', message: `Select at least one LA. You can give only the LAs you serve: ${andList(giver)}` };
	const notYours = chosen.filter((c) => !giver.includes(c));
	if (limited && notYours.length > 0) return { field: 'las', message: `You can give only the LAs you serve: ${andList(giver)}` };
	return null;
}

/**
 * Whether an admin who serves `las` (null: every LA) is shown an account: one who serves one of
 * those LAs, or every LA, or a headteacher of one of their schools (`ours`). Another LA's staff and
 * headteachers are not theirs to see.
 */
export function adminSees(
	las: readonly string[] | null,
	user: { role: Role; laCodes: readonly string[]; schoolUrns: readonly number[] },
	ours: (urn: number) => boolean
): boolean {
	if (las === null) return true;
	if (user.role === 'headteacher') return user.schoolUrns.some(ours);
	return user.laCodes.length === 0 || user.laCodes.some((code) => las.includes(code));
}
