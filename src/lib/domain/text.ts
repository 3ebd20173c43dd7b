/**
 * Checks on short text people and files give us (names, emails). A control character (a line
 * break, a tab, a NUL...) has no place in a name: it breaks lines in calendar files and CSV, and
 * hides text on screen.
 */

/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Text without NUL characters, which mean nothing in text people type and which PostgreSQL refuses to store. */
export function withoutNul(text: string): string {
	return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

export function hasControlCharacter(text: string): boolean {
	return CONTROL.test(text);
}

/** "a line break", "a tab", or "an invisible control character": what a person would call it. */
export function controlCharacterWords(text: string): string | null {
	const m = CONTROL.exec(text);
	if (!m) return null;
	if (m[0] === '\n' || m[0] === '\r' || m[0] === '\u2028' || m[0] === '\u2029') return 'a line break';
	if (m[0] === '\t') return 'a tab';
	return 'an invisible control character';
}

/**
 * Why an email address cannot be used, or null. Besides the shape, an address must be plain
 * ASCII: a letter from another alphabet that looks like an English one (Cyrillic "а" for "a")
 * would make a second account that looks the same as a real one.
 */
export function emailProblem(email: string): string | null {
	if (email === '') return 'Enter an email address';
	if (hasControlCharacter(email)) return `The email address contains ${controlCharacterWords(email)}. Type it again on one line`;
	const foreign = [...email].find((c) => c.charCodeAt(0) > 0x7e);
	if (foreign !== undefined) {
		return `The email address contains “${foreign}”, which is not a plain English letter (it may look like one). Type the address again using your keyboard`;
	}
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'Enter an email address in the correct format, like name@example.org';
	if (email.length > 254) return 'Email address must be 254 characters or fewer';
	return null;
}
