/**
 * Benchmark: the overview, the school list and a school profile for a 700-school LA with three
 * years of results, the size of Hampshire or Surrey (docs/architecture.md, Performance budgets).
 * Targets, each checked in every run:
 * - rendered afresh (PAGE_CACHE=off), each page's p97.5 within 3x the sign-in page's in the same
 *   run, on SQLite and on PostgreSQL;
 * - with the page cache on, each page's p95 under 100 ms;
 * - the overview's HTML under 150 KB and the desktop analysis page's under 300 KB.
 *
 * Seeds the real DfE files into a new database when ../shared/data/dfe is beside the checkout, as
 * the conformance tests read them: GIAS's export of Hampshire's and Surrey's primary schools (850 and
 * 936, 1,096 rows, closed schools among them) and Hampshire's ks2final files for 2016/17 to 2018/19,
 * with the demo's accounts, 2017/18's categories agreed and 2018/19's run. Without them (or with
 * BENCH_DATA=generated) it seeds a generated demo LA of 700 schools instead. Then it starts the built app on it exactly as
 * `npm start` does (building first if the source changed), signs in as a lead adviser and drives
 * each page in turn with 20 concurrent autocannon clients for a bounded time. The sign-in page,
 * which reads nothing from the database, is measured the same way first as the machine's
 * reference, and each page's p97.5 is also printed as a ratio to it. Exits non-zero when a target
 * is missed or any request fails.
 *
 * The app keeps each rendered page until the next write to the database (src/lib/server/page-cache.ts),
 * so most of these requests are answered from memory, as repeat views are in use. The same pages
 * are then driven with that cache off, so every request is rendered afresh: what the first view
 * after a change costs, on a second app server, or when every view is a first.
 *
 * With --db postgres the same is then done on PostgreSQL (a throwaway cluster started for the
 * benchmark, the demo LA seeded into a new database the same way), each page's p95 also printed as
 * a ratio to SQLite's. Then two app servers are started on that one database, each as `npm start`
 * starts one, with a port of its own, and the 20 clients are split between them, 10 each, with the
 * cookie of one sign-in on the first (sessions live in the database); p95 is over both servers'
 * responses, with the cache on and off. Every server here runs on this one machine, with the
 * database and the clients. The budget applies to every run with the cache on, on either database.
 *
 *   npm run bench:pages [-- --db postgres]    (BENCH_SECONDS=10 per page by default)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Db } from '../../src/lib/server/db';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../demo/seed';
import { createDemoUsers, DEMO_PASSWORD } from '../demo/users';
import { runDemoAnalysis } from '../demo/analysis';
import { runImport } from '../../src/lib/server/import/pipeline';
import { benchDatabases, DB_OPTION, ratioText, startApp, withPostgres, type App } from './shared';

const SCHOOLS = 700;
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;
const BUDGET_P95_MS = 100;
/** Rendered afresh, a page's p97.5 may be at most this many times the sign-in page's. */
const FRESH_RATIO = 3;
const HTML_BUDGET_KB = { overview: 150, analysis: 300 };
/** What Chromium, Firefox and Edge all send. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
const POSTGRES = withPostgres(parseArgs({ options: DB_OPTION }).values.db);

/** The real DfE files, when they are beside the checkout. */
const DFE = fileURLToPath(new URL('../../../shared/data/dfe', import.meta.url));
const REAL_FILES = [
	'gias/2022-04-20_gias_search_export_850_936_primary.csv',
	'ks2/2016-2017_850_ks2final.csv',
	'ks2/2017-2018_850_ks2final.csv',
	'ks2/2018-2019_850_ks2final.csv'
];
const REAL = process.env.BENCH_DATA !== 'generated' && REAL_FILES.every((f) => existsSync(join(DFE, f)));
const DATA = REAL
	? "Hampshire's and Surrey's primary schools from the real GIAS and ks2final files in ../shared/data/dfe"
	: `a generated demo LA of ${SCHOOLS} schools`;

/** The real files through the real importer, the demo's accounts over every school, and two years' analysis. */
async function seedReal(db: Db): Promise<void> {
	for (const file of REAL_FILES) {
		const outcome = await runImport(db, { path: join(DFE, file), fileName: file.split('/').pop()!, userId: null });
		if (outcome.status !== 'imported') throw new Error(`${file} was not imported: ${JSON.stringify(outcome.report.problems)}`);
	}
	const urns = (await db.selectFrom('schools').select('urn').orderBy('urn').execute()).map((s) => s.urn);
	await createDemoUsers(db, urns);
	const id = async (email: string) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
	await runDemoAnalysis(db, { analystId: await id('analyst@westmoor.example.org'), leadId: await id('lead.adviser@westmoor.example.org') }, [2018, 2019]);
}

/** The LA to measure (see DATA), and a primary school with this year's results and progress scores to profile. */
async function seed(path: string): Promise<number> {
	const db = createDb(path);
	try {
		await migrateToLatest(db);
		if (REAL) await seedReal(db);
		else await seedDemo(db, { schools: SCHOOLS });
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
	p975: number;
	max: number;
	failed: number;
	/** Bytes on the wire a response, headers included, gzipped where the app gzips. */
	kb: number;
	/** The page's HTML, unzipped. */
	htmlKb?: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * 20 clients for SECONDS on one page, split evenly between the servers at `bases`; every response
 * time is kept, so p95 is exact.
 */
async function measure(page: string, bases: string[], path: string, cookie: string | null, seconds = SECONDS): Promise<Measured> {
	const times: number[] = [];
	let bytes = 0;
	// Each client asks as a browser does: with its session cookie, and accepting gzip.
	const headers = { 'accept-encoding': BROWSER_ACCEPT_ENCODING, ...(cookie ? { cookie } : {}) };
	const connections = CONNECTIONS / bases.length;
	const results = await Promise.all(
		bases.map(
			(base) =>
				new Promise<autocannon.Result>((resolve, reject) => {
					const instance = autocannon({ url: base + path, connections, duration: seconds, headers }, (err, res) => (err ? reject(err) : resolve(res)));
					instance.on('response', (_client, _status, resBytes, responseTime) => {
						times.push(responseTime);
						bytes += resBytes;
					});
				})
		)
	);
	times.sort((a, b) => a - b);
	return {
		page,
		path,
		requests: times.length,
		perSecond: times.length / seconds,
		p50: percentile(times, 50),
		p95: percentile(times, 95),
		p975: percentile(times, 97.5),
		max: times[times.length - 1] ?? NaN,
		failed: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
		kb: times.length ? bytes / times.length / 1024 : 0
	};
}

const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);

/** The table of one run; with `sqlite`, the same pages' run on SQLite, each p95 also as a ratio to SQLite's. */
function report(rows: Measured[], sqlite?: Measured[]): void {
	const reference = rows[0];
	console.log(
		`${'page'.padEnd(26)}${'req/s'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p97.5'.padStart(8)}${'max'.padStart(8)}${'KB sent'.padStart(9)}${'HTML KB'.padStart(9)}  ${sqlite ? `${'p97.5 / sign-in'.padEnd(17)}p95 / SQLite` : 'p97.5 / sign-in'}`
	);
	for (const [i, r] of rows.entries()) {
		const ratio = r === reference ? '' : `${(r.p975 / reference.p975).toFixed(1)}x`;
		const vsSqlite = sqlite ? ratioText(r.p95, sqlite[i].p95) : '';
		console.log(
			`${r.page.padEnd(26)}${r.perSecond.toFixed(0).padStart(8)}${ms(r.p50)}${ms(r.p95)}${ms(r.p975)}${ms(r.max)}${r.kb.toFixed(0).padStart(9)}${(r.htmlKb ?? NaN).toFixed(0).padStart(9)}  ${sqlite ? `${ratio.padEnd(17)}${vsSqlite}` : ratio}${r.failed ? `  (${r.failed} failed)` : ''}`
		);
	}
}

/** Prints whether every page rendered afresh kept within FRESH_RATIO of the sign-in page's p97.5; returns the pages that did not. */
function freshTarget(rows: Measured[]): string[] {
	const reference = rows[0];
	const over = rows.slice(1).filter((r) => r.p975 > FRESH_RATIO * reference.p975 || r.failed > 0);
	console.log(
		`\nTarget: rendered afresh, p97.5 within ${FRESH_RATIO}x the sign-in page's (${(FRESH_RATIO * reference.p975).toFixed(0)} ms). ${over.length === 0 ? 'Met.' : `Not met by: ${over.map((r) => `${r.page} (${(r.p975 / reference.p975).toFixed(1)}x)`).join(', ')}.`}`
	);
	return over.map((r) => r.page);
}

/** Prints the HTML sizes against their targets; returns the pages over. */
function sizeTarget(sizes: { overview: number; analysis: number }): string[] {
	const over: string[] = [];
	console.log('');
	for (const page of ['overview', 'analysis'] as const) {
		const kb = sizes[page] / 1024;
		const ok = kb < HTML_BUDGET_KB[page];
		if (!ok) over.push(`${page} HTML`);
		console.log(
			`HTML of the ${page === 'overview' ? 'overview' : 'desktop analysis page'}: ${kb.toFixed(0)} KB (target under ${HTML_BUDGET_KB[page]} KB). ${ok ? 'Met.' : 'Not met.'}`
		);
	}
	return over;
}

/** Prints whether every page of a run with the page cache on met the budget; returns the pages that did not. */
function budget(rows: Measured[]): string[] {
	const over = rows.slice(1).filter((r) => r.p95 >= BUDGET_P95_MS || r.failed > 0);
	console.log(`\nBudget: p95 under ${BUDGET_P95_MS} ms for every page. ${over.length === 0 ? 'Met.' : `Not met by: ${over.map((r) => r.page).join(', ')}.`}`);
	return over.map((r) => r.page);
}

/**
 * Starts `servers` app servers on one database with `extra` settings, signs in on the first, warms
 * each page up on each server and drives each page in turn.
 */
async function drive(
	database: string,
	urn: number,
	extra: NodeJS.ProcessEnv,
	servers = 1
): Promise<Measured[] & { sizes?: { overview: number; analysis: number } }> {
	const apps: App[] = [];
	try {
		// One after another: the first builds the app if the source changed.
		for (let i = 0; i < servers; i++) apps.push(await startApp(database, extra));
		const bases = apps.map((app) => app.base);
		const cookie = await signIn(bases[0]);
		// The reference is fetched signed out: signed in, the sign-in page sends you on to the overview.
		const pages: [string, string, string | null][] = [
			['Sign-in page (reference)', '/login', null],
			['Overview', '/', cookie],
			['School list', '/schools', cookie],
			['School profile', `/schools/${urn}`, cookie]
		];
		const get = async (base: string, path: string, as: string | null) => (await fetch(base + path, { headers: as ? { cookie: as } : {} })).arrayBuffer();
		// Warm up: the first request to each page loads its code and fills the caches; then a second
		// of the clients on each page, so that what is measured is the app as it runs all day, not
		// its code being compiled in the first second (which was most of the slowest 2.5%).
		for (const base of bases) for (const [, path, as] of pages) for (let i = 0; i < 5; i++) await get(base, path, as);
		for (const [name, path, as] of pages) await measure(name, bases, path, as, WARM_UP_SECONDS);
		const sizes = await Promise.all(pages.map(async ([, path, as]) => (await get(bases[0], path, as)).byteLength));
		const analysis = (await get(bases[0], '/analysis', cookie)).byteLength;
		const rows: Measured[] & { sizes?: { overview: number; analysis: number } } = [];
		for (const [[name, path, as], i] of pages.map((p, i) => [p, i] as const)) rows.push({ ...(await measure(name, bases, path, as)), htmlKb: sizes[i] / 1024 });
		rows.sizes = { overview: sizes[1], analysis };
		return rows;
	} finally {
		for (const app of apps) await app.stop();
	}
}

const [sqlite, postgres] = await benchDatabases(POSTGRES);
try {
	const database = await sqlite.create();
	console.log(`Seeding ${DATA}...`);
	const urn = await seed(database);
	console.log('Starting the app as `npm start` does (building it first if the source changed)...');
	const rows = await drive(database, urn, {});
	console.log(`\n${CONNECTIONS} concurrent clients, ${SECONDS} s a page, on loopback:\n`);
	report(rows);
	const over = budget(rows);
	over.push(...sizeTarget(rows.sizes!));

	// Every request rendered afresh, as the first view after a change is, or any view on a server
	// that has not kept the page. The app keeps a rendered page only until the next write to the database.
	const fresh = await drive(database, urn, { PAGE_CACHE: 'off' });
	console.log(`\nWith the page cache off (PAGE_CACHE=off), so every request is rendered afresh:\n`);
	report(fresh);
	over.push(...freshTarget(fresh).map((page) => `${page} rendered afresh`));

	if (postgres) {
		const url = await postgres.create();
		console.log(`\nSeeding the same into PostgreSQL...`);
		const pgUrn = await seed(url);
		const pgRows = await drive(url, pgUrn, {});
		console.log(`\nOn PostgreSQL, one app server, ${CONNECTIONS} concurrent clients, ${SECONDS} s a page:\n`);
		report(pgRows, rows);
		over.push(...budget(pgRows).map((page) => `${page} on PostgreSQL`));
		const pgFresh = await drive(url, pgUrn, { PAGE_CACHE: 'off' });
		console.log(`\nOn PostgreSQL, one app server, with the page cache off:\n`);
		report(pgFresh, fresh);
		over.push(...freshTarget(pgFresh).map((page) => `${page} rendered afresh on PostgreSQL`));

		const two = await drive(url, pgUrn, {}, 2);
		console.log(`\nOn PostgreSQL, two app servers on the one database, ${CONNECTIONS / 2} clients each:\n`);
		report(two, rows);
		over.push(...budget(two).map((page) => `${page} on two servers`));
		const twoFresh = await drive(url, pgUrn, { PAGE_CACHE: 'off' }, 2);
		console.log(`\nOn PostgreSQL, two app servers, with the page cache off:\n`);
		report(twoFresh, fresh);
		over.push(...freshTarget(twoFresh).map((page) => `${page} rendered afresh on two servers`));
	}
	console.log(over.length > 0 ? `\nTargets missed: ${over.join(', ')}.` : '\nEvery target met.');
	process.exitCode = over.length === 0 ? 0 : 1;
} finally {
	await sqlite.close();
	await postgres?.close();
}
