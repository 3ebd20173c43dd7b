import { startOfISOWeek } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTermDates } from '../calendar/default-term-dates';
import { HALF_TERMS } from '../calendar/half-terms';
import { toDate, toIso } from '../calendar/iso-date';
import { workingDays } from '../calendar/working-days';
import { capacitySummary } from './capacity-summary';
import { DEFAULT_TEMPLATES } from './default-templates';
import { plan } from './plan';
import { planInputArbitrary, PROPERTY_TIMEOUT_MS } from './plan-test-support';
import { daysPerWeekOn, type PlanInput } from './plan-types';

/** Advisers are users: their ids are user ids. */
const JANE = 1;
const SAM = 2;

const calendar = defaultTermDates(2026);
const input: PlanInput = {
	calendar,
	closures: [],
	advisers: [
		{ id: JANE, name: 'Jane Smith', daysPerWeek: 3, daysOff: [] },
		{ id: SAM, name: 'Sam Jones', daysPerWeek: 0.5, daysOff: ['2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05'] }
	],
	schools: [
		{ urn: 100001, name: 'Ash Primary', category: 'focus', linkAdviserId: JANE },
		{ urn: 100002, name: 'Beech Primary', category: 'intensive', linkAdviserId: SAM },
		{ urn: 100003, name: 'Cedar Primary', category: 'secure', linkAdviserId: SAM },
		{ urn: 100004, name: 'Damson Primary', category: 'secure', linkAdviserId: null }
	],
	templates: DEFAULT_TEMPLATES
};
const result = plan(input);
const summary = capacitySummary(input, result);

/** Each week gives the smaller of the days a week and the open days in it. */
function expectedAvailable(daysPerWeek: number, daysOff: string[]): number[] {
	const weeks = new Map<string, { halfTerm: string; days: number }>();
	for (const day of workingDays(calendar).filter((d) => !daysOff.includes(d.date))) {
		const week = toIso(startOfISOWeek(toDate(day.date)));
		weeks.set(week, { halfTerm: day.halfTerm, days: (weeks.get(week)?.days ?? 0) + 1 });
	}
	return HALF_TERMS.map((h) => [...weeks.values()].filter((w) => w.halfTerm === h).reduce((sum, w) => sum + Math.min(daysPerWeek, w.days), 0));
}

describe('capacitySummary', () => {
	it.each([
		['secure_plus', 0, 0.25, 0],
		['secure', 2, 0.75, 1.5],
		['light_touch', 0, 1, 0],
		['focus', 1, 5.75, 5.75],
		['intensive', 1, 10, 10]
	])('costs %s: %i schools at %d days need %d days', (category, schools, daysPerSchool, daysNeeded) => {
		expect(summary.byCategory.find((c) => c.category === category)).toEqual({ category, schools, daysPerSchool, daysNeeded });
	});

	it.each([
		[JANE, 3, [] as string[]],
		[SAM, 0.5, ['2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05']]
	])("counts %s's available days per half term from days a week and days off", (id, daysPerWeek, daysOff) => {
		const row = summary.byAdviser.find((a) => a.adviserId === id)!;
		expect(row.halfTerms.map((h) => h.available)).toEqual(expectedAvailable(daysPerWeek, daysOff));
	});

	it('counts a capacity change only from the day it was made: the half terms before keep the days they had', () => {
		// Cut from 3 days a week to 1 at the start of the spring term.
		const cut = { ...input, advisers: [{ id: JANE, name: 'Jane Smith', daysPerWeek: 1, daysOff: [], earlier: [{ until: '2026-01-05', daysPerWeek: 3 }] }] };
		const row = capacitySummary(cut, plan(cut)).byAdviser.find((a) => a.adviserId === JANE)!;
		const before = expectedAvailable(3, []);
		const after = expectedAvailable(1, []);
		expect(row.halfTerms.map((h) => h.available)).toEqual([before[0], before[1], after[2], after[3], after[4], after[5]]);
		expect(before[0]).toBeGreaterThan(after[0]);
	});

	it.each([
		['before any change', '2025-09-01', 3],
		['the day before the first change', '2025-12-31', 3],
		['the day of the first change', '2026-01-05', 2],
		['between the changes', '2026-03-01', 2],
		['the day of the last change', '2026-04-20', 1],
		['after every change', '2026-07-01', 1]
	])('daysPerWeekOn %s (%s) is %d', (_, date, expected) => {
		const adviser = {
			id: JANE,
			name: 'Jane Smith',
			daysPerWeek: 1,
			daysOff: [],
			earlier: [
				{ until: '2026-01-05', daysPerWeek: 3 },
				{ until: '2026-04-20', daysPerWeek: 2 }
			]
		};
		expect(daysPerWeekOn(adviser, date)).toBe(expected);
		expect(daysPerWeekOn({ ...adviser, earlier: undefined }, date)).toBe(1);
	});

	it("flags the adviser who cannot do their schools' work, with the shortfall by half term", () => {
		const sam = summary.byAdviser.find((a) => a.adviserId === SAM)!;
		const jane = summary.byAdviser.find((a) => a.adviserId === JANE)!;
		expect(sam.overCapacity).toBe(true);
		expect(jane.overCapacity).toBe(false);
		expect(sam.needed).toBe(10 + 0.75);
		expect(sam.shortfall).toBe(result.shortfalls.filter((s) => s.adviserId === SAM).reduce((sum, s) => sum + s.days, 0));
		for (const shortfall of result.shortfalls) {
			expect(sam.halfTerms.find((h) => h.halfTerm === shortfall.halfTerm)?.shortfall).toBe(shortfall.days);
		}
	});

	it('counts work for a school with no link adviser as unassigned, and lists the schools affected', () => {
		expect(summary.total.unassigned).toBe(0.75);
		expect(summary.affectedSchools.map((s) => s.urn)).toContain(100004);
		expect(summary.affectedSchools.find((s) => s.urn === 100004)?.reasons).toEqual(['Damson Primary has no link adviser. Choose one, then plan again.']);
		const days = summary.affectedSchools.map((s) => s.unplacedDays);
		expect(days).toEqual([...days].sort((a, b) => b - a));
	});

	it('counts every engagement the plan could not place, whatever the reason, even with no capacity shortfall', () => {
		// One adviser with room to spare and a window too short for its engagements: nothing is short for
		// lack of capacity, yet work is unplaced, and the summary must not say that everything is planned.
		const narrow = DEFAULT_TEMPLATES.map((t) => (t.category === 'focus' ? { ...t, window: { from: 'summer_2' as const, to: 'summer_2' as const } } : t));
		const roomy: PlanInput = {
			...input,
			advisers: [{ id: JANE, name: 'Jane Smith', daysPerWeek: 5, daysOff: [] }],
			schools: [input.schools[0]],
			templates: narrow
		};
		const planned = plan(roomy);
		const s = capacitySummary(roomy, planned);
		expect(planned.unplaced.length).toBeGreaterThan(0);
		expect(s.total.shortfall).toBe(0);
		expect(s.total.unplaced).toEqual({ engagements: planned.unplaced.length, days: planned.unplaced.reduce((n, u) => n + u.days, 0) });
		expect(summary.total.unplaced.engagements).toBe(result.unplaced.length);
	});

	it("counts a booked Quality Mark visit in its assessor's planned days, apart from the categories", () => {
		const visit = {
			id: '100003/quality_mark.basic_skills/1',
			urn: 100003,
			adviserId: JANE,
			templateId: 'quality_mark.basic_skills',
			category: null,
			activity: 'quality_mark_visit',
			label: 'Basic Skills Quality Mark assessment visit',
			mode: 'on_site',
			date: '2026-03-11',
			days: 1,
			sequence: 1,
			status: 'confirmed'
		} as const;
		const withVisit = { ...input, fixed: [visit] };
		const booked = capacitySummary(withVisit, plan(withVisit));
		expect(booked.booked).toEqual({ engagements: 1, schools: 1, days: 1 });
		expect(summary.booked).toEqual({ engagements: 0, schools: 0, days: 0 });
		expect(booked.byCategory).toEqual(summary.byCategory);
		const jane = (s: typeof summary) => s.byAdviser.find((a) => a.adviserId === JANE)!.halfTerms.find((h) => h.halfTerm === 'spring_2')!;
		expect(jane(booked).planned).toBe(jane(summary).planned + 1);
		expect(jane(booked).needed).toBe(jane(summary).needed + 1);
	});

	it(
		'adds up on random LAs: needed is planned plus unplaced, for each adviser and the LA',
		() => {
			fc.assert(
				fc.property(planInputArbitrary, (randomInput) => {
					const randomResult = plan(randomInput);
					const s = capacitySummary(randomInput, randomResult);
					const unplaced = randomResult.unplaced.reduce((sum, u) => sum + u.days, 0);
					const placed = randomResult.engagements.reduce((sum, e) => sum + e.days, 0);
					expect(s.total.planned).toBeCloseTo(placed, 9);
					expect(s.total.needed).toBeCloseTo(placed + unplaced, 9);
					expect(s.total.shortfall).toBeCloseTo(
						randomResult.shortfalls.reduce((sum, x) => sum + x.days, 0),
						9
					);
					for (const row of s.byAdviser) {
						expect(row.needed).toBeCloseTo(
							row.halfTerms.reduce((sum, h) => sum + h.needed, 0),
							9
						);
						expect(row.planned).toBeLessThanOrEqual(row.available + 1e-9);
					}
				}),
				{ numRuns: 100 }
			);
		},
		PROPERTY_TIMEOUT_MS
	);
});
