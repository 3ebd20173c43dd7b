import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { freePort } from '../helpers/ports';
import { buildIfNeeded } from '../../scripts/build-if-needed';

/** One app server on a demo database of its own; the test files a worker runs share one lane. */
export interface Lane {
	baseUrl: string;
	/** The demo's SQLite file: for tests that only run on SQLite. */
	databasePath: string;
	/** What DATABASE_URL the app runs with: the SQLite file, or a PostgreSQL database in the e2e-pg project. */
	databaseUrl: string;
	/** Everything the app has written to stdout and stderr so far. */
	serverLogPath: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		chromiumPath: string;
		/**
		 * One lane for each test file that may run at once (the project's workers): each file runs alone
		 * on its lane's server, as if the files ran one after another, while another lane runs another.
		 */
		lanes: Lane[];
	}
}

export function chromiumPath(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
	const found = candidates.find((p) => existsSync(p));
	if (!found) {
		// Fail, never skip: a suite that passes without a browser proves nothing.
		throw new Error(
			'The browser tests need Chromium and none was found. Install it with: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).'
		);
	}
	return found;
}

/**
 * An empty database on the throwaway PostgreSQL cluster that tests/helpers/postgres-cluster.ts
 * started for this project (the e2e-pg project lists it first), or null for the SQLite file.
 */
async function postgresDatabase(project: TestProject, name: string): Promise<string | null> {
	const cluster = project.getProvidedContext().postgresUrl;
	if (!cluster) return null;
	const admin = new pg.Client({ connectionString: `${cluster}postgres` });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	return `${cluster}${name}`;
}

/**
 * Builds the app if its source changed, once: the e2e and e2e-pg projects start their servers at the
 * same time, and two builds into one folder would spoil each other. A folder made only by the one
 * that builds is the lock; the other waits for it to go.
 */
async function buildOnce(): Promise<void> {
	const lock = join(tmpdir(), 'triage-e2e-build.lock');
	for (const deadline = Date.now() + 280_000; ;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			// Left by a run that was stopped part-way: no build takes ten minutes.
			if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000) rmSync(lock, { recursive: true, force: true });
			if (Date.now() > deadline) throw new Error(`Another build of the app held ${lock} for too long. Delete it if no tests are running.`);
			await new Promise((r) => setTimeout(r, 500));
		}
	}
	try {
		if (!buildIfNeeded()) throw new Error('The build failed. See the messages above.');
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Starts the app exactly as `npm start` does, on a fresh demo database and a free port: one lane. */
async function startLane(project: TestProject, lane: number): Promise<{ lane: Lane; stop: () => void }> {
	const dir = mkdtempSync(join(tmpdir(), 'triage-e2e-'));
	const databasePath = join(dir, 'e2e.sqlite');
	const databaseUrl = (await postgresDatabase(project, `e2e_demo_${lane}`)) ?? databasePath;
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const server: ChildProcess = spawn('npx', ['tsx', 'scripts/start.ts'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			DATABASE_URL: databaseUrl,
			LOGIN_LIMIT_PER_ADDRESS: '10000',
			NODE_ENV: 'production'
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	const stop = () => {
		if (server.pid) {
			try {
				process.kill(-server.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
		rmSync(dir, { recursive: true, force: true });
	};
	let output = '';
	const serverLogPath = join(dir, 'server.log');
	const record = (d: Buffer) => {
		output += d;
		appendFileSync(serverLogPath, d);
	};
	server.stdout?.on('data', record);
	server.stderr?.on('data', record);

	try {
		const deadline = Date.now() + 280_000;
		for (;;) {
			if (server.exitCode !== null) throw new Error(`The app stopped while starting:\n${output}`);
			try {
				const res = await fetch(`${baseUrl}/login`);
				if (res.ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`The app did not start in time:\n${output}`);
			await new Promise((r) => setTimeout(r, 500));
		}
		if (databaseUrl !== databasePath) {
			// The demo is in PostgreSQL, where the app put it: the pages below really come from there.
			const check = new pg.Client({ connectionString: databaseUrl });
			await check.connect();
			const { rows } = await check.query<{ n: string }>('select count(*) as n from schools').finally(() => check.end());
			if (Number(rows[0].n) === 0) throw new Error(`The app started, but put no demo schools in ${databaseUrl}:\n${output}`);
		}
	} catch (e) {
		stop();
		throw e;
	}
	return { lane: { baseUrl, databasePath, databaseUrl, serverLogPath }, stop };
}

/** How many of the project's test files vitest runs at once, worked out as vitest works it out. */
function workersOf(project: TestProject): number {
	return project.config.maxWorkers || project.vitest.config.maxWorkers || Math.max(availableParallelism() - 1, 1);
}

/**
 * Builds the app and starts one lane for each test file of the project that may run at once. A
 * project whose files run one at a time (e2e-pg) has one.
 */
export default async function setup(project: TestProject) {
	const chromium = chromiumPath();
	await buildOnce();
	const count = workersOf(project);
	const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => startLane(project, i + 1)));
	const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
	const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
	if (failed) {
		for (const r of running) r.stop();
		throw failed.reason;
	}
	project.provide('chromiumPath', chromium);
	project.provide(
		'lanes',
		running.map((r) => r.lane)
	);

	return async () => {
		for (const r of running) r.stop();
	};
}
