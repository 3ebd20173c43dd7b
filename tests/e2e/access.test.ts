import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { appRoutes } from '../helpers/routes';
import { baseUrl, sessionCookie } from './harness';

/** Pages anyone may ask for: sign-in, and calendar subscriptions, whose private address is the key (tested in schedule.test.ts). */
const PUBLIC = new Set(['/login', '/calendar/subscribe/1']);
const routes = appRoutes().filter((r) => !PUBLIC.has(r.path));

/**
 * Announces a body of `bytes` and sends none of it, on a connection of its own: the size check
 * answers from the headers alone, so the test never races the server closing a half-sent upload.
 */
function announceBody(path: string, bytes: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(
			`${baseUrl()}${path}`,
			{ method: 'POST', agent: false, headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': bytes } },
			(res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
				req.destroy();
			}
		);
		req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
		req.flushHeaders();
	});
}

describe('signed out', () => {
	it('finds the app routes to check', () => {
		expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/', '/admin', '/admin/users', '/logout']));
	});

	const requests = routes.flatMap((r) => r.methods.map((m) => [m, r.path] as const));
	it.each(requests)('%s %s redirects to sign in', async (method, path) => {
		const res = await fetch(baseUrl() + path, {
			method,
			redirect: 'manual',
			headers: method === 'GET' ? {} : { origin: baseUrl(), 'content-type': 'application/octet-stream' },
			body: method === 'GET' ? undefined : 'x'
		});
		expect([302, 303, 307]).toContain(res.status);
		expect(new URL(res.headers.get('location')!, baseUrl()).pathname).toBe('/login');
	});

	const actions = routes.flatMap((r) => r.actions.map((a) => [r.path, a] as const));
	it.each(actions)('POST %s action %s redirects to sign in and changes nothing', async (path, action) => {
		const url = `${baseUrl()}${path}${action === 'default' ? '' : `?/${action}`}`;
		const res = await fetch(url, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: 'email=x%40example.org&name=X&role=admin&password=aaaaaaaaaaaaaaaa'
		});
		expect([302, 303]).toContain(res.status);
		expect(new URL(res.headers.get('location')!, baseUrl()).pathname).toBe('/login');
	});
});

describe('sign-in', () => {
	it('answers 429 with a plain message after too many wrong passwords for one account', async () => {
		const attempt = () =>
			fetch(`${baseUrl()}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				// An account no other test signs in with, so locking it out affects nothing else.
				body: 'email=locked.out%40westmoor.example.org&password=wrong-password-here'
			});
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
		expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
		expect(statuses[5]).toBe(429);
		const body = await (await attempt()).text();
		expect(body).toContain('Too many sign-in attempts. Wait 15 minutes, then try again.');
	});

	it('says on a refused page who may use it, as the access policy words it', async () => {
		const res = await fetch(`${baseUrl()}/admin`, { headers: { cookie: await sessionCookie('adviser') }, redirect: 'manual' });
		expect(res.status).toBe(403);
		const body = await res.text();
		expect(body).toContain('You do not have permission to see this page');
		expect(body).toContain('<p class="govuk-body">Only an admin can do this.</p>');
	});

	it('refuses an address with a NUL in it in words, and reads a form without one (PostgreSQL stores no NUL)', async () => {
		const cookie = await sessionCookie('adviser');
		for (const path of ['/schools?q=%00', '/schools/export.csv?q=a%00b', '/admin/calendar?la=%00']) {
			const res = await fetch(`${baseUrl()}${path}`, { headers: { cookie }, redirect: 'manual' });
			expect(res.status, path).toBe(400);
			expect(await res.text()).toBe('The address contains a character that cannot be used. Check the address and try again.');
		}
		const signIn = await fetch(`${baseUrl()}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: 'email=nobody%00%40westmoor.example.org&password=wrong'
		});
		expect(signIn.status).toBe(400);
		expect(await signIn.text()).toContain('Enter a correct email address and password');
	});

	it('refuses a cross-site form post (the origin check is on)', async () => {
		const res = await fetch(`${baseUrl()}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'email=admin%40westmoor.example.org&password=triage-demo-2026'
		});
		expect(res.status).toBe(403);
	});

	it.each(['/imports/jobs', '/imports/upload'])('refuses a cross-site or origin-less POST to the endpoint %s, whatever its content type', async (path) => {
		for (const origin of ['https://evil.example', null]) {
			const res = await fetch(`${baseUrl()}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { ...(origin ? { origin } : {}), 'content-type': 'application/json' },
				body: JSON.stringify({ fileName: 'x.csv', size: 10 })
			});
			expect(res.status).toBe(403);
			expect(await res.text()).toBe('Cross-site requests are not allowed. Use the page in Triage itself.');
		}
	});

	it('refuses an upload whose declared size is not a number, and a large body sent to a form', async () => {
		const signIn = await fetch(`${baseUrl()}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: 'email=analyst%40westmoor.example.org&password=triage-demo-2026'
		});
		const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
		const upload = await fetch(`${baseUrl()}/imports/upload`, {
			method: 'POST',
			headers: { cookie, origin: baseUrl(), 'content-type': 'application/json' },
			body: JSON.stringify({ fileName: 'ks2.csv', size: 'not-a-number' })
		});
		expect(upload.status).toBe(400);
		expect(await upload.json()).toEqual({ ok: false, message: 'The size of the file is missing or not a whole number of bytes. Choose the file again.' });
		expect(await announceBody('/login', 3 * 1024 * 1024)).toBe(413);
	});

	it('sends a Content-Security-Policy that allows only this site’s own scripts', async () => {
		const res = await fetch(`${baseUrl()}/login`);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/default-src 'self'/);
		expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
		expect(csp).toMatch(/frame-ancestors 'none'/);
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
	});

	it('tells the browser not to keep a signed-in page, so Back after signing out on a shared computer shows nothing', async () => {
		const cookie = await sessionCookie('adviser');
		for (const path of ['/', '/schools', '/schools/__data.json']) {
			const res = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
			expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'private, no-store']);
		}
		// The sign-in page itself holds nothing private.
		expect((await fetch(`${baseUrl()}/login`)).headers.get('cache-control')).toBeNull();
	});

	it.each(['/%5Cevil.example/x', '/%09/evil.example/x', '/%5C/evil.example/x', '//evil.example/x', 'https://evil.example/'])(
		'never sends someone off the site after sign-in (redirectTo=%s)',
		async (target) => {
			const signInTo = () =>
				fetch(`${baseUrl()}/login?redirectTo=${target}`, {
					method: 'POST',
					redirect: 'manual',
					headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
					body: 'email=analyst%40westmoor.example.org&password=triage-demo-2026'
				});
			const res = await signInTo();
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/');
			// Already signed in, the sign-in page sends them on at once: also only to this site.
			const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
			const again = await fetch(`${baseUrl()}/login?redirectTo=${target}`, { redirect: 'manual', headers: { cookie } });
			expect(again.status).toBe(303);
			expect(again.headers.get('location')).toBe('/');
		}
	);

	it('sets an HttpOnly, SameSite=Lax session cookie on the whole site', async () => {
		const res = await fetch(`${baseUrl()}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: 'email=admin%40westmoor.example.org&password=triage-demo-2026'
		});
		expect(res.status).toBe(303);
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^triage_session=[a-z2-7]{32};/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
	});
});
