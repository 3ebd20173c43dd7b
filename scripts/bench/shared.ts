// What the benchmarks share: the --db option, a throwaway PostgreSQL cluster with new and copied
// databases on it (SQLite files alike), the built app started as `npm start` starts it, and medians.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startCluster } from '../../tests/helpers/postgres-cluster';
import { freePort } from '../../tests/helpers/ports';

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
