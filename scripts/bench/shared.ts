// What the benchmarks share: the --db option, a throwaway PostgreSQL cluster with new and copied
// databases on it (SQLite files alike), the built app started as `npm start` starts it, an
// England-sized register with three years of KS2 results loaded through the real importer, and medians.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import type { Db } from '../../src/lib/server/db';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { runImport } from '../../src/lib/server/import/pipeline';
import { describeProblem } from '../../src/lib/domain/import/report';
import { startCluster } from '../../tests/helpers/postgres-cluster';
import { freePort } from '../../tests/helpers/ports';
import { seededRandom } from '../demo/random';
import { englandSchools } from '../generate/england-ks2';
import { writeGiasExport, type GiasSchool } from '../generate/gias-file';
import { writeKs2File, type Ks2School } from '../generate/ks2-file';

/** The option every database benchmark takes: `--db postgres` runs its measurement on SQLite and on PostgreSQL. */
export const DB_OPTION = { db: { type: 'string', default: 'sqlite' } } as const;

/** True for `--db postgres`, false for `--db sqlite` (the default); anything else stops the script. */
export function withPostgres(value: string | undefined): boolean {
	if (value === undefined || value === 'sqlite') return false;
	if (value === 'postgres') return true;
	process.stderr.write(`--db takes sqlite (the default) or postgres, not "${value}".\n`);
	process.exit(2);
}

const cleanups = new Set<() => void>();
let cleaningUp = false;

/**
 * Runs `cleanup` when the script ends, however it ends: an error, process.exit, Ctrl-C. Returns
 * what forgets it again, for when it has been done already.
 */
function atExit(cleanup: () => void): () => void {
	if (!cleaningUp) {
		cleaningUp = true;
		process.once('exit', () => cleanups.forEach((c) => c()));
		for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
	}
	cleanups.add(cleanup);
	return () => cleanups.delete(cleanup);
}

export const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Where a benchmark's databases live: new ones, copies of one (to run the same work on the same
 * data again), and removing them. A location is what DATABASE_URL and createDb take.
 */
export interface Databases {
	label: 'SQLite' | 'PostgreSQL';
	/** A new, empty database (no tables: migrate it, or let the CLI). */
	create(): Promise<string>;
	/** A new database holding what `from` holds. Nothing may be connected to `from`. */
	copy(from: string): Promise<string>;
	remove(location: string): Promise<void>;
	/** Removes every database it made, and stops the server it started. */
	close(): Promise<void>;
}

/** SQLite files in a temporary folder of their own. */
export function sqliteDatabases(): Databases {
	const dir = mkdtempSync(join(tmpdir(), 'triage-bench-sqlite-'));
	let n = 0;
	const remove = async (path: string) => {
		for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
	};
	return {
		label: 'SQLite',
		create: async () => join(dir, `bench-${n++}.sqlite`),
		async copy(from) {
			// A closed database has no -wal file left: the file is the whole database.
			const to = join(dir, `bench-${n++}.sqlite`);
			copyFileSync(from, to);
			return to;
		},
		remove,
		close: async () => rmSync(dir, { recursive: true, force: true })
	};
}

/**
 * Databases on a throwaway PostgreSQL cluster started for the benchmark (tests/helpers/postgres-cluster.ts:
 * initdb in a temporary folder, a free port, settings for speed, as the integration-pg tests use).
 * The cluster is stopped and its folder removed when the script ends, however it ends.
 */
export async function postgresDatabases(): Promise<Databases> {
	const cluster = await startCluster();
	const forget = atExit(() => cluster.stop());
	const admin = new pg.Client({ connectionString: `${cluster.url}postgres` });
	await admin.connect();
	let n = 0;
	const name = (url: string) => new URL(url).pathname.slice(1);
	const create = async (template?: string) => {
		const db = `bench_${n++}`;
		await admin.query(`create database ${db}${template ? ` template ${template}` : ''}`);
		return `${cluster.url}${db}`;
	};
	return {
		label: 'PostgreSQL',
		create: () => create(),
		copy: (from) => create(name(from)),
		// FORCE: an app server just stopped may not have closed its connections yet.
		remove: async (url) => void (await admin.query(`drop database if exists ${name(url)} with (force)`)),
		async close() {
			forget();
			await admin.end();
			cluster.stop();
		}
	};
}

/** The databases a benchmark runs on: SQLite, and PostgreSQL too with --db postgres. */
export async function benchDatabases(postgres: boolean): Promise<Databases[]> {
	return postgres ? [sqliteDatabases(), await postgresDatabases()] : [sqliteDatabases()];
}

/** PostgreSQL's figure as a ratio to SQLite's, as the benchmarks print it. */
export const ratioText = (postgres: number, sqlite: number) => `${(postgres / sqlite).toFixed(2)}x`;

export interface App {
	base: string;
	stop(): Promise<void>;
}

/**
 * Starts the app exactly as `npm start` does (scripts/start.ts: building it first if the source
 * changed, migrating, then serving build/index.js with node) on a free port of 127.0.0.1 and the
 * database given, and waits until it answers. Its ORIGIN is its own address, so forms sent to it
 * pass SvelteKit's origin check. Sign-in limits are lifted: every benchmark client signs in from 127.0.0.1.
 */
export async function startApp(database: string, extra: NodeJS.ProcessEnv = {}): Promise<App> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const env = {
		...process.env,
		...extra,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: base,
		DATABASE_URL: database,
		LOGIN_LIMIT_PER_ADDRESS: '100000',
		NODE_ENV: 'production'
	};
	// A process group of its own, so stopping it stops npx, tsx and node alike.
	const server = spawn('npx', ['tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	server.stdout?.on('data', (d) => (output += d));
	server.stderr?.on('data', (d) => (output += d));
	const kill = () => {
		try {
			if (server.pid) process.kill(-server.pid, 'SIGTERM');
		} catch {
			// already gone
		}
	};
	const forget = atExit(kill);
	const stop = async () => {
		forget();
		kill();
		await new Promise((r) => setTimeout(r, 500));
	};
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`The app stopped while starting:\n${output}`);
		try {
			if ((await fetch(`${base}/login`)).ok) return { base, stop };
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`The app did not start in time:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
}

/** The summer of the latest KS2 results in the England data set; the two before it are loaded too. */
export const ENGLAND_YEAR = 2019;

/**
 * Where a school is and its trust, from its URN and LA alone (so the register's other fields, drawn
 * from the seeded generator, stay as they were): each LA a patch about 40 km across on England's
 * grid, and four in ten schools in a trust of about ten.
 */
function placeAndTrust(urn: number, laCode: string): { easting: number; northing: number; trust: string | null } {
	const spread = (k: number) => ((Math.imul(urn, 2654435761 + k) >>> 0) % 1_000_000) / 1_000_000;
	const la = Number(laCode);
	return {
		easting: Math.round(150_000 + (la % 13) * 38_000 + spread(1) * 38_000),
		northing: Math.round(60_000 + (Math.floor(la / 13) % 14) * 45_000 + spread(2) * 45_000),
		trust: spread(3) < 0.4 ? `Trust ${laCode}-${Math.floor(urn / 10) % 20}` : null
	};
}

/** A register entry for a school in the England KS2 file, with an Ofsted judgement for about a third. */
function giasRecord(s: Ks2School, laName: string, random: () => number): GiasSchool {
	const special = s.recordType === 2;
	const [ageLow, ageHigh] = s.ageRange.split('-').map(Number);
	const roll = random();
	const ofstedRating = roll < 0.02 ? 'Inadequate' : roll < 0.06 ? 'Requires improvement' : roll < 0.3 ? 'Good' : roll < 0.35 ? 'Outstanding' : null;
	return {
		urn: s.urn,
		laCode: s.laCode,
		laName,
		establishmentNumber: s.estab,
		name: s.name,
		type: special ? 'Community special school' : s.type,
		typeGroup: special ? 'Special schools' : 'Local authority maintained schools',
		status: 'Open',
		phase: special ? 'Not applicable' : 'Primary',
		ageLow,
		ageHigh,
		headTitle: 'Ms',
		headFirstName: 'Alex',
		headLastName: `Head ${s.urn}`,
		street: `${1 + (s.urn % 90)} School Lane`,
		locality: '',
		town: s.town,
		postcode: s.postcode,
		...placeAndTrust(s.urn, s.laCode),
		ofstedRating,
		ofstedDate: ofstedRating ? `2017-0${1 + Math.floor(random() * 9)}-14` : null
	};
}

/**
 * Loads England into a migrated database through the one import pipeline, as an analyst would:
 * the GIAS register of `count` schools in 150 LAs (every school: no LA setting), then their
 * ks2final files for 2016/17, 2017/18 and 2018/19 (the generator of bench:import's England file).
 */
export async function loadEngland(db: Db, count: number): Promise<void> {
	const { schools, las } = englandSchools(count);
	const dir = mkdtempSync(join(tmpdir(), 'triage-bench-england-'));
	try {
		const gias = join(dir, 'edubase_search_export_england.csv');
		const random = seededRandom(17);
		writeGiasExport(
			gias,
			schools.map((s) => giasRecord(s, las[s.laCode], random))
		);
		const files = [gias];
		for (const year of [ENGLAND_YEAR - 2, ENGLAND_YEAR - 1, ENGLAND_YEAR]) {
			const file = join(dir, `${year - 1}-${year}_england_ks2final.csv`);
			await writeKs2File(file, { year, columnSet: '2019', schools, las, englandRwm: 61 + (year - 2017) * 2, progress: true, random: seededRandom(year) });
			files.push(file);
		}
		for (const path of files) {
			const outcome = await runImport(db, { path, fileName: basename(path), userId: null });
			if (outcome.status === 'rejected')
				throw new Error(`${basename(path)} did not import:\n${outcome.report.problems.slice(0, 5).map(describeProblem).join('\n')}`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Makes a new database, migrates it and lets `seed` fill it; returns its location, closed, ready to copy. */
export async function seeded(databases: Databases, seed: (db: Db) => Promise<void>): Promise<string> {
	const location = await databases.create();
	const db = createDb(location);
	try {
		await migrateToLatest(db);
		await seed(db);
	} finally {
		await db.destroy();
	}
	return location;
}

/**
 * Times `work` on a fresh copy of each database's seeded one (`bases`, one per Databases), so every
 * run does the same work on the same data: one untimed run on each first (loading and compiling
 * the code), then `runs` timed runs, the databases taking turns so a noisy machine slows them
 * alike. Copying, opening and closing are not timed. Returns each database's times in ms.
 */
export async function timeOnCopies(
	bases: [Databases, string][],
	runs: number,
	work: (db: Db, databases: Databases) => Promise<void>
): Promise<Map<Databases, number[]>> {
	const times = new Map<Databases, number[]>(bases.map(([d]) => [d, []]));
	for (let i = 0; i <= runs; i++) {
		for (const [databases, base] of bases) {
			const location = await databases.copy(base);
			const db = createDb(location);
			try {
				const started = performance.now();
				await work(db, databases);
				if (i > 0) times.get(databases)!.push(performance.now() - started);
			} finally {
				await db.destroy();
				await databases.remove(location);
			}
		}
	}
	return times;
}

/** Prints what timeOnCopies measured: each database's outcome and times, then PostgreSQL's median as a ratio to SQLite's. */
export function printTimes(heading: string, outcomes: Map<string, string>, times: Map<Databases, number[]>): void {
	console.log(heading);
	for (const [label, outcome] of outcomes) console.log(`  ${label}: ${outcome}`);
	for (const [databases, ms] of times) {
		console.log(
			`  ${databases.label.padEnd(12)}median ${(median(ms) / 1000).toFixed(2)} s, best ${(Math.min(...ms) / 1000).toFixed(2)} s, worst ${(Math.max(...ms) / 1000).toFixed(2)} s`
		);
	}
	const [sqlite, postgres] = [...times.values()].map(median);
	console.log(`  PostgreSQL / SQLite: ${ratioText(postgres, sqlite)}`);
}
