import { HALF_TERM_LABELS, halfTermIndex, isHalfTermId } from '../calendar/half-terms';
import { limitWords, TEXT_LIMITS } from '../text-limits';
import { hasControlCharacter } from '../text';
import { isCategory, CATEGORY_LABELS } from '../analysis/categories';
import { ACTIVITIES, MODES, type EngagementTemplate } from './templates';

/** One thing wrong with the engagement templates, tied to the template and field to change. */
export interface TemplateProblem {
	templateId: string | null;
	field: keyof EngagementTemplate | null;
	message: string;
}

const MAX_COUNT = 20;
const MAX_WEEKS = 26;

/**
 * Checks templates as an admin edited them. Returns every problem, in template order, so the form
 * can show them together; an empty list means the planner can use them.
 */
export function validateTemplates(templates: readonly EngagementTemplate[]): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	const seen = new Map<string, EngagementTemplate>();

	for (const template of templates) {
		const add = (field: TemplateProblem['field'], message: string) => problems.push({ templateId: template.id || null, field, message });
		const name = describe(template);

		if (!template.id?.trim()) add('id', `${name} needs an id.`);
		else if (seen.has(template.id)) add('id', `Two engagements use the id "${template.id}"; each needs its own.`);
		else seen.set(template.id, template);

		if (!template.label?.trim()) add('label', `Give the engagement "${template.id}" a name.`);
		else if (template.label.length > TEXT_LIMITS.label) add('label', `The name of the engagement "${template.id}" must be ${limitWords(TEXT_LIMITS.label)}.`);
		else if (hasControlCharacter(template.label)) add('label', `The name of the engagement "${template.id}" must be on one line.`);
		if (!isCategory(template.category)) add('category', `Choose the category ${name} belongs to.`);
		if (!(ACTIVITIES as readonly string[]).includes(template.activity)) add('activity', `Choose what kind of activity ${name} is.`);
		if (!(MODES as readonly string[]).includes(template.mode)) add('mode', `Choose whether ${name} is on site or remote.`);

		if (!Number.isInteger(template.count) || template.count < 1 || template.count > MAX_COUNT) {
			add('count', `The number of times ${name} happens in a year must be a whole number from 1 to ${MAX_COUNT}.`);
		}
		const { from, to } = template.window ?? {};
		if (!isHalfTermId(from) || !isHalfTermId(to)) {
			add('window', `Choose the half terms ${name} can happen in.`);
		} else if (halfTermIndex(to) < halfTermIndex(from)) {
			add('window', `The window for ${name} ends in ${HALF_TERM_LABELS[to]}, before it starts in ${HALF_TERM_LABELS[from]}.`);
		}
		if (!Number.isFinite(template.days) || template.days < 0 || template.days > 1 || !Number.isInteger(template.days * 4)) {
			add(
				'days',
				`The adviser time for ${name} must be 0, 0.25, 0.5, 0.75 or 1 day: each engagement happens on a single day, and no adviser works more than 1 day a day.`
			);
		}
		if (template.withinWeeks !== null && !isWholeNumber(template.withinWeeks, 1, MAX_WEEKS)) {
			add('withinWeeks', `"Within the first weeks" for ${name} must be left empty or be a whole number of weeks from 1 to ${MAX_WEEKS}.`);
		}
		if (template.minWeeksApart !== null && !isWholeNumber(template.minWeeksApart, 0, MAX_WEEKS)) {
			add('minWeeksApart', `The gap between one ${name} and the next must be left empty or be a whole number of weeks from 0 to ${MAX_WEEKS}.`);
		}
	}

	for (const template of templates) {
		const add = (message: string) => problems.push({ templateId: template.id || null, field: 'after', message });
		for (const before of template.after ?? []) {
			const other = seen.get(before);
			if (before === template.id) add(`${describe(template)} cannot come after itself.`);
			else if (!other || other.category !== template.category) {
				add(`${describe(template)} is set to come after "${before}", which is not an engagement of ${categoryName(template)}.`);
			}
		}
	}

	const cycle = findCycle(templates, seen);
	if (cycle) {
		problems.push({
			templateId: cycle[0],
			field: 'after',
			message: `The order of ${categoryName(seen.get(cycle[0])!)} engagements goes round in a circle: ${cycle
				.map((id) => seen.get(id)?.label ?? id)
				.join(', then ')}, then back to the start. Remove one of these "comes after" links.`
		});
	}
	return problems;
}

function isWholeNumber(value: number, min: number, max: number): boolean {
	return Number.isInteger(value) && value >= min && value <= max;
}

function categoryName(template: EngagementTemplate): string {
	return isCategory(template.category) ? CATEGORY_LABELS[template.category] : 'its category';
}

/** "SIA-led review (Focus support)", so a message names the row to fix. */
function describe(template: EngagementTemplate): string {
	const label = template.label?.trim() || template.id || 'an engagement';
	return `"${label}" (${categoryName(template)})`;
}

/** The first circle of "comes after" links found, as template ids, or null. */
function findCycle(templates: readonly EngagementTemplate[], byId: Map<string, EngagementTemplate>): string[] | null {
	const state = new Map<string, 'visiting' | 'done'>();
	const path: string[] = [];
	const visit = (id: string): string[] | null => {
		if (state.get(id) === 'done') return null;
		if (state.get(id) === 'visiting') return path.slice(path.indexOf(id));
		state.set(id, 'visiting');
		path.push(id);
		for (const before of byId.get(id)?.after ?? []) {
			if (before !== id && byId.has(before)) {
				const found = visit(before);
				if (found) return found;
			}
		}
		path.pop();
		state.set(id, 'done');
		return null;
	};
	for (const template of templates) {
		if (!template.id || !byId.has(template.id)) continue;
		const found = visit(template.id);
		if (found) return found.reverse();
	}
	return null;
}
