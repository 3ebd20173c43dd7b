/**
 * Benchmark: the overview, the school list and a school profile for a 400-school LA
 * (docs/architecture.md, Performance budgets: p95 under 100 ms at 20 concurrent clients on loopback).
 *
 * Seeds a demo LA of 400 schools into a new database, starts the built app on it exactly as
 * `npm start` does (building first if the source changed), signs in as a lead adviser and drives
 * each page in turn with 20 concurrent autocannon clients for a bounded time. The sign-in page,
 * which reads nothing from the database, is measured the same way first as the machine's
 * reference, and each page's p95 is also printed as a ratio to it. Exits non-zero when a page is
 * over budget or any request fails.
 *
 * The app keeps each rendered page until the next write to the database (src/lib/server/page-cache.ts),
 * so most of these requests are answered from memory, as repeat views are in use. The same pages
 * are then driven with that cache off, so every request is rendered afresh, and printed for
 * comparison: that is what the first view after a change costs.
 *
 *   npm run bench:pages                       (BENCH_SECONDS=10 per page by default)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../demo/seed';
import { DEMO_PASSWORD } from '../demo/users';

const SCHOOLS = 400;
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BUDGET_P95_MS = 100;
/** What Chromium, Firefox and Edge all send. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
		});
	});
}

/** A seeded 400-school LA, and a primary school with this year's results and progress scores to profile. */
async function seed(path: string): Promise<number> {
	const db = createDb(path);
	try {
		await migrateToLatest(db);
		await seedDemo(db, { schools: SCHOOLS });
		const school = await db
			.selectFrom('schools as s')
			.innerJoin('ks2_results as k', 'k.urn', 's.urn')
			.select('s.urn')
			.where('k.read_progress', 'is not', null)
			.orderBy('k.year', 'desc')
			.orderBy('s.urn')
			.executeTakeFirstOrThrow();
		return school.urn;
	} finally {
		await db.destroy();
	}
}

async function start(env: NodeJS.ProcessEnv, base: string): Promise<ChildProcess> {
	const server = spawn('npx', ['tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	server.stdout?.on('data', (d) => (output += d));
	server.stderr?.on('data', (d) => (output += d));
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`The app stopped while starting:\n${output}`);
		try {
			if ((await fetch(`${base}/login`)).ok) return server;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`The app did not start in time:\n${output}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

async function signIn(base: string): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ email: 'lead.adviser@westmoor.example.org', password: DEMO_PASSWORD }).toString()
	});
	const cookie = res.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error(`Sign-in failed with ${res.status}`);
	return cookie;
}

interface Measured {
	page: string;
	path: string;
	requests: number;
	perSecond: number;
	p50: number;
	p95: number;
	max: number;
	failed: number;
	/** Bytes on the wire a response, headers included, gzipped where the app gzips. */
	kb: number;
	/** The page's HTML, unzipped. */
	htmlKb?: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** 20 clients for SECONDS on one page; every response time is kept, so p95 is exact. */
async function measure(page: string, url: string, cookie: string | null): Promise<Measured> {
	const times: number[] = [];
	let bytes = 0;
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		// Each client asks as a browser does: with its session cookie, and accepting gzip.
		const headers = { 'accept-encoding': BROWSER_ACCEPT_ENCODING, ...(cookie ? { cookie } : {}) };
		const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }, (err, res) => (err ? reject(err) : resolve(res)));
		instance.on('response', (_client, _status, resBytes, responseTime) => {
			times.push(responseTime);
			bytes += resBytes;
		});
	});
	times.sort((a, b) => a - b);
	return {
		page,
		path: new URL(url).pathname + new URL(url).search,
		requests: times.length,
		perSecond: times.length / SECONDS,
		p50: percentile(times, 50),
		p95: percentile(times, 95),
		max: times[times.length - 1] ?? NaN,
		failed: result.non2xx + result.errors + result.timeouts,
		kb: times.length ? bytes / times.length / 1024 : 0
	};
}

const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);

function report(rows: Measured[]): void {
	const reference = rows[0];
	console.log(
		`${'page'.padEnd(26)}${'req/s'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}${'KB sent'.padStart(9)}${'HTML KB'.padStart(9)}  p95 / reference`
	);
	for (const r of rows) {
		const ratio = r === reference ? '' : `${(r.p95 / reference.p95).toFixed(1)}x`;
		console.log(
			`${r.page.padEnd(26)}${r.perSecond.toFixed(0).padStart(8)}${ms(r.p50)}${ms(r.p95)}${ms(r.max)}${r.kb.toFixed(0).padStart(9)}${(r.htmlKb ?? NaN).toFixed(0).padStart(9)}  ${ratio}${r.failed ? `  (${r.failed} failed)` : ''}`
		);
	}
}

/** Starts the app with `extra` settings, signs in, warms each page up and drives each in turn. */
async function drive(database: string, urn: number, extra: NodeJS.ProcessEnv): Promise<Measured[]> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = await start(
		{
			...process.env,
			...extra,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL: database,
			LOGIN_LIMIT_PER_ADDRESS: '100000',
			NODE_ENV: 'production'
		},
		base
	);
	try {
		const cookie = await signIn(base);
		// The reference is fetched signed out: signed in, the sign-in page sends you on to the overview.
		const pages: [string, string, string | null][] = [
			['Sign-in page (reference)', '/login', null],
			['Overview', '/', cookie],
			['School list', '/schools', cookie],
			['School profile', `/schools/${urn}`, cookie]
		];
		// Warm up: the first request to each page loads its code and fills the caches.
		for (const [, path, as] of pages) for (let i = 0; i < 5; i++) await (await fetch(base + path, { headers: as ? { cookie: as } : {} })).arrayBuffer();
		const sizes = await Promise.all(
			pages.map(async ([, path, as]) => (await (await fetch(base + path, { headers: as ? { cookie: as } : {} })).arrayBuffer()).byteLength)
		);
		const rows: Measured[] = [];
		for (const [[name, path, as], i] of pages.map((p, i) => [p, i] as const)) rows.push({ ...(await measure(name, base + path, as)), htmlKb: sizes[i] / 1024 });
		return rows;
	} finally {
		if (server.pid) {
			try {
				process.kill(-server.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
		await new Promise((r) => setTimeout(r, 500));
	}
}

const dir = mkdtempSync(join(tmpdir(), 'triage-bench-pages-'));
try {
	const database = join(dir, 'bench.sqlite');
	console.log(`Seeding a demo LA of ${SCHOOLS} schools...`);
	const urn = await seed(database);
	console.log('Starting the app as `npm start` does (building it first if the source changed)...');
	const rows = await drive(database, urn, {});
	console.log(`\n${CONNECTIONS} concurrent clients, ${SECONDS} s a page, on loopback:\n`);
	report(rows);
	const over = rows.slice(1).filter((r) => r.p95 >= BUDGET_P95_MS || r.failed > 0);
	console.log(`\nBudget: p95 under ${BUDGET_P95_MS} ms for every page. ${over.length === 0 ? 'Met.' : `Not met by: ${over.map((r) => r.page).join(', ')}.`}`);

	// For comparison, not for the budget: every request rendered afresh, as the first view after a
	// change is. The app keeps a rendered page only until the next write to the database.
	const fresh = await drive(database, urn, { PAGE_CACHE: 'off' });
	console.log(`\nFor comparison, with the page cache off (PAGE_CACHE=off), so every request is rendered afresh:\n`);
	report(fresh);
	process.exitCode = over.length === 0 ? 0 : 1;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
