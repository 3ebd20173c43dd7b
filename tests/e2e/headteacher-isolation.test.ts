import { describe, expect, it } from 'vitest';
import { appRoutes } from '../helpers/routes';
import { baseUrl, demoRows, sessionCookie } from './harness';

// School A is the demo headteacher's school; school B is the first demo school, which is not theirs.
const SCHOOL_B = { urn: '190001', name: 'Southlands Special School' };

const headteacherCookie = () => sessionCookie('headteacher');

const routes = appRoutes({ urn: SCHOOL_B.urn }).filter((r) => r.path !== '/login' && r.path !== '/logout');
const withSchool = routes.filter((r) => r.path.includes(SCHOOL_B.urn));

describe("a headteacher cannot see or change another school's data", () => {
	it('the check covers school pages', () => {
		expect(withSchool.length).toBeGreaterThan(0);
	});

	it.each(routes.map((r) => [r.path] as const))('GET %s shows nothing of school B', async (path) => {
		const cookie = await headteacherCookie();
		const res = await fetch(baseUrl() + path, { headers: { cookie }, redirect: 'manual' });
		const body = await res.text();
		if (path.includes(SCHOOL_B.urn)) expect([403, 404]).toContain(res.status);
		expect(body).not.toContain(SCHOOL_B.name);
	});

	const actions = routes.flatMap((r) => r.actions.map((a) => [r.path, a] as const));
	it.each(actions)('POST %s ?/%s is refused or changes nothing of school B', async (path, action) => {
		const cookie = await headteacherCookie();
		const res = await fetch(`${baseUrl()}${path}${action === 'default' ? '' : `?/${action}`}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ urn: SCHOOL_B.urn, id: '1', reason: 'test', body: 'test', section: 'teaching' }).toString()
		});
		const body = await res.text();
		// Pages about school B refuse outright. Pages about the headteacher's own things (their
		// notifications) may act, but only ever on their own records, so nothing of B shows.
		if (path.includes(SCHOOL_B.urn)) expect([403, 404]).toContain(res.status);
		expect(body).not.toContain(SCHOOL_B.name);
	});

	it("answers 404, not 403, for another school's engagement and its note of visit", async () => {
		// Any engagement of a school that is not the headteacher's (190211).
		const [row] = await demoRows<{ id: number; name: string }>(
			'select e.id, s.name from engagements e join schools s on s.urn = e.urn where e.urn != 190211 order by e.id limit 1'
		);
		expect(row).toBeDefined();
		const cookie = await headteacherCookie();
		for (const path of [`/schedule/engagements/${row!.id}`, `/schedule/engagements/${row!.id}/note`]) {
			const res = await fetch(baseUrl() + path, { headers: { cookie }, redirect: 'manual' });
			expect(res.status).toBe(404);
			expect(await res.text()).not.toContain(row!.name);
		}
	});
});
