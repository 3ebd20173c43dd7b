import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../calendar/iso-date';
import { plan } from './plan';
import { planInputArbitrary, PROPERTY_TIMEOUT_MS, ruleBreaches, shuffled } from './plan-test-support';

const runs = { numRuns: 150 };

describe('plan() on random LAs', () => {
	it(
		'keeps every rule: window, working day, 1 day a day, days a week, order, gaps, nothing dropped',
		() => {
			fc.assert(
				fc.property(planInputArbitrary, (input) => {
					expect(ruleBreaches(input, plan(input))).toEqual([]);
				}),
				runs
			);
		},
		PROPERTY_TIMEOUT_MS
	);

	it(
		'is deterministic: the same input in any order gives the same plan',
		() => {
			fc.assert(
				fc.property(planInputArbitrary, fc.integer({ min: 1 }), (input, seed) => {
					const first = plan(input);
					expect(plan(input)).toEqual(first);
					expect(plan(shuffled(input, seed))).toEqual(first);
				}),
				runs
			);
		},
		PROPERTY_TIMEOUT_MS
	);

	it(
		'reports every school without a usable link adviser, with the reason, and plans nothing for it',
		() => {
			fc.assert(
				fc.property(planInputArbitrary, (input) => {
					const result = plan(input);
					const known = new Set(input.advisers.map((a) => a.id));
					for (const school of input.schools.filter((s) => !s.linkAdviserId || !known.has(s.linkAdviserId))) {
						expect(result.engagements.filter((e) => e.urn === school.urn)).toEqual([]);
						for (const item of result.unplaced.filter((u) => u.urn === school.urn)) {
							expect(item.reason).toMatch(school.linkAdviserId ? /is not in the list of advisers/ : /has no link adviser/);
						}
					}
				}),
				runs
			);
		},
		PROPERTY_TIMEOUT_MS
	);

	it(
		'places an Intensive initial visit within the first 3 weeks of autumn, and reviews at least 4 weeks apart, under the defaults',
		() => {
			fc.assert(
				fc.property(planInputArbitrary, (input) => {
					const result = plan(input);
					const autumn = input.calendar.halfTerms[0].start;
					for (const e of result.engagements.filter((e) => e.templateId === 'intensive.initial_visit')) {
						expect(daysBetween(autumn, e.date)).toBeLessThan(21);
					}
					const reviews = result.engagements.filter((e) => e.activity === 'review' && e.templateId.endsWith('.review'));
					for (const a of reviews) {
						for (const b of reviews) {
							if (a.urn === b.urn && a.templateId === b.templateId && a.date < b.date) expect(daysBetween(a.date, b.date)).toBeGreaterThanOrEqual(28);
						}
					}
				}),
				runs
			);
		},
		PROPERTY_TIMEOUT_MS
	);
});
