import { withoutNul } from '../domain/text';

/** Reads a form field as a trimmed string ('' when missing), without NUL characters (text.ts `withoutNul`). */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? withoutNul(v).trim() : '';
}

/** Every text field of a form, trimmed, without NUL characters. */
export function textFields(data: FormData): Record<string, string> {
	return Object.fromEntries([...data.entries()].filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, withoutNul(v).trim()]));
}
