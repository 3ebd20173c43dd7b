// npm run bench:import — docs/architecture.md: import England-sized files as one whole process,
// each against the time the sqlite3 shell takes to .import the same file, under 256 MB:
// - a ks2final file (16,500 schools, 318 columns): within 1.25x;
// - EES's school performance data set for three years (1.2 million rows, long format): within 1.5x.
// It times what analysts run: `npm run triage -- import <file>` is `node scripts/triage.mjs`,
// the launcher that loads the compiled CLI (npm's own start-up, the same for every script, is
// left out). Each run is a new process on a new, empty database file, so the migrations are
// timed too, as on a first import. The reference and the CLI take turns, so a noisy machine
// slows both alike. Medians are reported.
// Then each file is imported once more as the web server imports it (uploaded in pieces, then a
// job: see src/lib/server/import/jobs.ts), and the longest the server's event loop went without a
// turn is reported: a web server must go on answering while it imports (target: under 200 ms).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEnglandKs2 } from '../generate/england-ks2';
import { writeEnglandEesKs2 } from '../generate/england-ees-ks2';

const SQLITE = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find(existsSync);
const TIME = '/usr/bin/time';
const CLI = 'scripts/triage.mjs';
const BUNDLE = 'build/cli/triage.mjs';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MB = 256;
/** The longest the web server may go without a turn of its event loop while it imports. */
const TARGET_STALL_MS = 200;

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bundleMtime = () => (existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0);

const dir = mkdtempSync(join(tmpdir(), 'triage-bench-'));
let allMet = true;
try {
	const files: [Case, string][] = [];
	for (const c of CASES) {
		const file = await generated(c);
		files.push([c, file]);
		allMet = benchmark(c, file) && allMet;
	}
	console.log('\nThe web server while it imports each file (uploaded in pieces, then imported as a job):');
	for (const [c, file] of files) allMet = (await responsiveness(c, file)) && allMet;
	console.log(`\n${allMet ? 'Every target met.' : 'Not every target met.'}`);
	console.log("On a busy machine the fastest runs, and CPU time, say more than the medians. CPU time counts node's");
	console.log('helper threads too (garbage collection, file reads), which the single-threaded sqlite3 shell has none of.');
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

function benchmark(c: Case, file: string): boolean {
	// Each run's database is removed after it: the EES runs would otherwise fill gigabytes.
	const fresh = (run: (db: string) => Run) => () => {
		const db = join(dir, 'run.sqlite');
		try {
			return run(db);
		} finally {
			for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
		}
	};
	const runners = {
		reference: fresh((db) => timed([SQLITE!, db, `.import --csv ${file} ks2`])),
		cli: fresh((db) => timed([process.execPath, CLI, 'import', file], { ...process.env, DATABASE_URL: db }))
	};
	// The first run compiles the CLI if its sources changed, as any earlier use would have.
	runners.cli();
	const built = bundleMtime();
	const results: Record<keyof typeof runners, Run[]> = { reference: [], cli: [] };
	for (let i = 0; i < RUNS; i++) {
		for (const [name, run] of Object.entries(runners)) results[name as keyof typeof runners].push(run());
	}

	const summary = (runs: Run[]) => ({
		median: median(runs.map((r) => r.seconds)),
		fastest: Math.min(...runs.map((r) => r.seconds)),
		cpu: median(runs.map((r) => r.cpuSeconds))
	});
	const ref = summary(results.reference);
	const cli = summary(results.cli);
	const peak = Math.max(...results.cli.map((r) => r.peakMb));
	const ratio = cli.median / ref.median;
	const row = (label: string, cells: number[], unit: string) =>
		console.log(`  ${label.padEnd(32)}${cells.map((v) => `${v.toFixed(2)}${unit}`.padStart(10)).join('')}`);
	console.log(`${RUNS} runs of each, taking turns, each a whole process on a new database:`);
	console.log(`  ${''.padEnd(32)}${['median', 'fastest', 'CPU'].map((h) => h.padStart(10)).join('')}`);
	row('sqlite3 .import (reference)', [ref.median, ref.fastest, ref.cpu], ' s');
	row(`node ${CLI} import`, [cli.median, cli.fastest, cli.cpu], ' s');
	row('ratio', [ratio, cli.fastest / ref.fastest, cli.cpu / ref.cpu], '');
	console.log(`  peak memory of the CLI: ${peak.toFixed(0)} MB`);
	if (bundleMtime() !== built) console.log('  (the CLI was recompiled during the runs because a source file changed: those runs are slower)');
	const ok = ratio <= c.targetRatio && peak < TARGET_MB;
	console.log(`Target: median ratio at most ${c.targetRatio}, peak under ${TARGET_MB} MB. ${ok ? 'Met' : 'Not met'}.`);
	return ok;
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
