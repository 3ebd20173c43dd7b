import { count } from './format';

/**
 * How much free text each kind of field takes. Every free-text field has a limit, shown beside it
 * and enforced on the server, so one paste cannot store megabytes nobody will read.
 */
export const TEXT_LIMITS = {
	/** A name or label shown in lists and calendars. */
	label: 100,
	/** A short note for a history: why a status moved. */
	note: 1000,
	/** A paragraph or a few: evidence, comments, feedback. */
	text: 5000
} as const;

/** "5,000 characters or fewer". */
export function limitWords(limit: number): string {
	return `${count(limit)} characters or fewer`;
}

/** The hint shown with a field: "You can enter up to 5,000 characters". */
export function limitHint(limit: number): string {
	return `You can enter up to ${count(limit)} characters`;
}

/** Every string in a nested value (a form's answers) longer than `limit`, by dotted path. */
export function overLongTexts(value: unknown, limit: number, path = ''): string[] {
	if (typeof value === 'string') return value.length > limit ? [path] : [];
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, v]) => overLongTexts(v, limit, path ? `${path}.${key}` : key));
}
