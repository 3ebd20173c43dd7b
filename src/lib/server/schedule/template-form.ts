import { field } from '../forms';
import type { Category } from '../../domain/analysis/categories';
import type { HalfTermId } from '../../domain/calendar/half-terms';
import type { Activity, EngagementMode, EngagementTemplate } from '../../domain/planner/templates';

/** A whole number as typed, NaN for anything else, so validateTemplates explains what is wrong. */
function wholeNumber(text: string): number {
	return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Empty means "not set" (null); anything else must be a whole number. */
function optionalWholeNumber(text: string): number | null {
	return text === '' ? null : wholeNumber(text);
}

/**
 * Reads the template form. Values are passed through as typed (cast, not checked): the domain's
 * validateTemplates judges them with the whole set and explains each problem in plain words.
 */
export function templateFromForm(form: FormData): Omit<EngagementTemplate, 'id'> {
	const days = field(form, 'days');
	return {
		category: field(form, 'category') as Category,
		activity: field(form, 'activity') as Activity,
		label: field(form, 'label'),
		count: wholeNumber(field(form, 'count')),
		window: { from: field(form, 'window_from') as HalfTermId, to: field(form, 'window_to') as HalfTermId },
		withinWeeks: optionalWholeNumber(field(form, 'within_weeks')),
		days: days === '' ? Number.NaN : Number(days),
		mode: field(form, 'mode') as EngagementMode,
		// Each once, however often the form names it.
		after: [...new Set(form.getAll('after').filter((v): v is string => typeof v === 'string' && v !== ''))],
		minWeeksApart: optionalWholeNumber(field(form, 'min_weeks_apart'))
	};
}

/** The form's values as strings, to refill it after a refusal. */
export function templateFormValues(form: FormData): Record<string, string | string[]> {
	const names = ['category', 'activity', 'label', 'count', 'window_from', 'window_to', 'within_weeks', 'days', 'mode', 'min_weeks_apart'];
	return { ...Object.fromEntries(names.map((n) => [n, field(form, n)])), after: form.getAll('after').map(String) };
}
