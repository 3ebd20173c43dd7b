// A regional user reads what staff read and changes nothing: every form action and every endpoint
// that changes something, asked with a real school and engagement of the demo, is refused, and the
// audit log, where every change is written, has not grown. On SQLite and on PostgreSQL (e2e-pg).
import { describe, expect, it } from 'vitest';
import { appRoutes } from '../helpers/routes';
import { baseUrl, demoRows, sessionCookie } from './harness';

/** Signing in and out, and marking one's own notifications read, change nobody's work. */
const NOT_A_CHANGE = new Set(['/login', '/logout', '/notifications']);

describe('a regional user', () => {
	it('is refused every change, and nothing is written', async () => {
		const cookie = await sessionCookie('regional');
		const [engagement] = await demoRows<{ id: number; urn: number }>("select id, urn from engagements where status != 'cancelled' order by id limit 1");
		const routes = appRoutes({ urn: String(engagement.urn), id: String(engagement.id) }).filter((r) => !NOT_A_CHANGE.has(r.path));
		const changes = [
			...routes.flatMap((r) => r.actions.map((a) => ({ method: 'POST', url: `${r.path}${a === 'default' ? '' : `?/${a}`}` }))),
			...routes.filter((r) => r.endpoint).flatMap((r) => r.methods.filter((m) => m !== 'GET').map((method) => ({ method, url: r.path })))
		];
		expect(changes.length).toBeGreaterThan(40);
		const logged = async () => (await demoRows<{ n: number | string }>('select count(*) as n from audit_log'))[0].n;
		const before = await logged();
		const answers: string[] = [];
		for (const { method, url } of changes) {
			const res = await fetch(baseUrl() + url, {
				method,
				redirect: 'manual',
				headers: { cookie, origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: 'reason=Checking&note=Checking&category=secure&status=registered&to=registered&date=2026-10-01&text=Checking&days=1'
			});
			const text = await res.text();
			if (res.status !== 403 && res.status !== 404) answers.push(`${method} ${url}: ${res.status}`);
			else if (res.status === 403 && !/(Only |permission)/.test(text)) answers.push(`${method} ${url}: 403 without saying who may`);
		}
		expect(answers).toEqual([]);
		expect(await logged()).toBe(before);
	});
});
