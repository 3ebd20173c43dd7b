import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_EMAILS, demoRows, expectNoAxeViolations, newPage, signIn } from './harness';

/** The demo adviser's id and link schools, as the database has them now. */
async function demoAdviser() {
	const [{ id }] = await demoRows<{ id: number }>('select id from users where email = ?', DEMO_EMAILS.adviser);
	const linkUrns = (await demoRows<{ urn: number }>('select urn from schools where link_adviser_id = ? order by urn', id)).map((r) => r.urn);
	const [{ n: schools }] = await demoRows<{ n: number }>('select count(*) as n from schools');
	return { id, linkUrns, schools };
}

/** The URNs the self-evaluation list links to. */
async function listedUrns(page: Page): Promise<number[]> {
	const hrefs = await page.locator('main tbody tr a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	return hrefs.map((h) => Number(/^\/self-evaluation\/(\d+)/.exec(h)?.[1])).sort((a, b) => a - b);
}

/** The engagements in the schedule's half-term tables (not "Your week" or "Your overdue engagements" above them). */
async function scheduledIds(page: Page): Promise<number[]> {
	const tables = page.locator('main table').filter({ has: page.locator('caption', { hasText: /^(?!Your )/ }) });
	const hrefs = await tables.locator('tbody a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	return hrefs.map((h) => Number(/^\/schedule\/engagements\/(\d+)$/.exec(h)?.[1])).sort((a, b) => a - b);
}

describe('my link schools', () => {
	it('narrows the self-evaluation list to the adviser’s link schools, and the URL keeps it', async () => {
		const me = await demoAdviser();
		// The filter can only be seen to work if the adviser has some schools, but not all of them.
		expect(me.linkUrns.length).toBeGreaterThan(0);
		expect(me.linkUrns.length).toBeLessThan(me.schools);

		const page = await newPage();
		await signIn(page, 'adviser');
		await page.goto('/self-evaluation');
		expect(await page.getByLabel('Schools', { exact: true }).inputValue()).toBe('all');
		expect(await listedUrns(page)).toHaveLength(me.schools);

		await page.getByLabel('Schools', { exact: true }).selectOption({ label: 'My link schools' });
		await page.getByRole('button', { name: 'Show' }).click();
		await page.waitForURL(/[?&]schools=mine(&|$)/);
		expect(await listedUrns(page)).toEqual(me.linkUrns);
		expect(await page.getByRole('status').textContent()).toContain(`Showing ${me.linkUrns.length} of ${me.schools} schools: your link schools.`);
		await expectNoAxeViolations(page);

		// The address alone gives the same list, and the link to last year's summaries keeps the filter.
		await page.reload();
		expect(await page.getByLabel('Schools', { exact: true }).inputValue()).toBe('mine');
		expect(await listedUrns(page)).toEqual(me.linkUrns);
		await page.getByRole('link', { name: /^Last year’s summaries/ }).click();
		await page.waitForURL((url) => url.searchParams.get('schools') === 'mine' && url.searchParams.get('year') !== null);
		expect(await listedUrns(page)).toEqual(me.linkUrns);

		// The school list filtered to the same adviser names the same schools.
		await page.goto(`/schools?adviser=${me.id}`);
		const schoolList = await page.locator('main tbody tr a[href^="/schools/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
		expect(schoolList.map((h) => Number(h!.slice('/schools/'.length))).sort((a, b) => a - b)).toEqual(me.linkUrns);
		await page.context().close();
	});

	it('narrows the schedule to the adviser’s link schools and their own engagements, and the URL keeps it', async () => {
		const me = await demoAdviser();
		const page = await newPage();
		await signIn(page, 'adviser');
		await page.goto('/schedule');
		const schools = page.getByRole('list', { name: 'Show:' });
		expect(await schools.getByRole('link', { name: 'My engagements' }).getAttribute('aria-current')).toBe('page');

		await schools.getByRole('link', { name: 'My link schools' }).click();
		await page.waitForURL(/[?&]schools=mine(&|$)/);
		expect(await schools.getByRole('link', { name: 'My link schools' }).getAttribute('aria-current')).toBe('page');
		expect(await page.getByLabel('Adviser').inputValue()).toBe('all');
		await page.getByRole('heading', { level: 2, name: 'Engagements at your link schools, and your own' }).waitFor();
		const mine = await scheduledIds(page);
		await expectNoAxeViolations(page);

		// Everyone's engagements in the same term, and which of them the database says are the adviser's.
		const all = new URL(page.url());
		all.searchParams.delete('schools');
		all.searchParams.set('adviser', 'all');
		await page.goto(all.pathname + all.search);
		const everyone = await scheduledIds(page);
		const ours = everyone.length
			? (
					await demoRows<{ id: number }>(
						`select e.id from engagements e join schools s on s.urn = e.urn
					 where e.id in (${everyone.map(() => '?').join(',')}) and (s.link_adviser_id = ? or e.adviser_id = ?) order by e.id`,
						...everyone,
						me.id,
						me.id
					)
				).map((r) => r.id)
			: [];
		expect(ours.length).toBeGreaterThan(0);
		expect(ours.length).toBeLessThan(everyone.length);
		expect(mine).toEqual(ours);
		expect(await page.getByRole('status').textContent()).toMatch(new RegExp(`^\\s*Showing ${everyone.length} of ${everyone.length} engagements in the `));

		// Back to "My link schools": the count says how much of everyone's it shows, and every other view keeps the filter.
		await page.goBack();
		await page.waitForURL(/[?&]schools=mine(&|$)/);
		expect(await page.getByRole('status').textContent()).toMatch(
			new RegExp(`^\\s*Showing ${ours.length} of ${everyone.length} engagements in the .*: those at your link schools, and your own\\.\\s*$`)
		);
		await page.getByRole('link', { name: 'Month calendar' }).click();
		await page.waitForURL((url) => url.searchParams.get('view') === 'month' && url.searchParams.get('schools') === 'mine');
		await page.getByRole('button', { name: 'Show' }).click();
		await page.waitForURL((url) => url.searchParams.get('view') === 'month' && url.searchParams.get('schools') === 'mine');
		expect(await page.getByRole('status').textContent()).toContain(': those at your link schools, and your own.');
		await expectNoAxeViolations(page);

		// "My engagements" goes back to the page as it opens: the adviser's own engagements.
		await page.getByRole('list', { name: 'Show:' }).getByRole('link', { name: 'My engagements' }).click();
		await page.waitForURL((url) => !url.searchParams.has('schools'));
		expect(await page.getByLabel('Adviser').inputValue()).toBe(String(me.id));
		await page.context().close();
	});
});
