import { HALF_TERMS, type HalfTermId } from '../calendar/half-terms';
import { AdviserLedger, QUARTERS_PER_DAY } from './adviser-ledger';
import { CATEGORIES, type Category } from '../analysis/categories';
import { buildDayTable } from './day-table';
import type { AdviserId, PlanInput, PlanResult } from './plan-types';
import { daysPerSchool } from './templates';

export interface HalfTermCapacity {
	halfTerm: HalfTermId;
	/** Days the adviser can give: per week the smaller of their days a week and their open days. */
	available: number;
	/** Days of confirmed, completed and planned work in the half term. */
	planned: number;
	/** Planned plus what could not be placed but was wanted here. */
	needed: number;
	/** Days that did not fit for lack of capacity. */
	shortfall: number;
}

export interface AdviserCapacity {
	adviserId: AdviserId;
	adviserName: string;
	schools: number;
	halfTerms: HalfTermCapacity[];
	available: number;
	planned: number;
	needed: number;
	shortfall: number;
	/** True when the year's work needs more days than the adviser has. */
	overCapacity: boolean;
}

export interface CapacitySummary {
	byCategory: { category: Category; schools: number; daysPerSchool: number; daysNeeded: number }[];
	/**
	 * Work booked outside the categories' templates (Quality Mark assessment visits): not in
	 * `byCategory`, but in the advisers' planned and needed days like any other engagement.
	 */
	booked: { engagements: number; schools: number; days: number };
	byAdviser: AdviserCapacity[];
	/** The LA as a whole. `unassigned` is work for schools with no (known) link adviser. */
	/**
	 * `shortfall` counts only work that did not fit an adviser's capacity; `unplaced` every engagement
	 * the plan could not place, whatever the reason (capacity, its window, its order, no link adviser).
	 */
	total: { available: number; needed: number; planned: number; shortfall: number; unassigned: number; unplaced: { engagements: number; days: number } };
	/** Schools with anything unplaced, most days missing first. */
	affectedSchools: { urn: number; name: string; category: Category; adviserId: AdviserId | null; unplacedDays: number; reasons: string[] }[];
}

/**
 * The numbers behind the capacity view: what each category costs, what each adviser has and
 * needs per half term, the LA total, the shortfall and the schools it falls on. Built from a plan
 * and the input that produced it, so it always agrees with the schedule.
 */
export function capacitySummary(input: PlanInput, result: PlanResult): CapacitySummary {
	const table = buildDayTable(input.calendar, input.closures);
	const perSchool = daysPerSchool(input.templates);

	const byCategory = CATEGORIES.map((category) => {
		const schools = input.schools.filter((s) => s.category === category).length;
		return { category, schools, daysPerSchool: perSchool[category], daysNeeded: schools * perSchool[category] };
	});

	const rows = new Map<AdviserId, AdviserCapacity>();
	for (const adviser of [...input.advisers].sort((a, b) => a.id - b.id)) {
		// The whole year's capacity, even when re-planning mid-year, so it compares with the whole year's work.
		const ledger = new AdviserLedger(table, adviser, 0);
		const halfTerms = availableByHalfTerm(ledger).map((available, i) => ({ halfTerm: HALF_TERMS[i], available, planned: 0, needed: 0, shortfall: 0 }));
		rows.set(adviser.id, {
			adviserId: adviser.id,
			adviserName: adviser.name,
			schools: input.schools.filter((s) => s.linkAdviserId === adviser.id).length,
			halfTerms,
			available: 0,
			planned: 0,
			needed: 0,
			shortfall: 0,
			overCapacity: false
		});
	}
	const cell = (adviserId: AdviserId | null, halfTerm: HalfTermId | null) =>
		adviserId !== null && halfTerm ? rows.get(adviserId)?.halfTerms.find((h) => h.halfTerm === halfTerm) : undefined;

	for (const e of result.engagements) {
		const target = cell(e.adviserId, e.halfTerm);
		if (!target) continue;
		target.planned += e.days;
		target.needed += e.days;
	}
	let unassigned = 0;
	for (const u of result.unplaced) {
		const target = cell(u.adviserId, u.halfTerm);
		if (!target) {
			unassigned += u.days;
			continue;
		}
		target.needed += u.days;
		if (u.cause === 'capacity') target.shortfall += u.days;
	}
	for (const row of rows.values()) {
		for (const key of ['available', 'planned', 'needed', 'shortfall'] as const) row[key] = row.halfTerms.reduce((sum, h) => sum + h[key], 0);
		row.overCapacity = row.needed > row.available || row.shortfall > 0;
	}

	const byAdviser = [...rows.values()];
	const sum = (key: 'available' | 'planned' | 'needed' | 'shortfall') => byAdviser.reduce((total, row) => total + row[key], 0);

	const schoolsByUrn = new Map(input.schools.map((s) => [s.urn, s]));
	const affected = new Map<number, CapacitySummary['affectedSchools'][number]>();
	for (const u of result.unplaced) {
		const school = schoolsByUrn.get(u.urn);
		const entry = affected.get(u.urn) ?? {
			urn: u.urn,
			name: u.schoolName,
			category: school?.category ?? u.category,
			adviserId: u.adviserId,
			unplacedDays: 0,
			reasons: []
		};
		entry.unplacedDays += u.days;
		if (!entry.reasons.includes(u.reason)) entry.reasons.push(u.reason);
		affected.set(u.urn, entry);
	}

	const booked = result.engagements.filter((e) => e.category === null);
	return {
		byCategory,
		booked: { engagements: booked.length, schools: new Set(booked.map((e) => e.urn)).size, days: booked.reduce((sum, e) => sum + e.days, 0) },
		byAdviser,
		total: {
			available: sum('available'),
			needed: sum('needed') + unassigned,
			planned: sum('planned'),
			shortfall: sum('shortfall'),
			unassigned,
			unplaced: { engagements: result.unplaced.length, days: result.unplaced.reduce((n, u) => n + u.days, 0) }
		},
		affectedSchools: [...affected.values()].sort((a, b) => b.unplacedDays - a.unplacedDays || a.urn - b.urn)
	};
}

/**
 * Days an adviser can give in each half term: each week offers the smaller of their days a week and
 * their open days in it. A week split between two half terms (possible with edited dates) fills the
 * earlier half term first, so no week is counted twice.
 */
function availableByHalfTerm(ledger: AdviserLedger): number[] {
	const { table, available, weeklyCaps } = ledger;
	const quarters = HALF_TERMS.map(() => 0);
	const usedInWeek = new Map<number, number>();
	for (const day of available) {
		const week = table.week[day];
		const used = usedInWeek.get(week) ?? 0;
		const give = Math.min(QUARTERS_PER_DAY, weeklyCaps[week] - used);
		if (give <= 0) continue;
		usedInWeek.set(week, used + give);
		quarters[table.halfTerm[day]] += give;
	}
	return quarters.map((q) => q / QUARTERS_PER_DAY);
}
