import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CompiledQuery } from 'kysely';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, expect, inject } from 'vitest';
import type { Role } from '../../src/lib/domain/roles';
import { defaultTermDates } from '../../src/lib/domain/calendar/default-term-dates';
import { workingDays } from '../../src/lib/domain/calendar/working-days';
import { schoolYearOf } from '../../src/lib/domain/self-evaluation/summary';
import * as clock from '../../src/lib/server/clock';
import { createDb } from '../../src/lib/server/db/connection';
import { dialectOf } from '../../src/lib/server/db/dialect';
import type { Lane } from './global-setup';

export const DEMO_PASSWORD = 'triage-demo-2026';
export const DEMO_EMAILS: Record<Role, string> = {
	admin: 'admin@westmoor.example.org',
	analyst: 'analyst@westmoor.example.org',
	lead_adviser: 'lead.adviser@westmoor.example.org',
	adviser: 'adviser@westmoor.example.org',
	regional: 'regional@westmoor.example.org',
	headteacher: 'head@westmoor.example.org'
};

/**
 * This test file's lane: the app server and demo database it has to itself while it runs (see
 * global-setup.ts). Workers are numbered from 1, and no two run a file at once.
 */
export function lane(): Lane {
	const lanes = inject('lanes');
	return lanes[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % lanes.length];
}

export const baseUrl = () => lane().baseUrl;
/** The demo's SQLite file: for tests that only run on SQLite. */
export const databasePath = () => lane().databasePath;
/** What DATABASE_URL the app runs with: the SQLite file, or a PostgreSQL database in the e2e-pg project. */
export const databaseUrl = () => lane().databaseUrl;
/** Everything the app has written to stdout and stderr so far. */
export const serverLogPath = () => lane().serverLogPath;

/**
 * Reads the demo database the server runs on (SQLite, or PostgreSQL in the e2e-pg project), for
 * facts the pages do not print. `query` is SQL both understand, with `?` for each parameter.
 */
export async function demoRows<T>(query: string, ...params: unknown[]): Promise<T[]> {
	const db = createDb(databaseUrl());
	try {
		const parts = query.split('?');
		const text = dialectOf(db) === 'postgres' ? parts.map((p, i) => (i === 0 ? p : `$${i}${p}`)).join('') : query;
		return (await db.executeQuery<T>(CompiledQuery.raw(text, params))).rows;
	} finally {
		await db.destroy();
	}
}

let browser: Browser | undefined;

/** One Chromium per test file, started as docs/architecture.md (Tests) says: Debian's build, headless. */
export async function newPage(): Promise<Page> {
	browser ??= await chromium.launch({
		executablePath: inject('chromiumPath'),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	// Anything the Content-Security-Policy blocks is reported to the console; every axe check also checks for these.
	const blocked: string[] = [];
	cspReports.set(page, blocked);
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) blocked.push(m.text());
	});
	return page;
}

const cspReports = new WeakMap<Page, string[]>();

afterAll(async () => {
	await browser?.close();
	browser = undefined;
});

/**
 * The demo of one LA has no regional login (`npm run demo -- --las 2` makes one): an admin adds it
 * through Admin > Users, as an LA would, the first time a test signs in as regional.
 */
async function ensureLogin(role: Role): Promise<void> {
	if (role !== 'regional' || (await demoRows('select id from users where email = ?', DEMO_EMAILS.regional)).length > 0) return;
	const res = await fetch(`${baseUrl()}/admin/users/new`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: baseUrl(), cookie: await sessionCookie('admin'), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ name: 'Rhys Pritchard', email: DEMO_EMAILS.regional, role: 'regional', schools: '', password: DEMO_PASSWORD }).toString()
	});
	if (res.status !== 303) throw new Error(`Adding the regional login failed with ${res.status}`);
}

/**
 * Signs in through the sign-in page itself, as a person does: fills in the form and lands where it
 * sends them. roles.test.ts does this for every role.
 */
export async function signInWithForm(page: Page, role: Role): Promise<void> {
	await ensureLogin(role);
	await page.goto('/login');
	await page.getByLabel('Email address').fill(DEMO_EMAILS[role]);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
}

/**
 * Signs in as `role` by posting the sign-in form outside the browser, and gives the page's browser
 * that session; the page stays where it is. For tests of what comes after signing in: it spares each
 * of them loading the sign-in page and then the overview it lands on.
 */
export async function signIn(page: Page, role: Role): Promise<void> {
	const cookie = await sessionCookie(role);
	const at = cookie.indexOf('=');
	await page.context().addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: baseUrl(), httpOnly: true, sameSite: 'Lax' }]);
}

/** Signs in without a browser, as `role`, and returns the session cookie to send with fetch. */
export async function sessionCookie(role: Role): Promise<string> {
	await ensureLogin(role);
	return cookieFor(DEMO_EMAILS[role]);
}

/** Signs in without a browser with an email address (and the demo password): the session cookie. */
export async function cookieFor(email: string): Promise<string> {
	const res = await fetch(`${baseUrl()}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString()
	});
	const cookie = res.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error(`Sign-in as ${email} failed with ${res.status}`);
	return cookie;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
	id: string;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core against WCAG 2.2 A and AA and fails with a readable list of what broke. */
/**
 * The text of a textarea as the server sends it, before any script runs: what someone sees whose
 * scripts are slow or off, and what a form sends if it is submitted before the page has started.
 */
export async function serverTextarea(page: Page, id: string): Promise<string | undefined> {
	const html = await (await page.request.get(page.url())).text();
	const match = new RegExp(`<textarea[^>]*id="${id.replace(/[.]/g, '\\.')}"[^>]*>([^<]*)</textarea>`).exec(html);
	return match?.[1];
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
	// Evaluated through the browser's debugging protocol rather than as an inline <script>, which the page's CSP refuses.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
		const result = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
			// Every node of every violation, as before; for the rules that pass, axe skips working out a selector for
			// each node it checked, which was a quarter of each check.
			resultTypes: ['violations']
		});
		return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
	});
	const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
	expect(summary, `axe-core violations on ${page.url()}`).toEqual([]);
	expect(cspReports.get(page) ?? [], `Content-Security-Policy violations up to ${page.url()}`).toEqual([]);
}

/**
 * The latest term-time working day before today: a visit already held, which the app accepts as a
 * visit date whenever the tests run. The demo keeps the default term dates and closes the LA on the
 * 13th working day of spring 1 (scripts/demo/schedule.ts), so that day is passed over too.
 */
export function lastHeldWorkingDay(today = clock.today()): string {
	const summer = schoolYearOf(today);
	for (const year of [summer, summer - 1]) {
		const days = workingDays(defaultTermDates(year));
		const closure = days.filter((d) => d.halfTerm === 'spring_1')[12]?.date;
		const held = days.filter((d) => d.date < today && d.date !== closure);
		if (held.length > 0) return held[held.length - 1].date;
	}
	throw new Error('No working day in this school year or the last');
}
