import { academicYearLabel } from '../ks2/types';
import { academicYearBounds } from '../calendar/half-terms';
import { isIsoDate, type IsoDate } from '../calendar/iso-date';
import { whyNotWorkingDay } from '../calendar/working-days';
import { QUARTERS_PER_DAY, toQuarters, toWeekCap } from './adviser-ledger';
import { adviserLoadAround } from './booking';
import { buildDayTable, ordinalOf, windowDays } from './day-table';
import { capitalise, windowLabel } from './plain-english';
import { daysPerWeekOn, type Engagement, type PlanInput, type PlanResult } from './plan-types';
import { followersOf, requirementsFor, type Requirement } from './requirements';
import { dayAndDate, formatDays } from '../format';

export type MoveCheck = { ok: true } | { ok: false; reasons: string[] };

/**
 * Whether an adviser may move one engagement to `newDate`, judged by the planner's own rules:
 * a term-time working day that is not their day off, inside the engagement's window, within 1 day
 * a day and their days a week, still in order with the school's other engagements, and the set
 * gap from the previous and next occurrence. Every broken rule is reported, in plain words.
 */
export function checkMove(current: PlanResult, engagementId: string, newDate: IsoDate, input: PlanInput): MoveCheck {
	const engagement = current.engagements.find((e) => e.id === engagementId);
	if (!engagement) return refuse([`There is no engagement "${engagementId}" in this plan.`]);
	if (engagement.status === 'completed') return refuse(['It has already been completed, so its date cannot change.']);
	if (!isIsoDate(newDate)) return refuse([`"${newDate}" is not a real date.`]);
	if (newDate === engagement.date) return { ok: true };

	const { calendar } = input;
	const year = academicYearBounds(calendar.summerYear);
	if (newDate < year.start || newDate > year.end) {
		return refuse([`${dayAndDate(newDate)} is outside the ${academicYearLabel(calendar.summerYear)} school year.`]);
	}
	const reasons: string[] = [];
	const when = dayAndDate(newDate);
	if (input.notBefore && newDate < input.notBefore) reasons.push(`${when} has passed: choose a date from ${dayAndDate(input.notBefore)}.`);
	const notWorking = whyNotWorkingDay(calendar, input.closures, newDate);
	if (notWorking) reasons.push(`Engagements must be on a working day in term time, and ${when} is not: ${notWorking}.`);

	const adviser = input.advisers.find((a) => a.id === engagement.adviserId);
	if (!adviser) reasons.push(`Its adviser (id "${engagement.adviserId}") is not in the list of advisers, so their capacity cannot be checked.`);
	else {
		if (adviser.daysOff.includes(newDate)) reasons.push(`${adviser.name} is off on ${when}.`);
		reasons.push(...capacityReasons(current.engagements, engagement, newDate, adviser));
	}
	reasons.push(...orderReasons(current.engagements, engagement, newDate, input));
	return reasons.length === 0 ? { ok: true } : refuse(reasons);
}

function refuse(reasons: string[]): MoveCheck {
	return { ok: false, reasons };
}

function capacityReasons(engagements: readonly Engagement[], moving: Engagement, newDate: IsoDate, adviser: PlanInput['advisers'][number]): string[] {
	const reasons: string[] = [];
	const load = adviserLoadAround(engagements, moving.adviserId, newDate, moving.id);
	const onDay = load.fixedDay + load.plannedDay;
	const inWeek = load.fixedWeek + load.plannedWeek;
	const adding = toQuarters(moving.days);
	if (adding > 0 && onDay + adding > QUARTERS_PER_DAY) {
		reasons.push(
			`${adviser.name} already has ${formatDays(onDay / QUARTERS_PER_DAY)} booked on ${dayAndDate(newDate)}; this ${formatDays(moving.days)} would make ${formatDays((onDay + adding) / QUARTERS_PER_DAY)}, over the limit of 1 day a day.`
		);
	}
	const capacity = daysPerWeekOn(adviser, load.weekStart);
	if (adding > 0 && inWeek + adding > toWeekCap(capacity)) {
		reasons.push(
			`The week beginning ${dayAndDate(load.weekStart)} would then hold ${formatDays((inWeek + adding) / QUARTERS_PER_DAY)} of ${adviser.name}'s work, over their ${formatDays(capacity)} a week.`
		);
	}
	return reasons;
}

/** The window, order and gap rules, judged against the school's other engagements as they stand. */
function orderReasons(engagements: readonly Engagement[], moving: Engagement, newDate: IsoDate, input: PlanInput): string[] {
	if (!moving.fulfils) return [];
	const category = input.schools.find((s) => s.urn === moving.urn)?.category ?? moving.category;
	if (category === null) return [];
	const requirements = requirementsFor(input.templates, category);
	const index = requirements.findIndex((r) => r.template.id === moving.fulfils!.templateId && r.sequence === moving.fulfils!.sequence);
	if (index < 0) return [];

	const reasons: string[] = [];
	const requirement = requirements[index];
	const table = buildDayTable(input.calendar, input.closures);
	const span = windowDays(table, requirement.window, requirement.template.withinWeeks);
	const day = ordinalOf(table, newDate);
	if (day < span.first || day > span.last) {
		reasons.push(
			`${capitalise(nameOf(requirement))} must be between ${dayAndDate(table.dates[span.first])} and ${dayAndDate(table.dates[span.last])} (${windowLabel(requirement.window, requirement.template.withinWeeks)}).`
		);
	}

	const others = new Map<number, Engagement>();
	for (const e of engagements) {
		if (e.urn !== moving.urn || e.id === moving.id || !e.fulfils) continue;
		const i = requirements.findIndex((r) => r.template.id === e.fulfils!.templateId && r.sequence === e.fulfils!.sequence);
		if (i >= 0) others.set(i, e);
	}
	const dayOf = (e: Engagement) => ordinalOf(table, e.date);

	const weeks = requirement.template.minWeeksApart;
	const gapDays = Math.max(1, (weeks ?? 0) * 7);
	const gapRule = (other: Requirement, date: IsoDate) =>
		weeks
			? `${capitalise(requirement.template.label)}s must be at least ${weeks} ${weeks === 1 ? 'week' : 'weeks'} apart, and ${nameOf(other)} is on ${dayAndDate(date)}.`
			: `It must keep its place in the series: ${nameOf(other)} is on ${dayAndDate(date)}.`;

	for (const before of requirement.after) {
		const other = others.get(before);
		if (other && dayOf(other) >= day) reasons.push(`It must come after the ${nameOf(requirements[before])}, on ${dayAndDate(other.date)}.`);
	}
	// Gaps hold between the occurrences that exist, skipping any that could not be placed.
	const followers = followersOf(requirements);
	const step = (i: number, direction: -1 | 1) => (direction < 0 ? (requirements[i].gap?.index ?? null) : (followers[i].find((f) => f.isGap)?.index ?? null));
	for (const direction of [-1, 1] as const) {
		let i = step(index, direction);
		while (i !== null && !others.has(i)) i = step(i, direction);
		if (i === null) continue;
		const other = others.get(i)!;
		const apart = direction < 0 ? day - dayOf(other) : dayOf(other) - day;
		if (apart < gapDays) reasons.push(gapRule(requirements[i], other.date));
	}
	for (const { index: later, isGap } of followers[index]) {
		const other = others.get(later);
		if (!isGap && other && dayOf(other) <= day) reasons.push(`It must come before the ${nameOf(requirements[later])}, on ${dayAndDate(other.date)}.`);
	}
	return reasons;
}

/** "SIA-led review 2 of 3", or just the label for a one-off. */
function nameOf(requirement: Requirement): string {
	const { label, count } = requirement.template;
	return count > 1 ? `${label} ${requirement.sequence} of ${count}` : label;
}
