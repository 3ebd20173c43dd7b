// The pages that grow with an LA, on an LA of 700 schools with three years of results (the size of
// Hampshire or Surrey): their HTML stays within issue 19's limits, the overview's scatter links to a
// table of every school, and the desktop analysis pages its lists while "Agree all unchanged" still
// agrees every unchanged proposal, not only those on the page shown. Sizes only: tests never time
// anything (npm run bench:pages does).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../../scripts/demo/seed';
import { startApp, type App } from '../../scripts/bench/shared';
import { DEMO_EMAILS, DEMO_PASSWORD } from './harness';

const SCHOOLS = 700;
const dir = mkdtempSync(join(tmpdir(), 'triage-large-la-'));
const path = join(dir, 'large.sqlite');
let app: App;
let cookie: string;

function rows<T>(query: string, ...params: unknown[]): T[] {
	const sqlite = new SQLite(path, { readonly: true });
	try {
		return sqlite.prepare(query).all(...params) as T[];
	} finally {
		sqlite.close();
	}
}

async function get(address: string): Promise<string> {
	const res = await fetch(app.base + address, { headers: { cookie } });
	expect(res.status, address).toBe(200);
	return res.text();
}

const kb = (html: string) => Buffer.byteLength(html) / 1024;
/** The rows of the first table body in the page. */
const bodyRows = (html: string) => /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1].match(/<tr\b/g)?.length ?? 0;

beforeAll(async () => {
	const db = createDb(path);
	try {
		await migrateToLatest(db);
		await seedDemo(db, { schools: SCHOOLS });
	} finally {
		await db.destroy();
	}
	app = await startApp(path);
	const res = await fetch(`${app.base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: app.base, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ email: DEMO_EMAILS.lead_adviser, password: DEMO_PASSWORD }).toString()
	});
	cookie = res.headers.get('set-cookie')!.split(';')[0];
}, 300_000);

afterAll(async () => {
	await app?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describe(`an LA of ${SCHOOLS} schools`, () => {
	it('has that many schools and three years of results', () => {
		expect(rows<{ n: number }>('select count(*) as n from schools')[0].n).toBe(SCHOOLS);
		expect(rows<{ n: number }>('select count(distinct year) as n from ks2_results')[0].n).toBeGreaterThanOrEqual(3);
	});

	it('gets an overview under 150 KB, its scatter linked to a page that tables every school', async () => {
		const overview = await get('/');
		expect(kb(overview)).toBeLessThan(150);
		const [{ year }] = rows<{ year: number }>('select max(year) as year from school_categories');
		const schools = rows<{ n: number }>('select count(*) as n from school_categories where year = ?', year)[0].n;
		expect(schools).toBeGreaterThan(600);
		expect(overview).toContain(`href="/overview/attainment-progress?year=${year}"`);
		expect(overview).toContain(`See every school’s figures as a table (${schools} schools)`);
		const data = await get(`/overview/attainment-progress?year=${year}`);
		expect(bodyRows(data)).toBe(schools);
		for (const { urn } of rows<{ urn: number }>('select urn from school_categories where year = ? order by urn limit 5', year)) {
			expect(data).toContain(`href="/schools/${urn}"`);
		}
	});

	it('pages the desktop analysis under 300 KB, and agrees every unchanged proposal at once, not only a page of them', async () => {
		const [{ year }] = rows<{ year: number }>('select max(year) as year from school_categories');
		// The demo agrees every proposal that matches last year's category; take those agreements back,
		// as if the analysis had just been run, so there are several pages of them waiting.
		const db = createDb(path);
		try {
			await db
				.updateTable('school_categories')
				.set({ agreed_at: null, agreed_by: null })
				.where('year', '=', year)
				.where('changed_by_adviser', '=', 0)
				.execute();
		} finally {
			await db.destroy();
		}
		const lists = await get(`/analysis?year=${year}`);
		const waiting = Number(/Ready to agree \((\d+)\)/.exec(lists)?.[1]);
		expect(waiting).toBeGreaterThan(100);
		const first = await get(`/analysis?year=${year}&list=waiting`);
		expect(kb(first)).toBeLessThan(300);
		expect(first).toContain('class="govuk-pagination"');
		expect(first).toContain(`Showing 1 to 50 of ${waiting}.`);
		const second = await get(`/analysis?year=${year}&list=waiting&page=2`);
		expect(kb(second)).toBeLessThan(300);
		expect(second).toContain(`Showing 51 to ${Math.min(100, waiting)} of ${waiting}.`);
		const links = (html: string) => [...html.matchAll(/href="\/schools\/(\d+)"/g)].map((m) => m[1]);
		expect(links(second).length).toBeGreaterThan(0);
		expect(links(second).filter((urn) => links(first).includes(urn))).toEqual([]);

		const unchanged = Number(/Agree all (\d+) unchanged/.exec(first)?.[1]);
		// More than a page of them: agreeing them all must not stop at the page shown.
		expect(unchanged).toBeGreaterThan(50);
		const agreed = () => rows<{ n: number }>('select count(*) as n from school_categories where year = ? and agreed_at is not null', year)[0].n;
		const before = agreed();
		const res = await fetch(`${app.base}/analysis?year=${year}&list=waiting&page=2&/agreeUnchanged`, {
			method: 'POST',
			headers: { origin: app.base, cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ year: String(year) }).toString()
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain(`${unchanged} categories agreed.`);
		expect(agreed()).toBe(before + unchanged);
		expect(await get(`/analysis?year=${year}`)).not.toMatch(/Agree all \d+ unchanged/);
	});
});
