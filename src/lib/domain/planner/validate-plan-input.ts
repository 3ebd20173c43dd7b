import { isIsoDate } from '../calendar/iso-date';
import { validateCalendar } from '../calendar/validate-calendar';
import { isCategory } from '../analysis/categories';
import type { AdviserId, PlanInput } from './plan-types';
import { validateTemplates } from './validate-templates';

/** Thrown by plan() when its input cannot be planned at all; `problems` says why, in plain words. */
export class PlanInputError extends Error {
	constructor(readonly problems: string[]) {
		super(`The year cannot be planned: ${problems.join(' ')}`);
		this.name = 'PlanInputError';
	}
}

/**
 * Everything that would make a plan meaningless rather than merely short of capacity: bad term
 * dates or templates, an adviser or school given twice, impossible capacity, dates that are not
 * dates. Problems with single schools (no link adviser) are not here: the planner reports those
 * against the school and plans everyone else.
 */
export function validatePlanInput(input: PlanInput): string[] {
	const problems = [...validateCalendar(input.calendar).map((p) => p.message), ...validateTemplates(input.templates).map((p) => p.message)];

	for (const date of input.closures) {
		if (!isIsoDate(date)) problems.push(`The closure day "${date}" is not a real date (use yyyy-mm-dd).`);
	}
	if (input.notBefore != null && !isIsoDate(input.notBefore)) {
		problems.push(`The date to plan from, "${input.notBefore}", is not a real date (use yyyy-mm-dd).`);
	}

	const adviserIds = new Set<AdviserId>();
	for (const adviser of input.advisers) {
		if (adviserIds.has(adviser.id)) problems.push(`The adviser id "${adviser.id}" is used twice.`);
		adviserIds.add(adviser.id);
		if (!Number.isFinite(adviser.daysPerWeek) || adviser.daysPerWeek < 0 || adviser.daysPerWeek > 5) {
			problems.push(`${adviser.name}'s days a week for school work must be from 0 to 5.`);
		}
		for (const date of adviser.daysOff) {
			if (!isIsoDate(date)) problems.push(`${adviser.name}'s day off "${date}" is not a real date (use yyyy-mm-dd).`);
		}
	}

	const urns = new Set<number>();
	for (const school of input.schools) {
		if (urns.has(school.urn)) problems.push(`The school with URN ${school.urn} is listed twice.`);
		urns.add(school.urn);
		if (!isCategory(school.category)) problems.push(`${school.name} (URN ${school.urn}) has no agreed support category.`);
	}

	const fixedIds = new Set<string>();
	for (const engagement of input.fixed ?? []) {
		if (fixedIds.has(engagement.id)) problems.push(`The engagement "${engagement.id}" is listed twice.`);
		fixedIds.add(engagement.id);
		if (!isIsoDate(engagement.date)) problems.push(`The engagement "${engagement.id}" has a date that is not a real date: "${engagement.date}".`);
		if (!Number.isFinite(engagement.days) || engagement.days < 0) problems.push(`The engagement "${engagement.id}" has an impossible number of days.`);
	}
	return problems;
}
