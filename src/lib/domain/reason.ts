import { limitWords, TEXT_LIMITS } from './text-limits';

/**
 * The reason asked for before a step that cannot simply be undone (rolling back an import,
 * adopting a policy version): required, trimmed, and no longer than a note.
 */
export type ReasonCheck = { ok: true; value: string } | { ok: false; message: string };

/** `missing` is the whole message for an empty field, for example "Enter why you are rolling back this import". */
export function checkReason(raw: string | null | undefined, missing: string): ReasonCheck {
	const value = (raw ?? '').trim();
	if (value === '') return { ok: false, message: missing };
	if (value.length > TEXT_LIMITS.note) return { ok: false, message: `The reason must be ${limitWords(TEXT_LIMITS.note)}` };
	return { ok: true, value };
}
