// Test support for the planner: random inputs for fast-check, and an independent check of every
// planner rule. Written separately from plan.ts (straight loops over the output, dates through
// date-fns) so a bug in the planner's index arithmetic cannot hide itself. Only tests import this.
import { startOfISOWeek } from 'date-fns';
import fc from 'fast-check';
import { defaultTermDates } from '../calendar/default-term-dates';
import { halfTermIndex, HALF_TERMS, type HalfTermId } from '../calendar/half-terms';
import { daysBetween, toDate, toIso } from '../calendar/iso-date';
import { workingDays } from '../calendar/working-days';
import { CATEGORIES } from '../analysis/categories';
import { DEFAULT_TEMPLATES } from './default-templates';
import { daysPerWeekOn, type Adviser, type Engagement, type PlanInput, type PlanResult, type PlanSchool } from './plan-types';
import { ACTIVITIES, engagementId, MODES, occurrenceWindow, type EngagementTemplate } from './templates';

/** fast-check runs many plans per test; slow CI machines need more than vitest's default 5 s. */
export const PROPERTY_TIMEOUT_MS = 60_000;

/** Every way a plan can break the planner's rules (docs/scheduling.md, The planner), as sentences; empty when it keeps them all. */
export function ruleBreaches(input: PlanInput, result: PlanResult): string[] {
	const breaches: string[] = [];
	const open = new Map(workingDays(input.calendar, input.closures).map((d) => [d.date, d.halfTerm]));
	const advisers = new Map(input.advisers.map((a) => [a.id, a]));
	const schools = new Map(input.schools.map((s) => [s.urn, s]));
	const templates = new Map(input.templates.map((t) => [t.id, t]));
	const halfTerms = new Map(input.calendar.halfTerms.map((h) => [h.id, h]));
	const planned = result.engagements.filter((e) => e.status === 'planned');

	for (const e of planned) {
		const school = schools.get(e.urn);
		const template = templates.get(e.templateId);
		const adviser = advisers.get(e.adviserId);
		if (!school || !template || !adviser) {
			breaches.push(`${e.id}: planned for an unknown school, template or adviser`);
			continue;
		}
		if (school.linkAdviserId !== e.adviserId) breaches.push(`${e.id}: not with the school's link adviser`);
		if (template.category !== school.category) breaches.push(`${e.id}: template of another category`);
		if (!open.has(e.date)) breaches.push(`${e.id}: ${e.date} is not a term-time working day`);
		if (open.get(e.date) !== e.halfTerm) breaches.push(`${e.id}: half term ${e.halfTerm} is wrong for ${e.date}`);
		if (adviser.daysOff.includes(e.date)) breaches.push(`${e.id}: on ${adviser.name}'s day off`);
		if (input.notBefore && e.date < input.notBefore) breaches.push(`${e.id}: before ${input.notBefore}`);
		if (e.days !== template.days) breaches.push(`${e.id}: costs ${e.days}, template says ${template.days}`);
		const window = occurrenceWindow(template, e.sequence);
		const start = halfTerms.get(window.from)!.start;
		const end = halfTerms.get(window.to)!.end;
		if (e.date < start || e.date > end) breaches.push(`${e.id}: ${e.date} outside ${start}..${end}`);
		if (template.withinWeeks && daysBetween(start, e.date) >= 7 * template.withinWeeks) {
			breaches.push(`${e.id}: ${e.date} not in the first ${template.withinWeeks} weeks from ${start}`);
		}
	}

	// Loads: at most 1 day a day and the adviser's days a week, wherever the planner added work.
	const dayLoad = new Map<string, number>();
	const weekLoad = new Map<string, number>();
	const weekOf = (date: string) => toIso(startOfISOWeek(toDate(date)));
	for (const e of result.engagements) {
		const day = `${e.adviserId} ${e.date}`;
		const week = `${e.adviserId} ${weekOf(e.date)}`;
		dayLoad.set(day, (dayLoad.get(day) ?? 0) + e.days * 4);
		weekLoad.set(week, (weekLoad.get(week) ?? 0) + e.days * 4);
	}
	for (const e of planned) {
		const adviser = advisers.get(e.adviserId);
		if (!adviser) continue;
		const day = dayLoad.get(`${e.adviserId} ${e.date}`)!;
		const week = weekLoad.get(`${e.adviserId} ${weekOf(e.date)}`)!;
		if (day > 4) breaches.push(`${adviser.name}: ${day / 4} days on ${e.date}`);
		const capacity = daysPerWeekOn(adviser, weekOf(e.date));
		if (week > Math.floor(capacity * 4 + 1e-9)) breaches.push(`${adviser.name}: ${week / 4} days in the week of ${e.date}, capacity ${capacity}`);
	}

	// Order and gaps, per school, between engagements that exist (at least one of them planned).
	const byUrn = new Map<number, Map<string, Engagement>>();
	for (const e of result.engagements) {
		if (!e.fulfils) continue;
		const own = byUrn.get(e.urn) ?? new Map<string, Engagement>();
		own.set(`${e.fulfils.templateId}#${e.fulfils.sequence}`, e);
		byUrn.set(e.urn, own);
	}
	for (const school of input.schools) {
		const own = byUrn.get(school.urn) ?? new Map<string, Engagement>();
		const get = (id: string, sequence: number) => own.get(`${id}#${sequence}`);
		const judged = (a: Engagement, b: Engagement) => a.status === 'planned' || b.status === 'planned';
		for (const template of input.templates.filter((t) => t.category === school.category)) {
			let previous: Engagement | undefined;
			for (let sequence = 1; sequence <= template.count; sequence++) {
				const e = get(template.id, sequence);
				if (!e) continue;
				const from = halfTermIndex(occurrenceWindow(template, sequence).from);
				for (const beforeId of template.after) {
					const before = templates.get(beforeId)!;
					let pair = 0;
					for (let s = 1; s <= before.count; s++) if (halfTermIndex(occurrenceWindow(before, s).from) <= from) pair = s;
					const b = pair ? get(beforeId, pair) : undefined;
					if (b && judged(b, e) && !(b.date < e.date)) breaches.push(`${e.id} on ${e.date} is not after ${b.id} on ${b.date}`);
				}
				const gap = Math.max(1, (template.minWeeksApart ?? 0) * 7);
				if (previous && judged(previous, e) && daysBetween(previous.date, e.date) < gap) {
					breaches.push(`${e.id} on ${e.date} is less than ${gap} days after ${previous.id} on ${previous.date}`);
				}
				previous = e;
			}
		}
	}

	// Nothing dropped: each requirement of each school is met exactly once or reported unplaced.
	const seen = new Map<string, number>();
	const count = (id: string) => seen.set(id, (seen.get(id) ?? 0) + 1);
	for (const e of result.engagements) if (e.fulfils) count(engagementId(e.urn, e.fulfils.templateId, e.fulfils.sequence));
	for (const u of result.unplaced) {
		count(u.id);
		if (!u.reason.trim()) breaches.push(`${u.id}: unplaced with no reason`);
	}
	const expected = new Set<string>();
	for (const school of input.schools) {
		for (const template of input.templates.filter((t) => t.category === school.category)) {
			for (let sequence = 1; sequence <= template.count; sequence++) expected.add(engagementId(school.urn, template.id, sequence));
		}
	}
	for (const id of expected) if (seen.get(id) !== 1) breaches.push(`${id}: accounted for ${seen.get(id) ?? 0} times`);
	for (const id of seen.keys()) if (!expected.has(id)) breaches.push(`${id}: not a requirement of the school's category`);
	for (const f of input.fixed ?? []) {
		const kept = result.engagements.find((e) => e.id === f.id);
		if (!kept || kept.date !== f.date || kept.adviserId !== f.adviserId || kept.status !== f.status)
			breaches.push(`${f.id}: fixed engagement not kept as it was`);
	}

	const short = result.unplaced.filter((u) => u.cause === 'capacity').reduce((sum, u) => sum + u.days, 0);
	const reported = result.shortfalls.reduce((sum, s) => sum + s.days, 0);
	if (Math.abs(short - reported) > 1e-9) breaches.push(`shortfalls add up to ${reported} days, capacity-unplaced to ${short}`);
	return breaches;
}

/** Random but valid templates: any activity, count, window, cost, order links to earlier ones. */
const templatesArbitrary: fc.Arbitrary<EngagementTemplate[]> = fc
	.tuple(
		...CATEGORIES.map((category) =>
			fc
				.array(
					fc.record({
						activity: fc.constantFrom(...ACTIVITIES),
						count: fc.integer({ min: 1, max: 6 }),
						from: fc.integer({ min: 0, max: 5 }),
						span: fc.integer({ min: 0, max: 5 }),
						withinWeeks: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 1 }),
						quarters: fc.integer({ min: 0, max: 4 }),
						mode: fc.constantFrom(...MODES),
						afterPicks: fc.array(fc.nat(), { maxLength: 2 }),
						minWeeksApart: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null })
					}),
					{ maxLength: 4 }
				)
				.map((drafts) =>
					drafts.map((d, i): EngagementTemplate => ({
						id: `${category}.t${i}`,
						category,
						activity: d.activity,
						label: `${category} activity ${i}`,
						count: d.count,
						window: { from: HALF_TERMS[d.from], to: HALF_TERMS[Math.min(5, d.from + d.span)] as HalfTermId },
						withinWeeks: d.withinWeeks,
						days: d.quarters / 4,
						mode: d.mode,
						after: i === 0 ? [] : [...new Set(d.afterPicks.map((p) => `${category}.t${p % i}`))],
						minWeeksApart: d.minWeeksApart
					}))
				)
		)
	)
	.map((lists) => lists.flat());

/** A random small LA: term dates of a real year, closures, advisers, schools and templates. */
export const planInputArbitrary: fc.Arbitrary<PlanInput> = fc
	.record({
		summerYear: fc.integer({ min: 2022, max: 2030 }),
		templates: fc.oneof(fc.constant([...DEFAULT_TEMPLATES]), templatesArbitrary),
		adviserCount: fc.integer({ min: 1, max: 4 }),
		capacities: fc.array(fc.constantFrom(0, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5), { minLength: 4, maxLength: 4 }),
		daysOffPicks: fc.array(fc.array(fc.nat(), { maxLength: 12 }), { minLength: 4, maxLength: 4 }),
		closurePicks: fc.array(fc.nat(), { maxLength: 5 }),
		schools: fc.uniqueArray(
			fc.record({
				urn: fc.integer({ min: 100000, max: 100400 }),
				category: fc.constantFrom(...CATEGORIES),
				link: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 8 }, { arbitrary: fc.integer({ min: -2, max: -1 }), weight: 1 })
			}),
			{ selector: (s) => s.urn, maxLength: 40 }
		),
		notBeforePick: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat(), weight: 1 })
	})
	.map((r): PlanInput => {
		const calendar = defaultTermDates(r.summerYear);
		const days = workingDays(calendar).map((d) => d.date);
		const pick = (n: number) => days[n % days.length];
		const advisers: Adviser[] = Array.from({ length: r.adviserCount }, (_, i) => ({
			id: i + 1,
			name: `Adviser ${i}`,
			daysPerWeek: r.capacities[i],
			daysOff: [...new Set(r.daysOffPicks[i].map(pick))]
		}));
		const schools: PlanSchool[] = r.schools.map((s) => ({
			urn: s.urn,
			name: `School ${s.urn}`,
			category: s.category,
			// -2: no link adviser; -1: an adviser who is not in the list (id 999); else one of the advisers.
			linkAdviserId: s.link === -2 ? null : s.link === -1 ? 999 : (s.link % r.adviserCount) + 1
		}));
		return {
			calendar,
			closures: [...new Set(r.closurePicks.map(pick))],
			advisers,
			schools,
			templates: r.templates,
			notBefore: r.notBeforePick === null ? null : pick(r.notBeforePick)
		};
	});

/** The same input with every list in a different order (a seeded shuffle). */
export function shuffled(input: PlanInput, seed: number): PlanInput {
	let state = seed >>> 0 || 1;
	const random = () => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 4294967296;
	};
	const mix = <T>(items: readonly T[]): T[] => {
		const copy = [...items];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[copy[i], copy[j]] = [copy[j], copy[i]];
		}
		return copy;
	};
	return {
		...input,
		closures: mix(input.closures),
		advisers: mix(input.advisers).map((a) => ({ ...a, daysOff: mix(a.daysOff) })),
		schools: mix(input.schools),
		templates: mix(input.templates).map((t) => ({ ...t, after: mix(t.after) })),
		fixed: input.fixed ? mix(input.fixed) : input.fixed
	};
}
