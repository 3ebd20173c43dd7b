import { errorListOf } from '../errors';

/** What a schedule form action returns: a success message, or a refusal with field errors and what was typed. */
type ActionData = { done?: string; message?: string; errors?: Record<string, string>; values?: unknown } | null | undefined;

/**
 * The field errors and the error summary for a page's `form`. Errors keyed by a field id link to
 * it; `unlinked` keys (a whole-form problem) and a refusal with no field errors show as text.
 */
export function formState(form: ActionData, unlinked: readonly string[] = []) {
	const errors: Record<string, string | undefined> = form?.errors ?? {};
	const listed = errorListOf(errors).map((e) => (unlinked.includes(e.field) ? { message: e.message } : e));
	const summary = form?.message ? (listed.length > 0 ? listed : [{ message: form.message }]) : [];
	return { errors, summary, done: form?.done ?? null };
}
