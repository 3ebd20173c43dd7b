import { limitWords, overLongTexts } from '../../domain/text-limits';
import { Refusal } from '../../domain/refusal';

/**
 * Refuses answers, a review or a note with any text over `limit`, naming the first such field by
 * its form field id (the answer's path, such as "target_setting.evidence"). Nothing is saved.
 */
export function refuseOverLong(value: unknown, limit: number): void {
	const [first, ...rest] = overLongTexts(value, limit);
	if (first === undefined) return;
	const more = rest.length > 0 ? ` and ${rest.length} more` : '';
	throw new Refusal(`Each answer must be ${limitWords(limit)}. Shorten ${first.replace(/[._]/g, ' ')}${more}, then save again. Nothing was saved.`);
}
