// Staff who serve another LA see nothing of this one. Every demo school is in LA 999; a lead
// adviser and an analyst who serve LA 936 only are added, as an installation serving both would
// have them. Every page, export and action about an LA 999 school, engagement, Quality Mark,
// self-evaluation summary or import answers 404 to them, exactly as for a school that does not
// exist, and no LA 999 school's URN or name appears on any page or export they can open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoutes } from '../helpers/routes';
import { baseUrl, cookieFor, databaseUrl, DEMO_PASSWORD, demoRows } from './harness';
import { createDb } from '../../src/lib/server/db/connection';
import { createUser } from '../../src/lib/server/users';

const LEAD = 'lead.adviser.936@example.org';
const ANALYST = 'analyst.936@example.org';
const ADMIN = 'admin.936@example.org';
let schools: { urn: number; name: string }[] = [];
let sample: { urn: string; id: string };
let laImport: number;

beforeAll(async () => {
	const db = createDb(databaseUrl());
	try {
		for (const [email, role] of [
			[LEAD, 'lead_adviser'],
			[ANALYST, 'analyst'],
			[ADMIN, 'admin']
		] as const) {
			const known = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
			const id = known?.id ?? (await createUser(db, { email, name: `Another LA’s ${role}`, role, schoolUrns: [], password: DEMO_PASSWORD }, null)).id;
			await db
				.insertInto('user_las')
				.values({ user_id: id, la_code: '936' })
				.onConflict((oc) => oc.doNothing())
				.execute();
		}
	} finally {
		await db.destroy();
	}
	schools = await demoRows<{ urn: number; name: string }>('select urn, name from schools');
	const [engagement] = await demoRows<{ id: number; urn: number }>("select id, urn from engagements where status != 'cancelled' order by id limit 1");
	sample = { urn: String(engagement.urn), id: String(engagement.id) };
	[{ id: laImport }] = await demoRows<{ id: number }>("select id from imports where la_codes = '999' order by id limit 1");
});

// The accounts go again afterwards: while anyone serves LA 936 the installation knows two LAs, and
// the other tests expect the demo's one (no LA fields, no LA columns).
afterAll(async () => {
	const db = createDb(databaseUrl());
	try {
		const ids = (await db.selectFrom('users').select('id').where('email', 'in', [LEAD, ANALYST, ADMIN]).execute()).map((u) => u.id);
		if (ids.length > 0) {
			await db.deleteFrom('user_las').where('user_id', 'in', ids).execute();
			await db.deleteFrom('sessions').where('user_id', 'in', ids).execute();
			await db.deleteFrom('users').where('id', 'in', ids).execute();
		}
	} finally {
		await db.destroy();
	}
});

/** The LA 999 schools a page names, by URN or by name. */
function named(body: string): string[] {
	return schools.filter((s) => body.includes(String(s.urn)) || body.includes(s.name)).map((s) => `${s.urn} ${s.name}`);
}

describe('staff who serve another LA', () => {
	it('every demo school is in LA 999, and there is an import of LA 999’s results to ask for', async () => {
		expect(schools.length).toBeGreaterThan(100);
		expect(await demoRows("select urn from schools where la_code != '999'")).toEqual([]);
		expect(laImport).toBeGreaterThan(0);
	});

	it('get 404 for every page and endpoint about an LA 999 school or engagement, and no LA 999 school on any other', async () => {
		const cookie = await cookieFor(LEAD);
		const routes = appRoutes(sample).filter((r) => r.methods.includes('GET') && r.path !== '/logout' && r.path !== '/login');
		const about = (path: string) => path.includes(sample.urn) || path.startsWith(`/schedule/engagements/${sample.id}`);
		expect(routes.filter((r) => about(r.path)).length).toBeGreaterThan(8);
		const wrong: string[] = [];
		for (const { path } of routes) {
			const res = await fetch(baseUrl() + path, { headers: { cookie }, redirect: 'manual' });
			const body = await res.text();
			if (about(path) && res.status !== 404) wrong.push(`${path}: ${res.status}, not 404`);
			if (res.status >= 500) wrong.push(`${path}: ${res.status}`);
			const seen = named(body);
			if (seen.length > 0) wrong.push(`${path} names ${seen.slice(0, 3).join('; ')}`);
		}
		expect(wrong).toEqual([]);
	});

	it('get 404 for every form action about an LA 999 school or engagement', async () => {
		const cookie = await cookieFor(LEAD);
		const before = await demoRows<{ n: number }>('select count(*) as n from audit_log');
		const routes = appRoutes(sample).filter((r) => r.path.includes(sample.urn) || r.path.startsWith(`/schedule/engagements/${sample.id}`));
		const actions = routes.flatMap((r) => r.actions.map((a) => [r.path, a] as const));
		expect(actions.length).toBeGreaterThan(10);
		const wrong: string[] = [];
		for (const [path, action] of actions) {
			const res = await fetch(`${baseUrl()}${path}${action === 'default' ? '' : `?/${action}`}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { cookie, origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: new URLSearchParams({ urn: sample.urn, id: sample.id, reason: 'test', body: 'test', category: 'focus', section: 'teaching' }).toString()
			});
			if (res.status !== 404) wrong.push(`POST ${path} ?/${action}: ${res.status}, not 404`);
			const seen = named(await res.text());
			if (seen.length > 0) wrong.push(`POST ${path} ?/${action} names ${seen.slice(0, 3).join('; ')}`);
		}
		expect(wrong).toEqual([]);
		expect(await demoRows<{ n: number }>('select count(*) as n from audit_log')).toEqual(before);
	});

	it('an analyst of LA 936 gets 404 for an import of LA 999’s data, and the import list does not show it', async () => {
		const cookie = await cookieFor(ANALYST);
		const res = await fetch(`${baseUrl()}/imports/${laImport}`, { headers: { cookie }, redirect: 'manual' });
		expect(res.status).toBe(404);
		const list = await (await fetch(`${baseUrl()}/imports`, { headers: { cookie } })).text();
		expect(list).not.toContain(`href="/imports/${laImport}"`);
		// The register (every LA's schools) is not another LA's: it is listed.
		const [register] = await demoRows<{ id: number }>("select id from imports where format = 'gias_register' order by id limit 1");
		expect(list).toContain(`href="/imports/${register.id}"`);
	});

	it('an admin of LA 936 is shown no account or link school of LA 999', async () => {
		const cookie = await cookieFor(ADMIN);
		const [head] = await demoRows<{ id: number; email: string }>("select id, email from users where role = 'headteacher' order by id limit 1");
		const users = await (await fetch(`${baseUrl()}/admin/users`, { headers: { cookie } })).text();
		expect(users).toContain(LEAD);
		expect(users).not.toContain(head.email);
		expect((await fetch(`${baseUrl()}/admin/users/${head.id}`, { headers: { cookie }, redirect: 'manual' })).status).toBe(404);
		for (const path of ['/admin/users', '/admin/advisers', '/admin/audit'])
			expect(named(await (await fetch(baseUrl() + path, { headers: { cookie } })).text())).toEqual([]);
	});

	it('someone who serves some LAs changes only their own LA’s term dates, closures and templates, and plans only their LA', async () => {
		const before = await demoRows<{ n: number }>('select count(*) as n from audit_log');
		const post = async (email: string, path: string, action: string, la: string) =>
			fetch(`${baseUrl()}${path}${action === 'default' ? `?la=${la}` : `?la=${la}&/${action}`}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { cookie: await cookieFor(email), origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: new URLSearchParams({ year: '2027', la, date: '2027-01-04', reason: 'test', label: 'test' }).toString()
			});
		const refused: [string, string][] = [];
		for (const path of ['/admin/calendar', '/admin/templates', '/admin/templates/new', '/admin/templates/secure.desktop_analysis'])
			for (const { actions } of appRoutes().filter((r) => r.path === path.replace('secure.desktop_analysis', '1')))
				for (const action of actions) refused.push([path, action]);
		expect(refused.length).toBeGreaterThan(5);
		// Those every LA shares ('') and LA 999's own are not theirs: 404, as another LA's school is.
		for (const la of ['', '999'])
			for (const [path, action] of refused) expect((await post(ADMIN, path, action, la)).status, `${path} ?/${action} for "${la}"`).toBe(404);
		for (const la of ['', '999'])
			for (const path of ['/admin/calendar', '/admin/templates'])
				expect((await fetch(`${baseUrl()}${path}?la=${la}`, { headers: { cookie: await cookieFor(ADMIN) } })).status).toBe(404);

		// The lead adviser of 936 may plan, but only LA 936, which has no agreed school: nothing is written.
		const plan = await post(LEAD, '/schedule/plan', 'plan', '936');
		expect(plan.status).toBe(400);
		expect(await plan.text()).toContain('No school in LA 936 has an agreed category');
		expect(await demoRows<{ n: number }>('select count(*) as n from audit_log')).toEqual(before);

		// Their own LA's term dates are theirs to set, and to give back.
		const page = await (await fetch(`${baseUrl()}/admin/calendar?year=2027`, { headers: { cookie: await cookieFor(ADMIN) } })).text();
		expect(page).toContain('uses the dates every LA shares');
		const dates = Object.fromEntries([...page.matchAll(/name="([a-z_0-9]+\.(?:start|end))"[^>]*value="([0-9-]+)"/g)].map((m) => [m[1], m[2]]));
		expect(Object.keys(dates)).toHaveLength(12);
		const save = await fetch(`${baseUrl()}/admin/calendar?/save`, {
			method: 'POST',
			headers: { cookie: await cookieFor(ADMIN), origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ ...dates, year: '2027', la: '936' }).toString()
		});
		expect(save.status).toBe(200);
		expect(await demoRows<{ la_code: string }>("select distinct la_code from term_dates where summer_year = 2027 and la_code != ''")).toEqual([
			{ la_code: '936' }
		]);
		expect((await post(ADMIN, '/admin/calendar', 'reset', '936')).status).toBe(200);
		expect(await demoRows("select * from term_dates where la_code = '936'")).toEqual([]);
	});
});
