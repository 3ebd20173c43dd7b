import { format, parseISO } from 'date-fns';

/** '2025-07-14' → '14 July 2025', the GOV.UK date style; '' → 'Not set'. */
export function longDate(iso: string | null | undefined, empty = 'Not set'): string {
	return iso ? format(parseISO(iso), 'd MMMM yyyy') : empty;
}

/** An ISO timestamp as '14 July 2025 at 3:05pm'. */
export function dateTime(iso: string): string {
	return format(new Date(iso), "d MMMM yyyy 'at' h:mmaaa");
}

/** Problems from the server ({ path, message }) as a lookup by field, for inline error messages. */
export function errorsByPath(problems: readonly { path: string; message: string }[]): Record<string, string> {
	return Object.fromEntries(problems.filter((p) => p.path).map((p) => [p.path, p.message]));
}
