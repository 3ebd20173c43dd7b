// npm run bench:import — DESIGN.md section 8: import an England-sized KS2 file as one whole
// process, within 1.25x the time the sqlite3 shell takes to .import the same file, under 256 MB.
// Each run starts a new process on a new database file; the reference and the CLI take turns,
// so a noisy machine slows both alike. Medians are reported.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeEnglandKs2 } from '../generate/england-ks2';

const SQLITE = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find(existsSync);
const TIME = '/usr/bin/time';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_RATIO = 1.25;
const TARGET_MB = 256;

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
	peakMb: number;
}

/** Wall-clock seconds of one whole process, and the peak resident memory of it and its children. */
function timed(command: string[], env: NodeJS.ProcessEnv = process.env): Run {
	const started = performance.now();
	const r = spawnSync(TIME, ['-f', 'PEAK_KB=%M', ...command], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
	const seconds = (performance.now() - started) / 1000;
	if (r.status !== 0) {
		console.error(`${command.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
		process.exit(1);
	}
	const peak = /PEAK_KB=(\d+)/.exec(r.stderr ?? '');
	return { seconds, peakMb: peak ? Number(peak[1]) / 1024 : NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The CLI compiled ahead of time into one file, as a deployment would ship it: the same
 * scripts/triage.ts, without tsx compiling TypeScript and resolving hundreds of modules at
 * every start. Native modules stay outside the bundle.
 */
function buildCompiledCli(): string {
	const out = resolve('node_modules/.cache/triage-bench/triage.mjs');
	mkdirSync(resolve('node_modules/.cache/triage-bench'), { recursive: true });
	const migrateUrl = pathToFileURL(resolve('src/lib/server/db/migrate.ts')).href;
	const r = spawnSync(resolve('node_modules/.bin/esbuild'), [
		'scripts/triage.ts', '--bundle', '--platform=node', '--format=esm', '--target=node20', '--log-level=warning',
		'--external:better-sqlite3', '--external:@node-rs/argon2',
		// migrate.ts finds db/migrations from its own URL.
		`--define:import.meta.url=${JSON.stringify(migrateUrl)}`,
		`--banner:js=import { createRequire as __triageRequire } from 'node:module'; const require = __triageRequire(${JSON.stringify(pathToFileURL(resolve('package.json')).href)});`,
		`--outfile=${out}`
	], { encoding: 'utf8' });
	if (r.status !== 0) {
		console.error(`Could not compile the CLI:\n${r.stderr}`);
		process.exit(1);
	}
	return out;
}

const dir = mkdtempSync(join(tmpdir(), 'triage-bench-'));
try {
	const file = join(dir, '2018-2019_england_ks2final.csv');
	console.log('Generating an England-sized KS2 file (2018/19 format, 318 columns)...');
	await writeEnglandKs2(file);
	console.log(`  ${(statSync(file).size / 1e6).toFixed(1)} MB`);

	// Every run gets a new database file with the schema in place and no data.
	const schema = join(dir, 'schema.sqlite');
	timed([process.execPath, '--import', 'tsx', 'scripts/triage.ts', 'migrate'], { ...process.env, DATABASE_URL: schema });
	let n = 0;
	const freshDb = () => {
		const path = join(dir, `run-${n++}.sqlite`);
		copyFileSync(schema, path);
		return { ...process.env, DATABASE_URL: path };
	};
	const compiled = buildCompiledCli();

	const runners = {
		reference: () => timed([SQLITE, join(dir, `ref-${n++}.sqlite`), `.import --csv ${file} ks2`]),
		compiled: () => timed([process.execPath, compiled, 'import', file], freshDb()),
		tsx: () => timed([process.execPath, '--import', 'tsx', 'scripts/triage.ts', 'import', file], freshDb())
	};
	runners.tsx(); // warms tsx's transform cache, as any earlier use of the CLI would have
	const results: Record<keyof typeof runners, Run[]> = { reference: [], compiled: [], tsx: [] };
	for (let i = 0; i < RUNS; i++) {
		for (const [name, run] of Object.entries(runners)) results[name as keyof typeof runners].push(run());
	}

	const ref = median(results.reference.map((r) => r.seconds));
	const line = (label: string, runs: Run[]) => {
		const t = median(runs.map((r) => r.seconds));
		const peak = Math.max(...runs.map((r) => r.peakMb));
		console.log(`  ${label.padEnd(44)} ${t.toFixed(2)} s   ratio ${(t / ref).toFixed(2)}   peak ${peak.toFixed(0)} MB`);
		return { ratio: t / ref, peak };
	};
	console.log(`\nMedian of ${RUNS} runs (each a whole process on a new database):`);
	console.log(`  ${'sqlite3 .import (reference)'.padEnd(44)} ${ref.toFixed(2)} s`);
	const main = line('triage import, compiled (node triage.mjs)', results.compiled);
	line('triage import via tsx (node --import tsx)', results.tsx);
	const ok = main.ratio <= TARGET_RATIO && main.peak < TARGET_MB;
	console.log(`\nTarget: ratio at most ${TARGET_RATIO}, peak under ${TARGET_MB} MB. ${ok ? 'Met' : 'Not met'} by the compiled CLI.`);
	console.log('Under tsx, most of the extra time is tsx starting up and resolving kysely\'s ESM files, before any import work.');
} finally {
	rmSync(dir, { recursive: true, force: true });
}
