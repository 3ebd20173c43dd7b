/**
 * Benchmark: plan a year for an England-sized service, 16,500 schools and 400 advisers
 * (docs/architecture.md: under 10 s). Inputs come from a seeded PRNG, so every run plans the same
 * year. Prints the time and its ratio to the budget; exits non-zero when over budget. That is the
 * planner alone, in memory: no database.
 *
 * With --db postgres it then times "Plan the year" as the app does it (planYear: read the agreed
 * categories, advisers, capacity, days off, closures and templates from the database, plan, store
 * every engagement), on SQLite and on PostgreSQL, and prints the ratio of the two medians (no
 * budget). Each database holds the same England (scripts/bench/shared.ts: a GIAS register and three
 * years of ks2final files, loaded through the importer), analysed for 2018/19 with every category
 * agreed, and as many advisers, with link schools, capacity and days off drawn as above, and two
 * closure days. Each run is the first plan of 2019/20 on a fresh copy, after one untimed run on
 * each; the two take turns.
 *
 *   npm run bench:schedule [-- --schools 16500 --advisers 400 --db postgres --runs 3]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pick as pickOne, seededRandom } from '../demo/random';
import { defaultTermDates } from '../../src/lib/domain/calendar/default-term-dates';
import { workingDays } from '../../src/lib/domain/calendar/working-days';
import type { Category } from '../../src/lib/domain/analysis/categories';
import { DEFAULT_TEMPLATES } from '../../src/lib/domain/planner/default-templates';
import { plan } from '../../src/lib/domain/planner/plan';
import type { Adviser, PlanInput, PlanSchool } from '../../src/lib/domain/planner/plan-types';
import type { Db } from '../../src/lib/server/db';
import { runAnalysis } from '../../src/lib/server/analysis';
import { addClosure, addDaysOff, loadCalendar, planYear, setCapacity } from '../../src/lib/server/schedule';
import { nowIso } from '../../src/lib/server/clock';
import { benchDatabases, DB_OPTION, ENGLAND_YEAR, loadEngland, printTimes, seeded, timeOnCopies, withPostgres, type Databases } from './shared';

const BUDGET_MS = 10_000;
const SEED = 20260901;
/** The summer of the year planned on the databases: the one after England's latest results. */
const PLAN_YEAR = ENGLAND_YEAR + 1;
const { values } = parseArgs({
	options: { schools: { type: 'string', default: '16500' }, advisers: { type: 'string', default: '400' }, runs: { type: 'string', default: '3' }, ...DB_OPTION }
});
const SCHOOLS = Number(values.schools);
const ADVISERS = Number(values.advisers);
const RUNS = Number(values.runs);
const POSTGRES = withPostgres(values.db);
if (![SCHOOLS, ADVISERS, RUNS].every((n) => Number.isInteger(n) && n >= 1)) {
	process.stderr.write('--schools, --advisers and --runs must be whole numbers, 1 or more\n');
	process.exit(2);
}

/** The mix the default policy gives on real data (docs/categories.md, Policies are data). */
const CATEGORY_MIX: [Category, number][] = [
	['secure_plus', 0.16],
	['secure', 0.42],
	['light_touch', 0.25],
	['focus', 0.11],
	['intensive', 0.06]
];

/** Advisers as the seeded PRNG draws them, with days off among `termDays`. */
function syntheticAdvisers(random: () => number, termDays: string[]): Adviser[] {
	const pick = <T>(items: readonly T[]) => pickOne(random, items);
	return Array.from({ length: ADVISERS }, (_, i) => ({
		id: i + 1,
		name: `Adviser ${i + 1}`,
		// Mostly part-time for school work: the rest of the week goes on other duties.
		daysPerWeek: pick([2, 2.5, 3, 3, 3.5, 4]),
		daysOff: Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick(termDays))
	}));
}

function syntheticYear(): PlanInput {
	const random = seededRandom(SEED);
	const pick = <T>(items: readonly T[]) => pickOne(random, items);
	const calendar = defaultTermDates(2026);
	const termDays = workingDays(calendar).map((day) => day.date);

	const advisers = syntheticAdvisers(random, termDays);

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

/**
 * England with its 2018/19 categories agreed, and advisers to plan 2019/20 with: link schools,
 * capacity from the start of the year, days off and closure days, drawn as syntheticYear draws them.
 */
async function seedYear(db: Db): Promise<void> {
	await loadEngland(db, SCHOOLS);
	await runAnalysis(db, { year: ENGLAND_YEAR, userId: null });
	const now = nowIso();
	const user = (i: number, role: 'adviser' | 'lead_adviser') => ({
		email: `adviser${i}@bench.example.org`,
		name: `Adviser ${i}`,
		role,
		password_hash: 'x',
		created_at: now,
		updated_at: now
	});
	const [lead] = await db.insertInto('users').values(user(0, 'lead_adviser')).returning('id').execute();
	// A lead adviser agreed every proposal at moderation.
	await db.updateTable('school_categories').set({ agreed_by: lead.id, agreed_at: now }).where('year', '=', ENGLAND_YEAR).execute();

	const random = seededRandom(SEED);
	const { calendar } = await loadCalendar(db, PLAN_YEAR);
	const termDays = workingDays(calendar).map((day) => day.date);
	const advisers = syntheticAdvisers(random, termDays);
	const ids: number[] = [];
	for (let i = 0; i < advisers.length; i += 100) {
		const rows = advisers.slice(i, i + 100).map((_, j) => user(i + j + 1, 'adviser'));
		ids.push(...(await db.insertInto('users').values(rows).returning('id').execute()).map((r) => r.id));
	}
	const start = calendar.halfTerms[0].start;
	for (const [i, a] of advisers.entries()) {
		await setCapacity(db, null, ids[i], String(a.daysPerWeek), start);
		for (const day of new Set(a.daysOff)) await addDaysOff(db, null, ids[i], { from: day, to: day, reason: 'Leave' });
	}
	// A few schools are between link advisers, as in any real LA.
	const urns = (await db.selectFrom('schools').select('urn').orderBy('urn').execute()).map((s) => s.urn);
	const linked = new Map<number, number[]>();
	for (const urn of urns) {
		if (random() < 0.005) continue;
		const id = pickOne(random, ids);
		linked.set(id, [...(linked.get(id) ?? []), urn]);
	}
	for (const [id, schools] of linked) await db.updateTable('schools').set({ link_adviser_id: id }).where('urn', 'in', schools).execute();
	for (const day of new Set([pickOne(random, termDays), pickOne(random, termDays)])) await addClosure(db, null, day, 'LA staff training day');
}

/** "Plan the year" as the app does it, on a database holding England, on SQLite and on PostgreSQL. */
async function onDatabases(): Promise<void> {
	const all = await benchDatabases(true);
	try {
		const bases: [Databases, string][] = [];
		for (const databases of all) {
			console.log(`\nLoading ${SCHOOLS} schools through the importer into ${databases.label}, agreeing their categories, adding ${ADVISERS} advisers...`);
			bases.push([databases, await seeded(databases, seedYear)]);
		}
		const outcomes = new Map<string, string>();
		const times = await timeOnCopies(bases, RUNS, async (db, databases) => {
			const { run } = await planYear(db, null, PLAN_YEAR, '2019-09-01');
			outcomes.set(databases.label, `${run.engagementCount.toLocaleString('en-GB')} engagements placed, ${run.unplacedCount.toLocaleString('en-GB')} unplaced`);
		});
		printTimes(
			`planYear: the first plan of 2019/20, read from and stored in the database, ${RUNS} runs after 1 warm-up run, each on a fresh copy:`,
			outcomes,
			times
		);
	} finally {
		for (const databases of all) await databases.close();
	}
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
if (POSTGRES) await onDatabases();
if (elapsed > BUDGET_MS) {
	console.error(`Over budget: planning took ${(elapsed / 1000).toFixed(2)} s, the budget is ${BUDGET_MS / 1000} s.`);
	process.exit(1);
}
