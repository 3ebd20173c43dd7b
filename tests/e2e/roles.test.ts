import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/lib/domain/roles';
import { expectNoAxeViolations, newPage, signIn, signInWithForm } from './harness';

/** What each role should see in the header navigation. */
const EXPECTED_NAV: Record<Role, string[]> = {
	admin: ['Overview', 'Schools', 'Analysis', 'Imports', 'Schedule', 'Quality Mark', 'Partnerships', 'Admin'],
	analyst: ['Overview', 'Schools', 'Analysis', 'Imports', 'Schedule', 'Quality Mark', 'Partnerships'],
	lead_adviser: ['Overview', 'Schools', 'Analysis', 'Schedule', 'Self-evaluation', 'Quality Mark', 'Partnerships'],
	adviser: ['Overview', 'Schools', 'Analysis', 'Schedule', 'Self-evaluation', 'Quality Mark', 'Partnerships'],
	regional: ['Overview', 'Schools', 'Analysis', 'Schedule', 'Self-evaluation', 'Quality Mark', 'Partnerships'],
	headteacher: ['My school', 'Self-evaluation', 'Quality Mark', 'Partnerships', 'Ask for support']
};

describe('each role', () => {
	it.each(ROLES)('%s signs in, sees its navigation, and signs out', async (role) => {
		const page = await newPage();
		await signInWithForm(page, role);
		const nav = page.getByRole('navigation', { name: 'Main' });
		const links = await nav.getByRole('link').allTextContents();
		expect(links.map((l) => l.trim())).toEqual(EXPECTED_NAV[role]);
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL('**/login');
		// The old session is gone: going back to a signed-in page asks for sign-in again.
		await page.goto('/');
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.context().close();
	});

	it('a headteacher gets 403 from admin pages, which only admins may use', async () => {
		const page = await newPage();
		await signIn(page, 'headteacher');
		const res = await page.goto('/admin/users');
		expect(res?.status()).toBe(403);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You do not have permission to see this page');
		await page.context().close();
	});
});

describe('pages pass axe-core', () => {
	it('sign in', async () => {
		const page = await newPage();
		await page.goto('/login');
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByText('There is a problem').waitFor();
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it.each(['/', '/admin', '/admin/users', '/admin/users/new', '/admin/users/1', '/admin/audit', '/no-such-page'])('%s as admin', async (path) => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto(path);
		await expectNoAxeViolations(page);
		await page.context().close();
	});
});
