import { isRole, type Role } from './roles';
import { controlCharacterWords, emailProblem } from './text';
import { isLaCode, LA_CODE_HINT, tidyLas } from './las';

export interface UserInput {
	email: string;
	name: string;
	role: Role;
	schoolUrns: number[];
	/**
	 * The LAs a member of staff or a regional user serves (none: every LA); headteachers have none.
	 * Absent when the form did not ask (an installation of one LA): a change leaves them as they are.
	 */
	laCodes?: string[];
}

export type FieldErrors = Partial<Record<'email' | 'name' | 'role' | 'schools' | 'las' | 'password', string>>;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Parses "100000, 100001 100002" into URNs; returns null if any part is not a URN. */
export function parseUrnList(text: string): number[] | null {
	const parts = text.split(/[\s,;]+/).filter(Boolean);
	const urns = parts.map(Number);
	if (urns.some((u) => !Number.isInteger(u) || u <= 0 || u > 9_999_999)) return null;
	return [...new Set(urns)].sort((a, b) => a - b);
}

/** Checks a user form. Returns the cleaned input, or errors keyed by field in plain words. */
export function validateUserInput(raw: {
	email?: string | null;
	name?: string | null;
	role?: string | null;
	schools?: string | null;
	/** The LA codes chosen; absent when the form did not ask. */
	las?: readonly string[] | null;
}): { ok: true; value: UserInput } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const email = normaliseEmail(raw.email ?? '');
	const name = (raw.name ?? '').trim();
	const emailError = emailProblem(email);
	if (emailError) errors.email = emailError;
	const control = controlCharacterWords(name);
	if (!name) errors.name = 'Enter a name';
	else if (control) errors.name = `The name contains ${control}. Type it again on one line`;
	else if (name.length > 200) errors.name = 'Name must be 200 characters or fewer';
	if (!isRole(raw.role)) errors.role = 'Select a role';
	const urns = parseUrnList(raw.schools ?? '');
	if (urns === null) errors.schools = 'Enter school URNs as numbers, separated by commas';
	else if (raw.role === 'headteacher' && urns.length === 0) {
		errors.schools = 'Enter the URN of at least one school for a headteacher';
	}
	const las = raw.las ? tidyLas(raw.las) : undefined;
	const notCode = las?.find((c) => !isLaCode(c));
	if (notCode !== undefined) errors.las = `“${notCode}” is not an LA code. ${LA_CODE_HINT}`;
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			email,
			name,
			role: raw.role as Role,
			schoolUrns: raw.role === 'headteacher' ? (urns ?? []) : [],
			// Headteachers are tied to schools, not LAs.
			...(raw.role === 'headteacher' ? { laCodes: [] } : las ? { laCodes: las } : {})
		}
	};
}
