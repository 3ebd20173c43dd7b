// Every page and every GET endpoint, for every role, on the demo: nothing answers with a server
// error, whichever database the app runs on (this file runs in the e2e and e2e-pg projects).
// What each role may see is checked elsewhere (access.test.ts, headteacher-isolation.test.ts and
// the tests of each area); here a refusal is as good as a page.
import { describe, expect, it } from 'vitest';
import { appRoutes } from '../helpers/routes';
import { baseUrl, DEMO_EMAILS, demoRows, sessionCookie } from './harness';
import { ROLES, type Role } from '../../src/lib/domain/roles';

/** Ids that exist in the demo, so each page shows something rather than "not found": for a headteacher, their own school's. */
async function demoSample(role: Role): Promise<Record<string, string>> {
	const [engagement] = await demoRows<{ id: number; urn: number }>(
		"select e.id, e.urn from engagements e where e.status != 'cancelled' and (? = 0 or e.urn in (select us.urn from user_schools us join users u on u.id = us.user_id where u.email = ?)) order by e.id limit 1",
		role === 'headteacher' ? 1 : 0,
		DEMO_EMAILS.headteacher
	);
	return { urn: String(engagement.urn), id: String(engagement.id) };
}

describe('every page for every role', () => {
	it.each(ROLES)('answers without a server error for %s', async (role) => {
		const cookie = await sessionCookie(role);
		const routes = appRoutes(await demoSample(role)).filter((r) => r.methods.includes('GET') && r.path !== '/logout');
		const answers: string[] = [];
		let shown = 0;
		for (const { path } of routes) {
			const res = await fetch(baseUrl() + path, { headers: { cookie }, redirect: 'manual' });
			await res.arrayBuffer();
			if (res.status >= 500) answers.push(`${path}: ${res.status}`);
			if (res.status === 200) shown++;
		}
		expect(answers).toEqual([]);
		// Not a run of refusals: each role sees pages of its own.
		expect(shown).toBeGreaterThanOrEqual(role === 'headteacher' ? 5 : 15);
	});
});
