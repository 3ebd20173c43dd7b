import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ks2SchoolYear } from '../ks2/types';
import { categoryRank } from './categories';
import { categorise, type CategoriseInput } from './engine';
import { DEFAULT_POLICY, validatePolicy, type Policy } from './policy';
import { REPORT_CARD_GRADES, type SoftIntelligenceEntry } from './soft-intelligence';
import { ENGLAND, schoolYear, URN, type ConcernType } from './test-fixtures';

/*
 * Properties of docs/categories.md over random schools and random valid policies.
 *
 * "Worse data" has to be defined with care: lowering only an older year makes the trend look
 * better (the fall to this year is smaller), so it is not simply worse. Two changes are worse on
 * every count: lowering the latest year's figures, and lowering every year by the same amount.
 */

const SCENARIOS = [
	{ year: 2019, asOf: '2019-09-01', years: [2017, 2018, 2019] },
	{ year: 2024, asOf: '2024-09-01', years: [2019, 2023, 2024] }
];

const pct = fc.integer({ min: 20, max: 100 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

const progressArb = fc.oneof(
	fc.constant({}),
	fc.record({ score: fc.integer({ min: -80, max: 80 }), half: fc.integer({ min: 5, max: 40 }) }).map(({ score, half }) => {
		const s = score / 10;
		const h = half / 10;
		return {
			readProgress: s,
			readProgressLower: s - h,
			readProgressUpper: s + h,
			writProgress: -s / 2,
			writProgressLower: -s / 2 - h,
			writProgressUpper: -s / 2 + h,
			matProgress: s,
			matProgressLower: s - h,
			matProgressUpper: s + h
		};
	}),
	fc.record({
		readProgressBand: fc.integer({ min: 1, max: 5 }),
		writProgressBand: fc.integer({ min: 1, max: 5 }),
		matProgressBand: fc.integer({ min: 1, max: 5 })
	})
);

const rowArb = fc.record({
	rwmExpected: maybe(pct),
	rwmHigh: maybe(fc.integer({ min: 0, max: 40 })),
	cohort: fc.integer({ min: 4, max: 90 }),
	rwmExpected3yr: maybe(pct),
	rwmExpectedDisadvantaged: maybe(fc.integer({ min: 20, max: 100 })),
	disadvantagedCount: maybe(fc.integer({ min: 0, max: 40 })),
	progress: progressArb
});

const CONCERNS: ConcernType[] = ['new_head', 'interim_leadership', 'governance', 'safeguarding', 'finance', 'staffing', 'complaint', 'self_referral', 'other'];

const entryArb = fc.oneof(
	fc.record({
		type: fc.constantFrom(...CONCERNS),
		date: fc.constantFrom('2016-01-10', '2018-05-01', '2019-03-01', '2023-11-01', '2024-06-01'),
		endDate: fc.constantFrom(null, null, '2019-01-01', '2024-01-01')
	}),
	fc.record({
		type: fc.constant('ofsted_legacy' as const),
		grade: fc.constantFrom('outstanding', 'good', 'requires_improvement', 'inadequate'),
		date: fc.constantFrom('2014-01-10', '2017-05-01', '2022-03-01')
	}),
	// The 2026 kinds: a graded inspection with no overall grade, a report card, an ungraded inspection;
	// sharing dates so that same-day ties are tried too.
	fc.record({
		type: fc.constant('ofsted_legacy' as const),
		grade: fc.constant(null),
		judgements: fc.record({ qualityOfEducation: fc.constantFrom(1, 2, 3, 4), leadershipAndManagement: fc.constantFrom(1, 2, 3, 4) }),
		categoryOfConcern: fc.constantFrom(null, null, 'special_measures', 'serious_weaknesses'),
		predecessor: fc.boolean(),
		date: fc.constantFrom('2017-05-01', '2019-03-01', '2024-06-01')
	}),
	fc.record({
		type: fc.constant('ofsted_report_card' as const),
		areas: fc.array(fc.record({ area: fc.constantFrom('Achievement', 'Leadership and governance'), grade: fc.constantFrom(...REPORT_CARD_GRADES) }), {
			maxLength: 2
		}),
		safeguardingMet: fc.boolean(),
		date: fc.constantFrom('2019-03-01', '2024-06-01')
	}),
	fc.record({
		type: fc.constant('ofsted_ungraded' as const),
		outcome: fc.constantFrom('Some aspects not as strong', 'School remains Good'),
		date: fc.constantFrom('2017-05-01', '2019-03-01', '2024-06-01')
	})
);

function toEntries(raw: readonly Record<string, unknown>[]): SoftIntelligenceEntry[] {
	return raw.map((e, i) => ({ id: `p${i}`, endDate: null, details: '', source: 'adviser', ...e }) as SoftIntelligenceEntry);
}

const schoolArb = fc
	.record({
		scenario: fc.constantFrom(...SCENARIOS),
		rows: fc.tuple(rowArb, rowArb, rowArb),
		register: fc.array(entryArb, { maxLength: 4 })
	})
	.map(({ scenario, rows, register }): CategoriseInput => ({
		school: { urn: URN, name: 'Random Primary' },
		years: rows.map(({ progress, ...figures }, i) => schoolYear(scenario.years[i], figures.rwmExpected, { ...figures, ...progress })),
		comparators: ENGLAND,
		softIntelligence: toEntries(register),
		asOf: scenario.asOf,
		year: scenario.year
	}));

/**
 * Random policies that validatePolicy accepts: thresholds moved about, rules switched off, P1 moved
 * among the Light touch rules, and the optional P2 (a current Quality Mark) last, on or off.
 */
const policyArb = fc
	.record({
		wellBelowGap: fc.integer({ min: -30, max: -15 }),
		belowGap: fc.integer({ min: -14, max: -5 }),
		wellAboveGap: fc.integer({ min: 5, max: 15 }),
		persistenceCount: fc.integer({ min: 1, max: 3 }),
		trendTotalDrop: fc.integer({ min: -20, max: -10 }),
		trendStepDrop: fc.integer({ min: -8, max: -3 }),
		progressSigBelowCount: fc.integer({ min: 1, max: 3 }),
		progressWellBelowCount: fc.integer({ min: 1, max: 3 }),
		disadvantagedGap: fc.integer({ min: -40, max: -20 }),
		disadvantagedMinPupils: fc.integer({ min: 5, max: 15 }),
		smallCohortBelow: fc.integer({ min: 5, max: 15 }),
		enabled: fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }),
		p1At: fc.integer({ min: 8, max: 13 })
	})
	.map(({ enabled, p1At, ...t }): Policy => {
		const rules = DEFAULT_POLICY.rules.slice(0, 13).map((r, i) => ({ ...r, enabled: enabled[i] }));
		rules.splice(p1At, 0, { id: 'P1', category: 'secure_plus', enabled: enabled[13] });
		rules.push({ id: 'P2', category: 'secure_plus', enabled: enabled[14] });
		return { ...DEFAULT_POLICY, version: 2, thresholds: { ...DEFAULT_POLICY.thresholds, ...t }, rules };
	});

const policies = fc.oneof(fc.constant(DEFAULT_POLICY), policyArb);

function lowerRow(row: Ks2SchoolYear, points: number, progress: number): Ks2SchoolYear {
	const minus = (x: number | null, by: number) => (x === null ? null : x - by);
	const worseBand = (b: number | null) => (b === null ? null : Math.min(5, b + 1));
	return {
		...row,
		rwmExpected: minus(row.rwmExpected, points),
		rwmExpected3yr: minus(row.rwmExpected3yr, points),
		rwmHigh: minus(row.rwmHigh, points),
		rwmExpectedDisadvantaged: minus(row.rwmExpectedDisadvantaged, points),
		readProgress: minus(row.readProgress, progress),
		readProgressLower: minus(row.readProgressLower, progress),
		readProgressUpper: minus(row.readProgressUpper, progress),
		writProgress: minus(row.writProgress, progress),
		writProgressLower: minus(row.writProgressLower, progress),
		writProgressUpper: minus(row.writProgressUpper, progress),
		matProgress: minus(row.matProgress, progress),
		matProgressLower: minus(row.matProgressLower, progress),
		matProgressUpper: minus(row.matProgressUpper, progress),
		readProgressBand: progress > 0 ? worseBand(row.readProgressBand) : row.readProgressBand,
		writProgressBand: progress > 0 ? worseBand(row.writProgressBand) : row.writProgressBand,
		matProgressBand: progress > 0 ? worseBand(row.matProgressBand) : row.matProgressBand
	};
}

const worsening = fc.record({
	everyYear: fc.boolean(),
	points: fc.integer({ min: 0, max: 20 }),
	progress: fc.integer({ min: 0, max: 40 }).map((x) => x / 10)
});

describe('categorise: properties', () => {
	it('only generates valid policies', () => {
		fc.assert(
			fc.property(policyArb, (policy) => {
				expect(validatePolicy(policy)).toEqual({ ok: true, value: policy });
			})
		);
	});

	it('never lowers a category when the data gets worse', () => {
		fc.assert(
			fc.property(schoolArb, policies, worsening, (input, policy, w) => {
				const latest = Math.max(...input.years.map((r) => r.year));
				const worse = input.years.map((r) => (w.everyYear || r.year === latest ? lowerRow(r, w.points, w.progress) : r));
				const before = categorise(input, policy).category;
				const after = categorise({ ...input, years: worse }, policy).category;
				expect(categoryRank(after)).toBeGreaterThanOrEqual(categoryRank(before));
			}),
			{ numRuns: 500 }
		);
	});

	it('never lowers a category when a concern is added', () => {
		fc.assert(
			fc.property(schoolArb, policies, fc.constantFrom(...CONCERNS), (input, policy, type) => {
				const added = { id: 'added', type, date: input.asOf, endDate: null, details: '', source: 'adviser' } as SoftIntelligenceEntry;
				const before = categorise(input, policy).category;
				const after = categorise({ ...input, softIntelligence: [...input.softIntelligence, added] }, policy).category;
				expect(categoryRank(after)).toBeGreaterThanOrEqual(categoryRank(before));
			}),
			{ numRuns: 500 }
		);
	});

	it('gives the same result every time, whatever order the inputs come in', () => {
		fc.assert(
			fc.property(schoolArb, policies, (input, policy) => {
				const first = categorise(input, policy);
				const shuffled = {
					...input,
					years: [...input.years].reverse(),
					softIntelligence: [...input.softIntelligence].reverse(),
					comparators: [...input.comparators].reverse()
				};
				expect(categorise(input, policy)).toEqual(first);
				expect(categorise(shuffled, policy)).toEqual(first);
			}),
			{ numRuns: 300 }
		);
	});
});
