/**
 * Benchmark: plan a year for an England-sized service, 16,500 schools and 400 advisers
 * (docs/architecture.md: under 10 s). Inputs come from a seeded PRNG, so every run plans the same
 * year. Prints the time and its ratio to the budget; exits non-zero when over budget.
 *
 *   npm run bench:schedule
 */
import { performance } from 'node:perf_hooks';
import { pick as pickOne, seededRandom } from '../demo/random';
import { defaultTermDates } from '../../src/lib/domain/calendar/default-term-dates';
import { workingDays } from '../../src/lib/domain/calendar/working-days';
import type { Category } from '../../src/lib/domain/analysis/categories';
import { DEFAULT_TEMPLATES } from '../../src/lib/domain/planner/default-templates';
import { plan } from '../../src/lib/domain/planner/plan';
import type { Adviser, PlanInput, PlanSchool } from '../../src/lib/domain/planner/plan-types';

const BUDGET_MS = 10_000;
const SCHOOLS = 16_500;
const ADVISERS = 400;
const SEED = 20260901;

/** The mix the default policy gives on real data (docs/categories.md, Policies are data). */
const CATEGORY_MIX: [Category, number][] = [
	['secure_plus', 0.16],
	['secure', 0.42],
	['light_touch', 0.25],
	['focus', 0.11],
	['intensive', 0.06]
];

function syntheticYear(): PlanInput {
	const random = seededRandom(SEED);
	const pick = <T>(items: readonly T[]) => pickOne(random, items);
	const calendar = defaultTermDates(2026);
	const termDays = workingDays(calendar).map((day) => day.date);

	const advisers: Adviser[] = Array.from({ length: ADVISERS }, (_, i) => ({
		id: i + 1,
		name: `Adviser ${i + 1}`,
		// Mostly part-time for school work: the rest of the week goes on other duties.
		daysPerWeek: pick([2, 2.5, 3, 3, 3.5, 4]),
		daysOff: Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick(termDays))
	}));

	const schools: PlanSchool[] = Array.from({ length: SCHOOLS }, (_, i) => {
		let roll = random();
		const category = CATEGORY_MIX.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'secure';
		return {
			urn: 100_000 + i,
			name: `School ${i + 1}`,
			category,
			// A few schools are between link advisers, as in any real LA.
			linkAdviserId: random() < 0.005 ? null : pick(advisers).id
		};
	});

	return { calendar, closures: [pick(termDays), pick(termDays)], advisers, schools, templates: DEFAULT_TEMPLATES };
}

const input = syntheticYear();
const started = performance.now();
const result = plan(input);
const elapsed = performance.now() - started;

const placedDays = result.engagements.reduce((sum, e) => sum + e.days, 0);
const unplacedDays = result.unplaced.reduce((sum, u) => sum + u.days, 0);
console.log(`plan(): ${SCHOOLS.toLocaleString('en-GB')} schools, ${ADVISERS} advisers`);
console.log(`  ${result.engagements.length.toLocaleString('en-GB')} engagements placed (${placedDays.toLocaleString('en-GB')} days)`);
console.log(
	`  ${result.unplaced.length.toLocaleString('en-GB')} unplaced (${unplacedDays.toLocaleString('en-GB')} days), ${result.shortfalls.length} adviser/half-term shortfalls`
);
console.log(`  time ${(elapsed / 1000).toFixed(2)} s, ratio ${(elapsed / BUDGET_MS).toFixed(3)} of the ${BUDGET_MS / 1000} s budget`);
if (elapsed > BUDGET_MS) {
	console.error(`Over budget: planning took ${(elapsed / 1000).toFixed(2)} s, the budget is ${BUDGET_MS / 1000} s.`);
	process.exit(1);
}
