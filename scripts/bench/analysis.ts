/**
 * Benchmark: categorise 16,500 generated schools with 3 years of KS2 data each (docs/architecture.md:
 * under 1 s), then match every Focus and Intensive school among them with a supporter (under 2 s). The data is generated with a seeded PRNG, so every run times the same work.
 * Prints the median and best of several timed runs after a warm-up, and the ratio of the median to
 * the budget; exits 1 when over budget. That is the engine alone, in memory: no database.
 *
 * With --db postgres it then times the analysis as the app runs it ("Run the analysis": read every
 * school's results from the database, categorise them, store each result and proposal), on SQLite
 * and on PostgreSQL, and prints the ratio of the two medians (no budget). Each database holds the
 * same England: a GIAS register of as many schools and their ks2final files for 2016/17 to 2018/19,
 * loaded through the importer (scripts/bench/shared.ts). Each run is the first analysis of 2018/19
 * on a fresh copy of it, after one untimed run on each; the two take turns.
 *
 *   npm run bench:analysis [-- --schools 16500 --runs 7 --db postgres]
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Ks2Comparator, Ks2SchoolYear } from '../../src/lib/domain/ks2/types';
import { CATEGORIES, CATEGORY_LABELS } from '../../src/lib/domain/analysis/categories';
import { categoriseAll, type CategoriseInput } from '../../src/lib/domain/analysis/engine';
import { DEFAULT_POLICY } from '../../src/lib/domain/analysis/policy';
import type { SoftIntelligenceEntry } from '../../src/lib/domain/analysis/soft-intelligence';
import { blankSchoolYear, NO_FIGURES } from '../../src/lib/domain/analysis/test-fixtures';
import { seededRandom } from '../demo/random';
import { runAnalysis } from '../../src/lib/server/analysis';
import type { CategoriseResult } from '../../src/lib/domain/analysis/engine';
import { match, type BrokerageSchool } from '../../src/lib/domain/brokerage';
import { benchDatabases, DB_OPTION, ENGLAND_YEAR, loadEngland, median, printTimes, seeded, timeOnCopies, withPostgres, type Databases } from './shared';

const BUDGET_MS = 1000;
/** Matching every Focus and Intensive school in England with a supporter (issue 18). */
const MATCH_BUDGET_MS = 2000;
const LA_COUNT = 150;
const YEARS = [2017, 2018, 2019];
const ENGLAND_RWM: Record<number, number> = { 2017: 61, 2018: 64, 2019: 65 };
const ENGLAND_HIGH: Record<number, number> = { 2017: 9, 2018: 10, 2019: 11 };

function generate(count: number, seed: number): CategoriseInput[] {
	const random = seededRandom(seed);
	// Approximately normal (Irwin-Hall with 4 uniforms), which is plenty for spread-out school results.
	const normal = (sd: number) => (random() + random() + random() + random() - 2) * sd * 1.732;
	const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));
	const comparators: Ks2Comparator[] = YEARS.map((year) => ({
		...NO_FIGURES,
		year,
		kind: 'england_state',
		laCode: null,
		cohort: 600_000,
		rwmExpected: ENGLAND_RWM[year],
		rwmHigh: ENGLAND_HIGH[year],
		rwmExpectedNotDisadvantaged: ENGLAND_RWM[year] + 6,
		rwmExpected3yr: 63,
		rwmHigh3yr: 10
	}));
	const noEntries: SoftIntelligenceEntry[] = [];
	const inputs: CategoriseInput[] = new Array(count);
	for (let i = 0; i < count; i++) {
		const urn = 100000 + i;
		const quality = normal(9);
		const baseCohort = random() < 0.06 ? 4 + Math.floor(random() * 7) : 15 + Math.floor(random() * 90);
		const special = random() < 0.02;
		const years: Ks2SchoolYear[] = YEARS.map((year) => {
			const cohort = Math.max(1, baseCohort + Math.round(normal(3)));
			const rwm = clamp(ENGLAND_RWM[year] + quality + normal(30 / Math.sqrt(cohort)), 0, 100);
			const halfWidth = 11 / Math.sqrt(cohort);
			const progress = (subject: number) => Math.round((quality / 4 + normal(1.5) + subject) * 10) / 10;
			const row = blankSchoolYear(urn, year, special ? 2 : 1, cohort <= 5 ? { rwmExpectedDisadvantaged: 'SUPP' } : {});
			row.cohort = cohort;
			row.rwmExpected = rwm;
			row.rwmHigh = clamp(ENGLAND_HIGH[year] + quality / 3 + normal(4), 0, 60);
			row.readProgress = progress(0);
			row.readProgressLower = row.readProgress - halfWidth;
			row.readProgressUpper = row.readProgress + halfWidth;
			row.writProgress = progress(0.3);
			row.writProgressLower = row.writProgress - halfWidth;
			row.writProgressUpper = row.writProgress + halfWidth;
			row.matProgress = progress(-0.2);
			row.matProgressLower = row.matProgress - halfWidth;
			row.matProgressUpper = row.matProgress + halfWidth;
			row.disadvantagedCount = Math.round(cohort * (0.05 + random() * 0.45));
			row.rwmExpectedDisadvantaged = cohort <= 5 ? null : clamp(rwm - 8 - random() * 20, 0, 100);
			row.rwmExpected3yr = year === 2019 ? clamp(63 + quality, 0, 100) : null;
			return row;
		});
		let softIntelligence = noEntries;
		const roll = random();
		if (roll < 0.35) {
			const grade = roll < 0.02 ? 'inadequate' : roll < 0.06 ? 'requires_improvement' : roll < 0.3 ? 'good' : 'outstanding';
			softIntelligence = [{ id: `o${i}`, type: 'ofsted_legacy', grade, date: '2017-03-14', endDate: null, details: '', source: 'gias_import' }];
			if (roll < 0.1) softIntelligence.push({ id: `c${i}`, type: 'new_head', date: '2019-01-07', endDate: null, details: '', source: 'adviser' });
		}
		inputs[i] = { school: { urn, name: `School ${urn}` }, years, comparators, softIntelligence, asOf: '2019-09-01', year: 2019 };
	}
	return inputs;
}

/** The analysis as the app runs it, on a database holding England, on SQLite and on PostgreSQL. */
async function onDatabases(schools: number, runs: number): Promise<void> {
	const all = await benchDatabases(true);
	try {
		const bases: [Databases, string][] = [];
		for (const databases of all) {
			console.log(`\nLoading ${schools} schools' register and three years of KS2 results into ${databases.label} through the importer...`);
			bases.push([databases, await seeded(databases, (db) => loadEngland(db, schools))]);
		}
		const outcomes = new Map<string, string>();
		const times = await timeOnCopies(bases, runs, async (db, databases) => {
			const { run } = await runAnalysis(db, { year: ENGLAND_YEAR, userId: null });
			outcomes.set(`${databases.label} categories`, CATEGORIES.map((c) => `${CATEGORY_LABELS[c]} ${run.counts[c]}`).join(', '));
		});
		printTimes(
			`runAnalysis: the first analysis of 2018/19, read from and stored in the database, ${runs} runs after 1 warm-up run, each on a fresh copy:`,
			outcomes,
			times
		);
	} finally {
		for (const databases of all) await databases.close();
	}
}

/**
 * England for brokerage: each categorised school placed in one of 150 LAs laid out over England's
 * grid (an LA about 40 km across), four in ten in a trust of about ten schools, with its cohort and
 * % disadvantaged. Focus and Intensive schools need support; Secure Plus and Secure may give it.
 */
function brokerageSchools(inputs: readonly CategoriseInput[], results: readonly CategoriseResult[], seed: number): BrokerageSchool[] {
	const random = seededRandom(seed);
	const perLa = Math.ceil(results.length / LA_COUNT);
	const schools: BrokerageSchool[] = [];
	results.forEach((r, i) => {
		const la = Math.floor(i / perLa);
		const centre = { easting: 180_000 + (la % 12) * 38_000, northing: 80_000 + Math.floor(la / 12) * 45_000 };
		const latest = inputs[i].years[inputs[i].years.length - 1];
		const school: BrokerageSchool = {
			urn: r.urn,
			name: r.name,
			laCode: String(800 + la),
			trust: random() < 0.4 ? `Trust ${Math.floor(i / 10)}` : null,
			easting: Math.round(centre.easting + (random() - 0.5) * 38_000),
			northing: Math.round(centre.northing + (random() - 0.5) * 45_000),
			category: r.category,
			cohort: latest.cohort,
			disadvantagedPct: latest.cohort ? Math.round((100 * (latest.disadvantagedCount ?? 0)) / latest.cohort) : null,
			firedRules: r.firedRules.map((f) => f.id),
			signals: r.signals,
			ofsted: null,
			leadershipRisks: [],
			concern: random() < 0.05 ? 'Open concerns: finance concern' : null,
			qualityMarks: random() < 0.05 ? [{ key: 'basic_skills', name: 'Basic Skills Quality Mark', expiryDate: '2021-07-14' }] : []
		};
		if (school.category === 'focus' || school.category === 'intensive' || school.category === 'secure_plus' || school.category === 'secure')
			schools.push(school);
	});
	return schools;
}

/** Times `match` over England's Focus and Intensive schools; returns whether it met its budget. */
function timeMatching(inputs: readonly CategoriseInput[], results: readonly CategoriseResult[], runs: number, gc: () => void): boolean {
	const schools = brokerageSchools(inputs, results, 18);
	const needing = schools.filter((s) => s.category === 'focus' || s.category === 'intensive').length;
	let proposals = match(schools);
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		gc();
		const start = process.hrtime.bigint();
		proposals = match(schools);
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	const mid = median(times);
	const ratio = mid / MATCH_BUDGET_MS;
	console.log(
		`\nmatch: ${needing} Focus and Intensive schools, ${schools.length - needing} possible supporters in ${LA_COUNT} LAs, ${runs} runs after 1 warm-up run`
	);
	console.log(`  median ${mid.toFixed(1)} ms, best ${Math.min(...times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms`);
	console.log(`  ratio to the ${MATCH_BUDGET_MS} ms budget: ${ratio.toFixed(3)} (${ratio <= 1 ? 'within budget' : 'OVER BUDGET'})`);
	console.log(
		`  ${proposals.matches.length} matched (${proposals.matches.filter((m) => m.metByStrength).length} by a strength), ${proposals.unmatched.length} without a supporter`
	);
	return ratio <= 1;
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { schools: { type: 'string', default: '16500' }, runs: { type: 'string', default: '7' }, ...DB_OPTION } });
	const schools = Number(values.schools);
	const runs = Number(values.runs);
	const postgres = withPostgres(values.db);
	if (!Number.isInteger(schools) || schools < 1 || !Number.isInteger(runs) || runs < 1) {
		process.stderr.write('--schools and --runs must be whole numbers, 1 or more\n');
		process.exit(2);
	}

	const inputs = generate(schools, 20190901);
	for (let i = 0; i < 2; i++) categoriseAll(inputs, DEFAULT_POLICY); // warm-up: let the JIT settle

	// Collect the previous run's garbage before each timed run, so no run pays for another's.
	setFlagsFromString('--expose-gc');
	const gc = runInNewContext('gc') as () => void;
	const times: number[] = [];
	let results = categoriseAll(inputs, DEFAULT_POLICY);
	for (let i = 0; i < runs; i++) {
		gc();
		const start = process.hrtime.bigint();
		results = categoriseAll(inputs, DEFAULT_POLICY);
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}

	const counts = new Map(CATEGORIES.map((c) => [c, 0]));
	for (const r of results) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
	const spread = CATEGORIES.map((c) => `${CATEGORY_LABELS[c]} ${((100 * (counts.get(c) ?? 0)) / results.length).toFixed(1)}%`).join(', ');

	const mid = median(times);
	const ratio = mid / BUDGET_MS;
	console.log(`categoriseAll: ${schools} schools x ${YEARS.length} years, ${runs} runs after 2 warm-up runs`);
	console.log(`  median ${mid.toFixed(1)} ms, best ${Math.min(...times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms`);
	console.log(`  ratio to the ${BUDGET_MS} ms budget: ${ratio.toFixed(3)} (${ratio <= 1 ? 'within budget' : 'OVER BUDGET'})`);
	console.log(`  categories: ${spread}`);
	console.log(`  machine: load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs, Node ${process.version}`);
	const matchingWithin = timeMatching(inputs, results, runs, gc);
	if (postgres) await onDatabases(schools, runs);
	if (ratio > 1 || !matchingWithin) process.exit(1);
}

await main();
