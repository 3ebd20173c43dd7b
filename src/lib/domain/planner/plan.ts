import { CATEGORIES } from '../analysis/categories';
import { HALF_TERM_LABELS, halfTermIndex, type HalfTermId } from '../calendar/half-terms';
import { AdviserLedger, toQuarters } from './adviser-ledger';
import { buildDayTable, halfTermAt, ordinalOf, windowDays, type DayTable } from './day-table';
import { matchFixed } from './fixed-engagements';
import { capitalise, windowLabel } from './plain-english';
import type { AdviserId, Engagement, FixedEngagement, PlanInput, PlanResult, PlanSchool, Shortfall, UnplacedCause, UnplacedEngagement } from './plan-types';
import { compareText, followersOf, requirementsFor, type Requirement } from './requirements';
import { engagementId } from './templates';
import { PlanInputError, validatePlanInput } from './validate-plan-input';
import { dayAndDate, formatDays } from '../format';

type Span = { first: number; last: number };

/** One school's requirements on its link adviser's calendar, with what is already fixed. */
interface SchoolWork {
	school: PlanSchool;
	requirements: readonly Requirement[];
	spans: readonly Span[];
	/** Day number of each requirement once placed (or fixed); null while it is not. */
	day: (number | null)[];
	fixed: boolean[];
	/** For each requirement, those that must come after it and the days they must be after it by. */
	followers: readonly (readonly { index: number; days: number; isGap: boolean }[])[];
}

interface Task {
	work: SchoolWork;
	index: number;
	quarters: number;
	/** Bounds as positions in the adviser's open days, leaving room for the school's other engagements. */
	earliest: number;
	latest: number;
	/** No open day in the window at all. */
	closed: boolean;
	/** Where in its bounds to aim (0 = as early as possible, 1 = as late), to spread the adviser's load. */
	share: number;
}

/**
 * Turns each school's agreed category into dated engagements for its link adviser.
 *
 * Every placement keeps the rules in docs/scheduling.md: inside its window, on an open working day of the
 * adviser, at most 1 day of work a day and the adviser's days a week, after whatever must come
 * before it, and at least the set gap from the previous occurrence (4 weeks for reviews).
 * Whatever cannot be placed is returned in `unplaced` with a reason and counted in `shortfalls`.
 *
 * Advisers are planned one at a time: a school's work only ever uses its link adviser's days.
 * For each school, a forward and a backward pass give every engagement the earliest and latest
 * day that still leaves room for the others in order. Engagements are then placed whole days
 * first, then halves, then quarters, each size by the tightest deadline; each goes on the open
 * day nearest a target that spreads the adviser's schools evenly through its window, between the
 * dates already given to the school's other engagements. Inputs are sorted first, so the same
 * input in any order gives the same plan. One adviser is planned in time linear in their
 * engagements times the length of a window; loads are arrays indexed by day and week.
 */
export function plan(input: PlanInput): PlanResult {
	const problems = validatePlanInput(input);
	if (problems.length > 0) throw new PlanInputError(problems);

	const table = buildDayTable(input.calendar, input.closures);
	const notBefore = input.notBefore ? Math.max(0, ordinalOf(table, input.notBefore)) : 0;
	const categories = new Map(
		CATEGORIES.map((category) => {
			const requirements = requirementsFor(input.templates, category);
			const spans = requirements.map((r) => windowDays(table, r.window, r.template.withinWeeks));
			return [category, { requirements, spans, followers: followersOf(requirements) }] as const;
		})
	);
	const advisers = [...input.advisers].sort((a, b) => a.id - b.id);
	const ledgers = new Map(advisers.map((adviser) => [adviser.id, new AdviserLedger(table, adviser, notBefore)]));

	const engagements: Engagement[] = [];
	const unplaced: UnplacedEngagement[] = [];

	const fixedByUrn = new Map<number, { engagement: FixedEngagement; day: number }[]>();
	const fixed = [...(input.fixed ?? [])].sort((a, b) => compareText(a.date, b.date) || compareText(a.id, b.id));
	for (const engagement of fixed) {
		const day = ordinalOf(table, engagement.date);
		ledgers.get(engagement.adviserId)?.book(day, toQuarters(engagement.days));
		const list = fixedByUrn.get(engagement.urn) ?? [];
		list.push({ engagement, day });
		fixedByUrn.set(engagement.urn, list);
	}

	const workByAdviser = new Map<AdviserId, SchoolWork[]>();
	for (const school of [...input.schools].sort((a, b) => a.urn - b.urn)) {
		const { requirements, spans, followers } = categories.get(school.category)!;
		const work: SchoolWork = {
			school,
			requirements,
			spans,
			followers,
			day: requirements.map(() => null),
			fixed: requirements.map(() => false)
		};
		const ownFixed = fixedByUrn.get(school.urn) ?? [];
		fixedByUrn.delete(school.urn);
		matchFixed(requirements, spans, ownFixed).forEach((index, f) => {
			if (index !== null) {
				work.day[index] = ownFixed[f].day;
				work.fixed[index] = true;
			}
			engagements.push(fromFixed(ownFixed[f].engagement, index === null ? null : requirements[index], table));
		});

		const adviserId = school.linkAdviserId;
		if (adviserId !== null && ledgers.has(adviserId)) {
			const list = workByAdviser.get(adviserId) ?? [];
			list.push(work);
			workByAdviser.set(adviserId, list);
			continue;
		}
		const cause: UnplacedCause = adviserId !== null ? 'unknown_adviser' : 'no_link_adviser';
		const reason =
			adviserId !== null
				? `${school.name}'s link adviser (id "${adviserId}") is not in the list of advisers. Add them, or choose another link adviser.`
				: `${school.name} has no link adviser. Choose one, then plan again.`;
		requirements.forEach((requirement, index) => {
			if (!work.fixed[index]) unplaced.push(unplacedItem(work, index, adviserId, requirement.window.from, cause, reason));
		});
	}
	// Confirmed or completed work for a school no longer in the list still happened or is still booked.
	for (const list of fixedByUrn.values()) for (const { engagement } of list) engagements.push(fromFixed(engagement, null, table));

	for (const adviser of advisers) {
		planAdviser(ledgers.get(adviser.id)!, workByAdviser.get(adviser.id) ?? [], input, notBefore, engagements, unplaced);
	}

	engagements.sort(
		(a, b) =>
			compareText(a.date, b.date) ||
			a.adviserId - b.adviserId ||
			a.urn - b.urn ||
			compareText(a.templateId, b.templateId) ||
			a.sequence - b.sequence ||
			compareText(a.id, b.id)
	);
	unplaced.sort((a, b) => a.urn - b.urn || compareText(a.templateId, b.templateId) || a.sequence - b.sequence);
	return { engagements, unplaced, shortfalls: shortfallsOf(unplaced, advisers) };
}

function planAdviser(
	ledger: AdviserLedger,
	schools: SchoolWork[],
	input: PlanInput,
	notBefore: number,
	engagements: Engagement[],
	unplaced: UnplacedEngagement[]
): void {
	const tasks: Task[] = [];
	schools.forEach((work, rank) => {
		const share = (rank + 0.5) / schools.length;
		const { earliest, latest, closed } = boundsFor(ledger, work);
		work.requirements.forEach((_, index) => {
			if (work.fixed[index]) return;
			const quarters = toQuarters(work.requirements[index].template.days);
			tasks.push({ work, index, quarters, earliest: earliest[index], latest: latest[index], closed: closed[index] === 1, share });
		});
	});
	// Whole-day work first, then halves, then quarters (as in first-fit-decreasing packing): small
	// calls and desktop analyses fill the gaps around visits instead of leaving no day free for
	// one. Within a size, the tightest deadline first.
	tasks.sort((a, b) => b.quarters - a.quarters || a.latest - b.latest || a.earliest - b.earliest || a.work.school.urn - b.work.school.urn || a.index - b.index);

	const { adviser, available, table } = ledger;
	for (const task of tasks) {
		const { work, index } = task;
		const requirement = work.requirements[index];
		const span = work.spans[index];
		const window = windowLabel(requirement.window, requirement.template.withinWeeks);
		const fail = (cause: UnplacedCause, reason: string, day: number) =>
			unplaced.push(unplacedItem(work, index, adviser.id, halfTermAt(table, day) ?? requirement.window.from, cause, reason));

		if (task.closed) {
			if (span.last < notBefore) {
				fail('window_passed', `Its window (${window}) ended before ${dayAndDate(input.notBefore!)}, the date the plan was redone from.`, span.first);
			} else {
				fail('no_room', `${adviser.name} has no working day in its window (${window}): every day in it is a holiday, a closure day or a day off.`, span.first);
			}
			continue;
		}
		if (task.earliest > task.latest) {
			fail(
				'no_room',
				`Its window (${window}) is too short for ${adviser.name} to fit it in order with this school's other engagements${gapNote(requirement)}.`,
				span.first
			);
			continue;
		}

		// Tighten the bounds to the school's engagements that already have a date, before and after.
		let low = task.earliest;
		let high = task.latest;
		for (const before of requirement.after) {
			const day = work.day[before];
			if (day !== null) low = Math.max(low, ledger.positionOnOrAfter(day + 1));
		}
		// The gap holds between whichever occurrences end up placed, so skip over any that were not.
		const previous = nearestOccurrence(work, index, -1, (i) => work.day[i] !== null);
		if (previous !== null) low = Math.max(low, ledger.positionOnOrAfter(work.day[previous]! + requirement.gap!.days));
		const next = nearestOccurrence(work, index, +1, (i) => work.day[i] !== null);
		if (next !== null) high = Math.min(high, ledger.positionOnOrBefore(work.day[next]! - work.requirements[next].gap!.days));
		for (const { index: later, days, isGap } of work.followers[index]) {
			const day = work.day[later];
			if (!isGap && day !== null) high = Math.min(high, ledger.positionOnOrBefore(day - days));
		}
		const target = Math.min(high, Math.max(low, task.earliest + Math.round(task.share * (high - task.earliest))));
		const position = nearestOpening(ledger, low, high, target, task.quarters);
		if (position < 0) {
			const limits = `keeping to 1 day a day and ${formatDays(adviser.daysPerWeek)} a week`;
			if (low > high) {
				fail(
					'capacity',
					`Capacity short: once this school's other engagements had dates, no working day was left for it in its window (${window}) with ${formatDays(requirement.template.days)} free for ${adviser.name}, ${limits}.`,
					span.first
				);
			} else {
				fail(
					'capacity',
					`Capacity short: ${adviser.name} has no working day between ${dayAndDate(table.dates[available[low]])} and ${dayAndDate(table.dates[available[high]])} with ${formatDays(requirement.template.days)} free, ${limits}.`,
					available[target]
				);
			}
			continue;
		}
		const day = available[position];
		ledger.book(day, task.quarters);
		work.day[index] = day;
		engagements.push(planned(work, index, adviser.id, day, table));
	}
}

/**
 * Earliest and latest position (in the adviser's open days) for each requirement of a school, so
 * that everything after it can still fit: a forward pass pushes each one after what it follows,
 * a backward pass pulls each one before what follows it. Fixed engagements are pinned to their
 * dates. A requirement with no open day in its window at all is left out of both passes, so a
 * window that has passed does not push the rest of the school's year back.
 */
function boundsFor(ledger: AdviserLedger, work: SchoolWork): { earliest: Int32Array; latest: Int32Array; closed: Uint8Array } {
	const { requirements, spans, day: pinned, fixed } = work;
	const count = requirements.length;
	const earliest = new Int32Array(count);
	const latest = new Int32Array(count);
	const closed = new Uint8Array(count);
	const { available } = ledger;
	for (let i = 0; i < count; i++) {
		earliest[i] = ledger.positionOnOrAfter(spans[i].first);
		latest[i] = ledger.positionOnOrBefore(spans[i].last);
		if (!fixed[i] && earliest[i] > latest[i]) closed[i] = 1;
	}
	const dayAt = (position: number) => (position < available.length ? available[position] : Number.MAX_SAFE_INTEGER);

	for (let i = 0; i < count; i++) {
		if (fixed[i]) continue;
		const { after, gap } = requirements[i];
		for (const before of after) {
			if (fixed[before]) earliest[i] = Math.max(earliest[i], ledger.positionOnOrAfter(pinned[before]! + 1));
			else if (!closed[before]) earliest[i] = Math.max(earliest[i], earliest[before] + 1);
		}
		const previous = gap ? nearestOccurrence(work, i, -1, (j) => !closed[j]) : null;
		if (previous !== null) {
			const day = fixed[previous] ? pinned[previous]! : dayAt(earliest[previous]);
			earliest[i] = Math.max(earliest[i], ledger.positionOnOrAfter(day + gap!.days));
		}
	}

	for (let i = count - 1; i >= 0; i--) {
		if (closed[i]) continue;
		const { after, gap } = requirements[i];
		const lastBefore = (days: number) =>
			fixed[i] ? ledger.positionOnOrBefore(pinned[i]! - days) : latest[i] < 0 ? -1 : ledger.positionOnOrBefore(available[latest[i]] - days);
		for (const before of after) if (!fixed[before]) latest[before] = Math.min(latest[before], lastBefore(1));
		const previous = gap ? nearestOccurrence(work, i, -1, (j) => !closed[j]) : null;
		if (previous !== null && !fixed[previous]) latest[previous] = Math.min(latest[previous], lastBefore(gap!.days));
	}
	return { earliest, latest, closed };
}

/**
 * The nearest earlier (direction -1) or later (+1) occurrence of the same template that passes
 * `counts`, skipping those that do not; null if there is none.
 */
function nearestOccurrence(work: SchoolWork, index: number, direction: -1 | 1, counts: (i: number) => boolean): number | null {
	let current: number | null = index;
	while (current !== null) {
		current = direction < 0 ? (work.requirements[current].gap?.index ?? null) : (work.followers[current].find((f) => f.isGap)?.index ?? null);
		if (current !== null && counts(current)) return current;
	}
	return null;
}

/** The open position nearest `target` in [low, high] where the work fits, earlier first on a tie; -1 if none. */
function nearestOpening(ledger: AdviserLedger, low: number, high: number, target: number, quarters: number): number {
	const { available } = ledger;
	for (let step = 0; target - step >= low || target + step <= high; step++) {
		const earlier = target - step;
		if (earlier >= low && earlier <= high && ledger.fits(available[earlier], quarters)) return earlier;
		const later = target + step;
		if (step > 0 && later <= high && later >= low && ledger.fits(available[later], quarters)) return later;
	}
	return -1;
}

function gapNote(requirement: Requirement): string {
	const weeks = requirement.template.minWeeksApart;
	if (!weeks || requirement.template.count < 2) return '';
	return ` and at least ${weeks} ${weeks === 1 ? 'week' : 'weeks'} between one ${requirement.template.label} and the next`;
}

function planned(work: SchoolWork, index: number, adviserId: AdviserId, day: number, table: DayTable): Engagement {
	const { template, sequence } = work.requirements[index];
	return {
		id: engagementId(work.school.urn, template.id, sequence),
		urn: work.school.urn,
		adviserId,
		templateId: template.id,
		category: template.category,
		activity: template.activity,
		label: template.label,
		mode: template.mode,
		date: table.dates[day],
		days: template.days,
		halfTerm: halfTermAt(table, day),
		sequence,
		status: 'planned',
		fulfils: { templateId: template.id, sequence }
	};
}

function fromFixed(engagement: FixedEngagement, requirement: Requirement | null, table: DayTable): Engagement {
	return {
		...engagement,
		halfTerm: halfTermAt(table, ordinalOf(table, engagement.date)),
		fulfils: requirement ? { templateId: requirement.template.id, sequence: requirement.sequence } : null
	};
}

function unplacedItem(
	work: SchoolWork,
	index: number,
	adviserId: AdviserId | null,
	halfTerm: HalfTermId,
	cause: UnplacedCause,
	reason: string
): UnplacedEngagement {
	const { template, sequence, window } = work.requirements[index];
	return {
		id: engagementId(work.school.urn, template.id, sequence),
		urn: work.school.urn,
		schoolName: work.school.name,
		adviserId,
		templateId: template.id,
		category: template.category,
		activity: template.activity,
		label: template.label,
		sequence,
		days: template.days,
		halfTerm,
		window,
		cause,
		reason: capitalise(reason)
	};
}

/** Capacity shortfalls by adviser and half term: the days that did not fit, and whose they were. */
export function shortfallsOf(unplaced: readonly UnplacedEngagement[], advisers: readonly { id: AdviserId; name: string }[]): Shortfall[] {
	const names = new Map(advisers.map((adviser) => [adviser.id, adviser.name]));
	const groups = new Map<string, Shortfall>();
	for (const item of unplaced) {
		if (item.cause !== 'capacity' || item.adviserId === null) continue;
		const key = `${item.adviserId}\u0000${item.halfTerm}`;
		const group = groups.get(key) ?? {
			adviserId: item.adviserId,
			adviserName: names.get(item.adviserId) ?? String(item.adviserId),
			halfTerm: item.halfTerm,
			days: 0,
			urns: [],
			message: ''
		};
		group.days += item.days;
		if (!group.urns.includes(item.urn)) group.urns.push(item.urn);
		groups.set(key, group);
	}
	const shortfalls = [...groups.values()];
	for (const s of shortfalls) s.message = `Capacity short by ${formatDays(s.days)} in ${HALF_TERM_LABELS[s.halfTerm]} for ${s.adviserName}`;
	return shortfalls.sort((a, b) => a.adviserId - b.adviserId || halfTermIndex(a.halfTerm) - halfTermIndex(b.halfTerm));
}
