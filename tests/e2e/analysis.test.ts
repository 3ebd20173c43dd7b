import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { databasePath, DEMO_EMAILS, expectNoAxeViolations, newPage, signIn } from './harness';

/** The banner that confirms a change, or the error summary if it was refused. */
async function outcome(page: Page): Promise<string> {
	const banner = page.locator('.govuk-notification-banner__content, .govuk-error-summary').first();
	await banner.waitFor();
	return (await banner.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Reads the demo database the server runs on, for facts the pages do not print (the head's own URN). */
function demoFact<T>(query: string, ...params: unknown[]): T {
	const sqlite = new SQLite(databasePath(), { readonly: true });
	try {
		return sqlite.prepare(query).get(...params) as T;
	} finally {
		sqlite.close();
	}
}

describe('the desktop analysis in the browser', () => {
	let changedSchool = '';

	it('an analyst runs the analysis for the latest year', async () => {
		const page = await newPage();
		await signIn(page, 'analyst');
		await page.goto('/analysis');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Desktop analysis');
		await expectNoAxeViolations(page);
		// While it runs the button says so, and pressing it again sends nothing more. Both presses
		// happen in the page at once, before the browser leaves it, as a double click would.
		const posts: string[] = [];
		page.on('request', (r) => {
			if (r.method() === 'POST') posts.push(r.url());
		});
		const pressedTwice = await page.evaluate(() => {
			const button = [...document.querySelectorAll('button')].find((b) => /^Run the analysis( again)? for 2025\/26$/.test(b.textContent ?? ''))!;
			const sent: boolean[] = [];
			document.addEventListener('submit', (e) => sent.push(!e.defaultPrevented));
			button.click();
			const during = {
				text: button.textContent,
				unavailable: button.getAttribute('aria-disabled'),
				status: button.form?.querySelector('[role=status]')?.textContent
			};
			button.click();
			return { during, sent };
		});
		expect(pressedTwice).toEqual({
			during: { text: 'Running the analysis…', unavailable: 'true', status: 'Running the analysis…' },
			sent: [true, false]
		});
		expect(await outcome(page)).toMatch(/^The analysis of 2025\/26 results ran for 120 schools\./);
		expect(posts).toHaveLength(1);
		// Each run says the day it read the soft-intelligence register up to.
		expect(await page.locator('main').textContent()).toMatch(
			/read the soft-intelligence register \(inspections, concerns, requests for support\) as it stood on \d{1,2} \w+ \d{4}\./
		);
		await expect.poll(() => page.getByRole('heading', { name: /^Look at these first \(\d+\)$/ }).count()).toBe(1);
		await expectNoAxeViolations(page);

		// The demo has agreed last year's categories and this year's unchanged ones; an earlier
		// year has never been run, so it gives the lead adviser a whole year to agree.
		await page.goto('/analysis?year=2024');
		await page.getByRole('button', { name: /^Run the analysis( again)? for 2023\/24$/ }).click();
		expect(await outcome(page)).toMatch(/^The analysis of 2023\/24 results ran for 120 schools\./);
		// The page stays on the year the action was taken on.
		expect(new URL(page.url()).searchParams.get('year')).toBe('2024');
		await page.getByRole('button', { name: 'Run the analysis again for 2023/24' }).waitFor();
		await page.context().close();
	});

	it('an adviser changes a link school’s category, giving a reason, and records a concern', async () => {
		const page = await newPage();
		await signIn(page, 'adviser');
		await page.goto('/schools');
		await expectNoAxeViolations(page);
		await page.getByLabel('Search by name or URN').fill('primary');
		await page.getByRole('button', { name: 'Search' }).click();
		await page.waitForURL(/\?q=primary/);
		const row = page.locator('tbody tr', { hasText: 'Tom Fletcher' }).first();
		changedSchool = (await row.getByRole('link').textContent())!.trim();
		await row.getByRole('link').click();
		await page.waitForURL(/\/schools\/\d+$/);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(changedSchool);
		await expectNoAxeViolations(page);

		const current = (await page.locator('.govuk-body-l .govuk-tag').textContent())!.trim();
		const target = current === 'Focus support' ? 'Light touch support' : 'Focus support';
		await page.getByText('Change the category').click();
		await page.getByLabel(target).check();
		await page.getByRole('button', { name: 'Change category' }).click();
		expect(await outcome(page)).toContain('Give the reason for the change, in words you could read out to the headteacher');
		await expectNoAxeViolations(page);
		await page.getByLabel(target).check();
		await page.getByLabel('Reason').fill('The new head starts in January and the school asked for help with writing.');
		await page.getByRole('button', { name: 'Change category' }).click();
		expect(await outcome(page)).toBe('Category changed. A lead adviser will agree it.');
		const history = page.locator('table', { hasText: 'Every step in this school’s category' });
		expect(await history.locator('tbody tr').first().textContent()).toContain('The new head starts in January');

		await page.getByText('Record a concern or a change').click();
		await page.getByLabel('What is it?').selectOption('governance');
		await page.getByLabel('Details').fill('Chair of governors resigned; an interim chair is in place.');
		await page.getByRole('button', { name: 'Add to the register' }).click();
		expect(await outcome(page)).toBe('Entry added to the register.');
		expect(await page.locator('table', { hasText: 'Soft-intelligence register' }).textContent()).toContain('Chair of governors resigned');
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('a lead adviser agrees the changed school, then the unchanged ones in bulk', async () => {
		expect(changedSchool).not.toBe('');
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		await page.goto('/analysis');
		const first = page.locator('table', { has: page.locator('th', { hasText: 'Why look first' }) });
		const row = first.locator('tbody tr', { hasText: changedSchool });
		expect(await row.textContent()).toContain('An adviser changed the proposal');
		await row.getByRole('button', { name: /^Agree / }).click();
		expect(await outcome(page)).toBe('1 category agreed.');
		await expectNoAxeViolations(page);

		await page.goto('/analysis?year=2024');
		const bulk = page.getByRole('button', { name: /^Agree all \d+ unchanged$/ });
		const count = Number((await bulk.textContent())!.match(/\d+/)![0]);
		expect(count).toBeGreaterThan(0);
		// Agreeing in bulk asks first, with the counts by category.
		await bulk.click();
		await page.getByRole('heading', { name: `Agree ${count} unchanged proposals?` }).waitFor();
		const counts = await page.getByTestId('bulk-counts').getByRole('listitem').allTextContents();
		expect(counts.reduce((n, line) => n + Number(line.match(/^\d+/)![0]), 0)).toBe(count);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: `Agree these ${count} categories` }).click();
		expect(await outcome(page)).toBe(`${count} categories agreed.`);
		expect(new URL(page.url()).searchParams.get('year')).toBe('2024');
		await page.getByRole('heading', { level: 2, name: '2023/24 results' }).waitFor();
		expect(await page.getByRole('button', { name: /^Agree all/ }).count()).toBe(0);

		await page.goto(`/analysis?list=agreed&q=${encodeURIComponent(changedSchool)}`);
		await page.getByRole('link', { name: changedSchool }).first().click();
		await page.waitForURL(/\/schools\/\d+$/);
		expect(await page.locator('.govuk-summary-list__row', { hasText: 'Status' }).first().textContent()).toContain('Agreed by Helen Morgan');
		await page.context().close();
	});

	it('finds schools by name, category and link adviser, one list and one page at a time, and keeps the place after agreeing', async () => {
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		await page.goto('/analysis?year=2024&list=agreed');
		const heading = page.getByRole('heading', { level: 2, name: /^Agreed \(\d+\)$/ });
		const agreed = Number((await heading.textContent())!.match(/\d+/)![0]);
		expect(agreed).toBeGreaterThan(50);
		// 50 a page.
		expect(await page.locator('table tbody tr').count()).toBe(50);
		await page
			.getByRole('navigation', { name: /^Pages of/ })
			.getByRole('link', { name: 'Page 2' })
			.click();
		await page.waitForURL(/page=2/);
		expect(await page.locator('table tbody tr').count()).toBe(Math.min(50, agreed - 50));
		await expectNoAxeViolations(page);

		await page.getByRole('combobox', { name: 'Category', exact: true }).selectOption('focus');
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await page.waitForURL(/category=focus/);
		const url = new URL(page.url());
		expect([url.searchParams.get('list'), url.searchParams.get('year'), url.searchParams.get('page')]).toEqual(['agreed', '2024', null]);
		// Each row's category is the first tag in it.
		const categories = await page.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('.govuk-tag')?.textContent?.trim()));
		expect(categories.length).toBeGreaterThan(0);
		expect(categories.filter((c) => c !== 'Focus support')).toEqual([]);
		const name = (await page.locator('table tbody tr a').first().textContent())!.trim();
		await page.getByLabel('Name or URN').fill(name.slice(0, 8).toLowerCase());
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await page.waitForURL(/q=/);
		expect(await page.locator('table tbody tr a', { hasText: name }).count()).toBe(1);
		await page.getByRole('link', { name: 'Clear filters' }).click();
		await page.waitForURL((u) => !u.searchParams.has('q') && !u.searchParams.has('category'));

		// An adviser narrows to their own link schools.
		const adviser = await newPage();
		await signIn(adviser, 'adviser');
		await adviser.goto('/analysis?year=2024&list=agreed');
		await adviser.getByLabel('Link adviser').selectOption({ label: 'My link schools' });
		await adviser.getByRole('button', { name: 'Apply filters' }).click();
		await adviser.waitForURL(/adviser=\d+/);
		const advisers = await adviser.locator('table tbody tr .app-secondary-text', { hasText: 'Link adviser:' }).allTextContents();
		expect(advisers.length).toBeGreaterThan(0);
		expect(new Set(advisers).size).toBe(1);
		await expectNoAxeViolations(adviser);
		await adviser.context().close();
		await page.context().close();
	});

	it('a headteacher sees only their own school’s page, and never the list', async () => {
		const own = demoFact<{ urn: number }>(
			'select us.urn from user_schools us join users u on u.id = us.user_id where u.email = ?',
			DEMO_EMAILS.headteacher
		).urn;
		const other = demoFact<{ urn: number }>('select urn from schools where urn != ? order by urn limit 1', own).urn;
		const page = await newPage();
		await signIn(page, 'headteacher');
		expect((await page.goto('/schools'))?.status()).toBe(403);
		expect((await page.goto(`/schools/${own}`))?.status()).toBe(200);
		expect(await page.getByRole('heading', { name: 'Support category' }).count()).toBe(1);
		expect(await page.getByRole('heading', { name: 'Soft intelligence' }).count()).toBe(0);
		await expectNoAxeViolations(page);
		expect((await page.goto(`/schools/${other}`))?.status()).toBe(404);
		await page.context().close();
	});

	it('an admin tries a change to the policy and sees who would move before adopting anything', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto('/admin/policy');
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Start a new draft from the policy in use' }).click();
		await page.waitForURL(/\/admin\/policy\/\d+$/);
		await page.getByLabel('Below England (points)', { exact: true }).fill('-5');
		await page.getByRole('button', { name: 'Save the draft and show its effect' }).click();
		expect(await outcome(page)).toContain('Draft saved. Nothing changes until you adopt it.');
		const matrix = page.locator('table', { hasText: 'Schools by category: in use (rows) and with this draft (columns)' });
		expect(await matrix.locator('tbody tr').count()).toBe(6);
		expect(await page.locator('table', { hasText: 'Schools that would move' }).locator('tbody tr').count()).toBeGreaterThan(0);
		await expectNoAxeViolations(page);

		await page.getByLabel('Below England (points)', { exact: true }).fill('-30');
		await page.getByRole('button', { name: 'Save the draft and show its effect' }).click();
		expect(await outcome(page)).toContain('“Well below England” must be lower than “Below England”'.replace(/[“”]/g, '"'));
		await expectNoAxeViolations(page);

		// Adopting asks to be confirmed, with what it changes and why; nothing is adopted without a reason.
		await page.getByRole('button', { name: 'Adopt this draft' }).click();
		const confirm = page.getByRole('region', { name: 'Adopt this draft as version 2?' });
		await confirm.waitFor();
		expect(await confirm.textContent()).toMatch(/Version 1 stops being used\..*\d+ schools? would move category/s);
		await expectNoAxeViolations(page);
		await confirm.getByRole('button', { name: 'Adopt version 2' }).click();
		await page.getByRole('alert').getByText('Enter why you are adopting this draft').waitFor();
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Cancel' }).click();
		await page.getByRole('button', { name: 'Discard this draft' }).waitFor();
		expect(await page.getByRole('region', { name: 'Adopt this draft as version 2?' }).count()).toBe(0);

		await page.getByRole('button', { name: 'Discard this draft' }).click();
		await page.waitForURL(/\/admin\/policy$/);
		expect(await page.locator('main').textContent()).toContain('version 1');
		await page.context().close();
	});
});
