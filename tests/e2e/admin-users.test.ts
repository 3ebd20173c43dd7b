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

	it('asks which LAs a user serves only once the installation serves more than one, and logs a change of them', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		// One LA, as the demo: no LA field and no LA column, exactly as before.
		await page.goto('/admin/users/new');
		expect(await page.getByText('Local authorities').count()).toBe(0);
		await page.goto('/admin/users');
		expect(await page.getByRole('columnheader', { name: 'Local authorities' }).count()).toBe(0);

		const serve = async (codes: string) => {
			await page.goto('/imports');
			await page.getByLabel('Import only the schools of the LAs below').check();
			await page.getByLabel('LA codes').fill(codes);
			await page.getByRole('button', { name: 'Save setting' }).click();
			await page.getByText('The next import uses this setting').waitFor();
		};
		await serve('999, 936');
		try {
			expect(await page.getByTestId('la-scope').textContent()).toContain('keeps only the schools of LAs 936 and 999.');
			await page.goto('/admin/users/new');
			const las = page.getByRole('group', { name: 'Local authorities (not for headteachers)' });
			expect(await las.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent?.trim()))).toEqual([
				'LA 936',
				'Westmoor (999)'
			]);
			expect(await las.textContent()).toContain('Tick none and they serve every LA.');
			await expectNoAxeViolations(page);

			await page.getByLabel('Full name').fill('Owen Price');
			await page.getByLabel('Email address').fill('owen.price@westmoor.example.org');
			await page.getByLabel('Adviser', { exact: true }).check();
			await page.getByLabel('Password').fill('a long enough password');
			// An LA the installation does not serve, as a hand-made request would send it.
			await page.getByLabel('LA 936').evaluate((box) => ((box as HTMLInputElement).value = '123'));
			await page.getByLabel('LA 936').check();
			await page.getByRole('button', { name: 'Add user' }).click();
			await page.getByText('There is a problem').waitFor();
			const problem = page.locator('.govuk-error-summary a');
			expect(await problem.textContent()).toBe('LA 123 is not one of this installation’s LAs. Choose from 936 and 999');
			expect(await problem.getAttribute('href')).toBe('#las');
			await expectNoAxeViolations(page);

			await page.getByLabel('LA 936').uncheck();
			await page.getByLabel('Westmoor (999)').check();
			await page.getByLabel('Password').fill('a long enough password');
			await page.getByRole('button', { name: 'Add user' }).click();
			await page.waitForURL('**/admin/users?created=*');
			const row = page.getByRole('row').filter({ hasText: 'Owen Price' });
			expect(await page.getByRole('columnheader', { name: 'Local authorities' }).count()).toBe(1);
			expect(await row.getByRole('cell').nth(4).textContent()).toBe('999');
			expect(await page.getByRole('row').filter({ hasText: 'Sam Okafor' }).getByRole('cell').nth(4).textContent()).toBe('Every LA');

			await row.getByRole('link', { name: 'Owen Price' }).click();
			expect(await page.getByLabel('Westmoor (999)').isChecked()).toBe(true);
			await page.getByLabel('LA 936').check();
			await page.getByRole('button', { name: 'Save changes' }).click();
			await page.getByText('Changes saved.').waitFor();
			expect(await page.getByText('Local authorities changed').count()).toBe(1);
			await page.goto('/admin/audit');
			expect(await page.locator('tbody tr').first().textContent()).toContain('Changed which local authorities Owen Price serves');
			// An LA a user serves stays known to the installation: Owen serves only the demo's LA again.
			await page.goto('/admin/users');
			await page.getByRole('link', { name: 'Owen Price' }).click();
			await page.getByLabel('LA 936').uncheck();
			await page.getByRole('button', { name: 'Save changes' }).click();
			await page.getByText('Changes saved.').waitFor();
		} finally {
			// Back to the demo's one LA, for the tests that follow.
			await serve('999');
		}
		await page.goto('/admin/users/new');
		expect(await page.getByText('Local authorities').count()).toBe(0);
		await page.context().close();
	});
});
