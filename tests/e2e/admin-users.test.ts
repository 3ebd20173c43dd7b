import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPage, signIn } from './harness';

describe('admin manages users', () => {
	it('adds a headteacher with keyboard only, shows errors plainly, and logs the change', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto('/admin/users/new');

		// Submitting an empty form explains every problem.
		await page.getByRole('button', { name: 'Add user' }).click();
		await page.getByText('There is a problem').waitFor();
		const summary = await page.locator('.govuk-error-summary').textContent();
		expect(summary).toContain('Enter a name');
		expect(summary).toContain('Enter an email address');
		expect(summary).toContain('Select a role');
		await expectNoAxeViolations(page);

		await page.getByLabel('Full name').focus();
		await page.keyboard.type('Nia Roberts');
		await page.keyboard.press('Tab');
		await page.keyboard.type('nia.roberts@westmoor.example.org');
		await page.getByLabel('Headteacher', { exact: true }).check();
		await page.getByLabel('Schools (headteachers only)').fill('190001');
		await page.getByLabel('Password').fill('a long enough password');
		await page.keyboard.press('Enter');
		await page.waitForURL('**/admin/users?created=*');
		expect(await page.getByRole('link', { name: 'Nia Roberts' }).count()).toBe(1);

		await page.goto('/admin/audit');
		// The log says what happened in words, not as a code.
		const latest = (await page.locator('tbody tr').first().textContent()) ?? '';
		expect(latest).toContain('Added the account of Nia Roberts');
		expect(latest).not.toContain('user.create');
		const what = await page.locator('tbody tr td:nth-child(3)').allTextContents();
		expect(what.filter((t) => /\b[a-z_]+\.[a-z_.]+\b/.test(t))).toEqual([]);
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('the new headteacher can sign in; disabling the account stops that', async () => {
		const admin = await newPage();
		await signIn(admin, 'admin');
		await admin.goto('/admin/users');
		await admin.getByRole('link', { name: 'Nia Roberts' }).click();
		await admin.getByRole('button', { name: 'Disable account' }).click();
		await admin.getByText('Account disabled').waitFor();

		const head = await newPage();
		await head.goto('/login');
		await head.getByLabel('Email address').fill('nia.roberts@westmoor.example.org');
		await head.getByLabel('Password').fill('a long enough password');
		await head.getByRole('button', { name: 'Sign in' }).click();
		await head.getByText('This account has been disabled').first().waitFor();
		expect(new URL(head.url()).pathname).toBe('/login');
		await admin.context().close();
		await head.context().close();
	});
});
