// npm run bench:import — docs/architecture.md: import England-sized files as one whole process,
// each against the time the sqlite3 shell takes to .import the same file, under 256 MB:
// - a ks2final file (16,500 schools, 318 columns): within 1.25x;
// - EES's school performance data set for three years (1.2 million rows, long format): within 1.5x.
// It times what analysts run: `npm run triage -- import <file>` is `node scripts/triage.mjs`,
// the launcher that loads the compiled CLI (npm's own start-up, the same for every script, is
// left out). Each run is a new process on a new, empty database file, so the migrations are
// timed too, as on a first import. The reference and the CLI take turns, so a noisy machine
// slows both alike. Medians are reported.
// With --db postgres (npm run bench:import -- --db postgres), the ks2final file is then imported
// into PostgreSQL the same way: each run a new, empty database on one throwaway cluster started for
// the benchmark (scripts/bench/shared.ts), DATABASE_URL=postgres://..., the CLI migrating it itself
// as on SQLite (timed). The reference is `psql \copy` of the same file into a plain table of the
// file's columns, all text, as sqlite3 .import makes one (target: within 1.5x). COPY refuses a row
// with fewer cells than the header, where sqlite3 pads it with NULLs, so psql reads a copy of the
// file with those rows padded with empty cells, made once and not timed. `triage migrate` of a new
// database is timed too, taking its turn, to show what the migrations cost, and so is the import
// into a database migrated just before, untimed, with its own ratio: psql's one CREATE TABLE is
// timed, while the CLI's migrations make every table of the app. Making and dropping each database
// is not timed. CPU time and peak memory are psql's or node's, not the server's.
// Then each file is imported once more as the web server imports it (uploaded in pieces, then a
// job: see src/lib/server/import/jobs.ts), and the longest the server's event loop went without a
// turn is reported: a web server must go on answering while it imports (target: under 200 ms).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeEnglandKs2 } from '../generate/england-ks2';
import { writeEnglandEesKs2 } from '../generate/england-ees-ks2';
import { DB_OPTION, median, postgresDatabases, withPostgres } from './shared';

const SQLITE = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find(existsSync);
const PSQL = ['/usr/bin/psql', '/usr/local/bin/psql'].find(existsSync);
const USAGE = `npm run bench:import [-- [--db sqlite|postgres] [--only sqlite|postgres|web]]
  --db postgres   also import the ks2final file into PostgreSQL, against psql \\copy
  --only PART     run one part: sqlite (both files against sqlite3 .import), postgres (the
                  ks2final file against psql \\copy; implies --db postgres) or web (the web
                  server's longest stall while it imports each file, on SQLite)
  BENCH_RUNS=n    runs of each (default 5)`;
const ARGS = parseArgs({ options: { ...DB_OPTION, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
if (ARGS.help) {
	console.log(USAGE);
	process.exit(0);
}
const PARTS = ['sqlite', 'postgres', 'web'];
if (ARGS.only !== undefined && !PARTS.includes(ARGS.only)) {
	console.error(`--only takes ${PARTS.join(', ')}, not "${ARGS.only}".\n${USAGE}`);
	process.exit(2);
}
const runs = (part: string) => ARGS.only === undefined || ARGS.only === part;
const POSTGRES = ARGS.only === 'postgres' || (withPostgres(ARGS.db) && runs('postgres'));
const TIME = '/usr/bin/time';
const CLI = 'scripts/triage.mjs';
const BUNDLE = 'build/cli/triage.mjs';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MB = 256;
/** The longest the web server may go without a turn of its event loop while it imports. */
const TARGET_STALL_MS = 200;
/** The ks2final import into PostgreSQL, against psql \copy of the same file. */
const POSTGRES_TARGET_RATIO = 1.5;

interface Case {
	title: string;
	file: string;
	write: (path: string) => Promise<void>;
	targetRatio: number;
}

const CASES: Case[] = [
	{ title: 'an England-sized KS2 file (2018/19 format, 318 columns)', file: '2018-2019_england_ks2final.csv', write: writeEnglandKs2, targetRatio: 1.25 },
	{
		title: "England's EES school performance data set, 2022/23 to 2024/25 (1.2 million rows)",
		file: 'ees_ks2_school_performance_england.csv',
		write: writeEnglandEesKs2,
		targetRatio: 1.5
	}
];

if (!SQLITE) {
	console.error('The sqlite3 command-line shell is the reference for this benchmark. Install it with:\n  apt-get install -y sqlite3');
	process.exit(1);
}
if (POSTGRES && !PSQL) {
	console.error("psql, PostgreSQL's client, is the reference for --db postgres. Install it with:\n  apt-get install -y postgresql-client");
	process.exit(1);
}
if (!existsSync(TIME)) {
	console.error('GNU time measures peak memory for this benchmark. Install it with:\n  apt-get install -y time');
	process.exit(1);
}

interface Run {
	seconds: number;
	cpuSeconds: number;
	peakMb: number;
}

/**
 * Wall-clock seconds of one whole process, its CPU seconds (user + system), and the peak resident
 * memory of it and its children.
 */
function timed(command: string[], env: NodeJS.ProcessEnv = process.env): Run {
	const started = performance.now();
	const r = spawnSync(TIME, ['-f', 'PEAK_KB=%M CPU=%U+%S', ...command], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
	const seconds = (performance.now() - started) / 1000;
	if (r.status !== 0) {
		console.error(`${command.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
		process.exit(1);
	}
	const peak = /PEAK_KB=(\d+)/.exec(r.stderr ?? '');
	const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
	return {
		seconds,
		cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN,
		peakMb: peak ? Number(peak[1]) / 1024 : NaN
	};
}

const bundleMtime = () => (existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0);

const dir = mkdtempSync(join(tmpdir(), 'triage-bench-'));
let allMet = true;
try {
	const files: [Case, string][] = [];
	for (const c of CASES) {
		const file = await generated(c);
		files.push([c, file]);
		if (runs('sqlite')) allMet = (await sqliteBenchmark(c, file)) && allMet;
		// Only the ks2final file goes into PostgreSQL.
		if (ARGS.only === 'postgres') break;
	}
	if (POSTGRES) allMet = (await postgresBenchmark(...files[0])) && allMet;
	if (runs('web')) {
		console.log('\nThe web server while it imports each file (uploaded in pieces, then imported as a job):');
		for (const [c, file] of files) allMet = (await responsiveness(c, file)) && allMet;
	}
	console.log(`\n${allMet ? 'Every target met.' : 'Not every target met.'}`);
	console.log("On a busy machine the fastest runs, and CPU time, say more than the medians. CPU time counts node's");
	console.log('helper threads too (garbage collection, file reads), which the single-threaded sqlite3 shell has none of.');
	if (POSTGRES) console.log("On PostgreSQL, CPU time and peak memory are psql's or node's only: the server's work shows in the wall-clock time.");
} finally {
	rmSync(dir, { recursive: true, force: true });
}

async function generated(c: Case): Promise<string> {
	const file = join(dir, c.file);
	console.log(`\nGenerating ${c.title}...`);
	await c.write(file);
	console.log(`  ${(statSync(file).size / 1e6).toFixed(1)} MB`);
	return file;
}

interface Runner {
	label: string;
	run: () => Promise<Run>;
	/** Printed with its own ratio to the reference (for `also` runners). */
	ratio?: string;
}

/**
 * Runs the CLI once untimed, then RUNS of each runner taking turns, and prints their medians,
 * fastest runs and CPU time, and the CLI's ratio to the reference. `also` runners are printed after.
 */
async function benchmark(runners: { reference: Runner; cli: Runner; also?: Runner[] }, targetRatio: number): Promise<boolean> {
	// The first run compiles the CLI if its sources changed, as any earlier use would have.
	await runners.cli.run();
	const built = bundleMtime();
	const all = [runners.reference, runners.cli, ...(runners.also ?? [])];
	const results = new Map<Runner, Run[]>(all.map((r) => [r, []]));
	for (let i = 0; i < RUNS; i++) {
		for (const runner of all) results.get(runner)!.push(await runner.run());
	}

	const summary = (runner: Runner) => {
		const runs = results.get(runner)!;
		return { median: median(runs.map((r) => r.seconds)), fastest: Math.min(...runs.map((r) => r.seconds)), cpu: median(runs.map((r) => r.cpuSeconds)) };
	};
	const ref = summary(runners.reference);
	const cli = summary(runners.cli);
	const peak = Math.max(...results.get(runners.cli)!.map((r) => r.peakMb));
	const ratio = cli.median / ref.median;
	const row = (label: string, cells: number[], unit: string) =>
		console.log(`  ${label.padEnd(40)}${cells.map((v) => `${v.toFixed(2)}${unit}`.padStart(10)).join('')}`);
	console.log(`${RUNS} runs of each, taking turns, each a whole process on a new database:`);
	console.log(`  ${''.padEnd(40)}${['median', 'fastest', 'CPU'].map((h) => h.padStart(10)).join('')}`);
	row(runners.reference.label, [ref.median, ref.fastest, ref.cpu], ' s');
	row(runners.cli.label, [cli.median, cli.fastest, cli.cpu], ' s');
	row('ratio', [ratio, cli.fastest / ref.fastest, cli.cpu / ref.cpu], '');
	for (const runner of runners.also ?? []) {
		const also = summary(runner);
		row(runner.label, [also.median, also.fastest, also.cpu], ' s');
		if (runner.ratio) row(runner.ratio, [also.median / ref.median, also.fastest / ref.fastest, also.cpu / ref.cpu], '');
	}
	console.log(`  peak memory of the CLI: ${peak.toFixed(0)} MB`);
	if (bundleMtime() !== built) console.log('  (the CLI was recompiled during the runs because a source file changed: those runs are slower)');
	const ok = ratio <= targetRatio && peak < TARGET_MB;
	console.log(`Target: median ratio at most ${targetRatio}, peak under ${TARGET_MB} MB. ${ok ? 'Met' : 'Not met'}.`);
	return ok;
}

function sqliteBenchmark(c: Case, file: string): Promise<boolean> {
	// Each run's database is removed after it: the EES runs would otherwise fill gigabytes.
	const fresh = (run: (db: string) => Run) => async () => {
		const db = join(dir, 'run.sqlite');
		try {
			return run(db);
		} finally {
			for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
		}
	};
	return benchmark(
		{
			reference: { label: 'sqlite3 .import (reference)', run: fresh((db) => timed([SQLITE!, db, `.import --csv ${file} ks2`])) },
			cli: { label: `node ${CLI} import`, run: fresh((db) => timed([process.execPath, CLI, 'import', file], { ...process.env, DATABASE_URL: db })) }
		},
		c.targetRatio
	);
}

/**
 * A copy of a CSV file for COPY: each row with fewer cells than the header gets empty cells to
 * make up the number, as sqlite3 .import fills them with NULL. Returns the header's names and how
 * many rows were padded. Quoted cells may hold commas and line breaks.
 */
function padShortRows(from: string, to: string): { columns: string[]; padded: number } {
	const text = readFileSync(from, 'utf8');
	const parts: string[] = [];
	let columns: string[] | null = null;
	let cells = 1;
	let rowStart = 0;
	let quoted = false;
	let padded = 0;
	const endRow = (end: number) => {
		// `end` is where the row's line break starts (or the end of the file).
		const row = text.slice(rowStart, end);
		if (columns === null) {
			columns = row
				.replace(/^\uFEFF/, '')
				.split(',')
				.map((name) => name.replace(/^"|"$/g, ''));
			parts.push(row);
		} else if (cells < columns.length) {
			parts.push(row + ','.repeat(columns.length - cells));
			padded++;
		} else parts.push(row);
		cells = 1;
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (quoted) continue;
		else if (ch === ',') cells++;
		else if (ch === '\n') {
			const end = text[i - 1] === '\r' ? i - 1 : i;
			endRow(end);
			parts.push(text.slice(end, i + 1));
			rowStart = i + 1;
		}
	}
	if (rowStart < text.length) endRow(text.length);
	writeFileSync(to, parts.join(''));
	return { columns: columns ?? [], padded };
}

async function postgresBenchmark(c: Case, file: string): Promise<boolean> {
	console.log(`\nThe same ${c.file} into PostgreSQL, on a throwaway cluster:`);
	const postgres = await postgresDatabases();
	try {
		const copy = join(dir, `padded-${c.file}`);
		const { columns, padded } = padShortRows(file, copy);
		const script = join(dir, 'reference.sql');
		const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
		writeFileSync(
			script,
			`create table ks2 (${columns.map((name) => `${ident(name)} text`).join(', ')});\n\\copy ks2 from '${copy}' with (format csv, header true, encoding 'UTF8')\n`
		);
		console.log(`  (psql reads a copy with its ${padded} short rows padded with empty cells: COPY refuses them)`);
		console.log('  (the ratio times the CLI migrating the new database, as psql creating its one table is timed; the');
		console.log('  import into a database migrated beforehand, untimed, has a ratio of its own, for the import alone)');
		const fresh = (run: (url: string) => Run) => async () => {
			const url = await postgres.create();
			try {
				return run(url);
			} finally {
				await postgres.remove(url);
			}
		};
		const cli = (command: string[], migrateFirst = false) =>
			fresh((url) => {
				const env = { ...process.env, DATABASE_URL: url };
				if (migrateFirst) timed([process.execPath, CLI, 'migrate'], env);
				return timed([process.execPath, CLI, ...command], env);
			});
		return await benchmark(
			{
				reference: { label: 'psql \\copy (reference)', run: fresh((url) => timed([PSQL!, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', script])) },
				cli: { label: `node ${CLI} import`, run: cli(['import', file]) },
				also: [
					{ label: `node ${CLI} migrate, alone`, run: cli(['migrate']) },
					{ label: 'import into a migrated database', run: cli(['import', file], true), ratio: 'ratio, migrations untimed' }
				]
			},
			POSTGRES_TARGET_RATIO
		);
	} finally {
		await postgres.close();
	}
}

/**
 * Imports a file the way the /imports page does, in this process, and measures the longest gap
 * between ticks of a 5 ms timer: the longest the server would have kept every other request waiting.
 */
async function responsiveness(c: Case, file: string): Promise<boolean> {
	const { createDb } = await import('../../src/lib/server/db/connection');
	const { migrateToLatest } = await import('../../src/lib/server/db/migrate');
	const jobs = await import('../../src/lib/server/import/jobs');
	const db = createDb(join(dir, 'web.sqlite'));
	try {
		await migrateToLatest(db);
		const [{ id: userId }] = await db
			.insertInto('users')
			.values({ email: 'bench@example.org', name: 'Bench', role: 'analyst', password_hash: 'x', created_at: '2025-01-01', updated_at: '2025-01-01' })
			.returning('id')
			.execute();
		const size = statSync(file).size;
		const upload = await jobs.startUpload(db, userId, c.file, size);
		if (!upload.ok) throw new Error(upload.message);
		const fd = openSync(file, 'r');
		const piece = Buffer.alloc(upload.pieceBytes);
		for (let at = 0; at < size;) {
			const n = readSync(fd, piece, 0, piece.length, at);
			const sent = await jobs.appendPiece(db, upload.id, userId, at, piece.subarray(0, n));
			if (!sent.ok) throw new Error(sent.message);
			at += n;
		}
		closeSync(fd);
		let longest = 0;
		let last = performance.now();
		const timer = setInterval(() => {
			const now = performance.now();
			longest = Math.max(longest, now - last);
			last = now;
		}, 5);
		const started = performance.now();
		const job = await jobs.startJob(db, upload.id, userId, { kind: null, year: null, version: null });
		if (!job.ok) throw new Error(job.message);
		let status = (await jobs.jobStatus(db, job.id, userId))!;
		while (status.state === 'running') {
			await new Promise((r) => setTimeout(r, 20));
			status = (await jobs.jobStatus(db, job.id, userId))!;
		}
		clearInterval(timer);
		const seconds = (performance.now() - started) / 1000;
		if (status.outcome?.status !== 'imported')
			throw new Error(`The web import of ${c.file} did not import: ${status.error ?? JSON.stringify(status.outcome?.report.problems)}`);
		const ok = longest < TARGET_STALL_MS;
		console.log(
			`  ${c.file}: imported in ${seconds.toFixed(1)} s; longest stall of the event loop ${longest.toFixed(0)} ms (target under ${TARGET_STALL_MS} ms). ${ok ? 'Met' : 'Not met'}.`
		);
		return ok;
	} finally {
		await db.destroy();
		for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, 'web.sqlite') + suffix, { force: true });
	}
}
