import SQLite from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { databasePath, DEMO_EMAILS, expectNoAxeViolations, newPage, signIn } from './harness';

/** Reads the demo database the server runs on, for facts the pages do not print. */
function demo<T>(query: string, ...params: unknown[]): T[] {
	const sqlite = new SQLite(databasePath(), { readonly: true });
	try {
		return sqlite.prepare(query).all(...params) as T[];
	} finally {
		sqlite.close();
	}
}

/** What has keyboard focus, as a person would name it. */
async function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el) return '';
		const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
		return (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
	});
}

/** Presses Tab until the focused element's name matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, limit = 150): Promise<void> {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		if (name.test(await focused(page))) return;
	}
	throw new Error(`Tab never reached ${name} (last: ${await focused(page)})`);
}

describe('the overview for staff', () => {
	it('shows the categories against last year, the flow, the charts and what needs attention, with no axe violations', async () => {
		const page = await newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await signIn(page, 'lead_adviser');
		await page.goto('/', { waitUntil: 'networkidle' });
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
		const captions = (await page.locator('figure figcaption').allTextContents()).map((c) => c.trim());
		expect(captions).toEqual([
			expect.stringMatching(/^Schools in each support category, 2025\/26 results and 2024\/25$/),
			'How schools moved between categories from 2024/25 to 2025/26',
			'Attainment against progress, 2025/26',
			'Reading, writing and maths, expected standard: the LA against England'
		]);
		// Every chart has its data as a table behind "Show data", except the scatter, a mark for every
		// school, whose table is a page of its own.
		expect(await page.locator('figure details summary', { hasText: 'Show data' }).count()).toBe(3);
		for (const heading of [
			'Categories waiting to be agreed',
			'Schools moved to more support',
			'Disagreements from schools',
			'Overdue engagements',
			'Quality Marks expiring within 6 months',
			'Schools asking for support'
		]) {
			expect(await page.getByRole('heading', { level: 3, name: new RegExp(`^${heading} \\d+$`) }).count()).toBe(1);
		}
		await expectNoAxeViolations(page);
		const schools = demo<{ n: number }>('select count(*) as n from school_categories where year = 2026')[0].n;
		const scatter = page.locator('figure', { hasText: 'Attainment against progress' });
		// One path of marks a category drawn, holding a mark for every school with both figures.
		const marks = await scatter.locator('path[data-category]').evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').split('M').length - 1));
		expect(marks.length).toBeGreaterThan(1);
		expect(marks.reduce((a, b) => a + b, 0)).toBeGreaterThan(schools / 2);
		await scatter.getByRole('link', { name: new RegExp(`^See every school’s figures as a table \\(${schools} schools\\)`) }).click();
		await page.waitForURL(/\/overview\/attainment-progress\?year=2026$/);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('OverviewAttainment against progress, 2025/26');
		expect(await page.locator('tbody tr').count()).toBe(schools);
		// Most support last: the first row is a Secure Plus school, linked to its own profile.
		const firstLink = page.locator('tbody tr').first().getByRole('link');
		const urn = Number(/^\/schools\/(\d+)$/.exec((await firstLink.getAttribute('href')) ?? '')?.[1]);
		expect(
			demo<{ name: string; category: string }>(
				'select s.name, c.category from schools s join school_categories c on c.urn = s.urn and c.year = 2026 where s.urn = ?',
				urn
			)
		).toEqual([{ name: (await firstLink.textContent())?.trim(), category: 'secure_plus' }]);
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Back to the overview' }).click();
		await page.waitForURL(/\/\?year=2026#results$/);
		// The analysis page counts the same categories waiting, though it splits them into two lists.
		const waiting = (await page.locator('.app-card', { hasText: 'waiting to be agreed' }).locator('.app-card__value').textContent())?.trim();
		expect(Number(waiting)).toBeGreaterThan(1);
		await page.goto('/analysis');
		expect((await page.locator('main').textContent())?.replace(/\s+/g, ' ')).toContain(`${waiting} categories are waiting to be agreed:`);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('shows a change made by another process, such as the command line, on the next request', async () => {
		// The last school in the register; the page-cache tests rename it, and put its name back.
		const [school] = demo<{ urn: number; phase: string | null }>('select urn, phase from schools order by urn desc limit 1');
		const setPhase = async (phase: string | null) => {
			const other = createDb(databasePath());
			try {
				await other.updateTable('schools').set({ phase }).where('urn', '=', school.urn).execute();
			} finally {
				await other.destroy();
			}
		};
		const page = await newPage();
		await signIn(page, 'analyst');
		/** The overview as the server sends it, whether it kept the page, and its schools by phase. */
		const overview = async () => {
			const response = await page.request.get('/');
			expect(response.status()).toBe(200);
			const list = /<ul[^>]*aria-label="Schools by phase"[^>]*>(.*?)<\/ul>/s.exec(await response.text())?.[1] ?? '';
			return {
				cache: response.headers()['x-page-cache'],
				phases: list
					.replace(/<[^>]+>/g, ' ')
					.replace(/\s+/g, ' ')
					.trim()
			};
		};
		const before = await overview();
		expect(before.phases).not.toContain('middle deemed secondary');
		expect(await overview()).toEqual({ cache: 'hit', phases: before.phases });
		try {
			await setPhase('Middle deemed secondary');
			const after = await overview();
			expect(after.cache).toBe('miss');
			expect(after.phases).toContain('1 middle deemed secondary');
		} finally {
			await setPhase(school.phase);
		}
		expect((await overview()).phases).toBe(before.phases);
		await page.context().close();
	});

	it('lets staff choose the results year of the scatter in the URL, and says when a year has no progress scores', async () => {
		const page = await newPage();
		await signIn(page, 'analyst');
		await page.goto('/');
		await page.getByLabel('Results year').selectOption('2025');
		await page.getByRole('button', { name: 'Show' }).click();
		await page.waitForURL(/\?year=2025$/);
		expect(await page.locator('figure figcaption', { hasText: 'Attainment against progress' }).textContent()).toBe('Attainment against progress, 2024/25');
		expect(await page.locator('.govuk-inset-text').first().textContent()).toContain('There are no progress scores for 2024/25');
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('links each thing that needs attention to where it is dealt with', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto('/');
		await page.getByRole('link', { name: 'See them in the desktop analysis, where lead advisers agree them' }).click();
		await page.waitForURL(/\/analysis\?year=2026$/);
		await page.goto('/');
		await page.getByRole('link', { name: 'Secure Plus schools holding a Quality Mark' }).click();
		await page.waitForURL(/\/schools\?category=secure_plus&flag=qm_holder$/);
		const count = Number(/of (\d+) school/.exec((await page.getByRole('status').textContent()) ?? '')?.[1] ?? 0);
		expect(count).toBeGreaterThan(0);
		await page.context().close();
	});

	it('works from the keyboard alone: overview, a filtered school list, then a school’s profile', async () => {
		const page = await newPage();
		await signIn(page, 'adviser');
		await page.goto('/');
		await tabTo(page, /^Schools$/);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/schools$/);

		await tabTo(page, /^Category$/);
		for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
		expect(await page.locator('#filter-category').inputValue()).toBe('focus');
		await tabTo(page, /^Below England in 2 of the last 3 years$/);
		await page.keyboard.press('Space');
		await tabTo(page, /^Apply filters$/);
		await page.keyboard.press('Enter');
		await page.waitForURL(/category=focus/);
		expect(page.url()).toContain('flag=below_2_of_3');

		// Sort by category, most support first, from its column heading.
		await tabTo(page, /^Category.*sort by category/);
		await page.keyboard.press('Enter');
		await page.waitForURL(/sort=category/);
		expect(await page.locator('th[aria-sort]').textContent()).toContain('Category');

		await tabTo(page, /School$/);
		const name = await focused(page);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/schools\/\d+$/);
		expect((await page.getByRole('heading', { level: 1 }).textContent())?.endsWith(name)).toBe(true);

		await tabTo(page, /^Show data: Reading, writing and maths/);
		await page.keyboard.press('Enter');
		expect(await page.locator('figure', { hasText: 'Reading, writing and maths, expected standard' }).locator('details').getAttribute('open')).not.toBeNull();
		await page.context().close();
	});
});

describe('My school, for a headteacher', () => {
	it('shows their school’s agreed category, results, visits, Quality Mark and summary, and no other school', async () => {
		const [own] = demo<{ urn: number; name: string }>(
			'select s.urn, s.name from user_schools us join users u on u.id = us.user_id join schools s on s.urn = us.urn where u.email = ?',
			DEMO_EMAILS.headteacher
		);
		const page = await newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await signIn(page, 'headteacher');
		await page.goto('/', { waitUntil: 'networkidle' });
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`My school${own.name}`);
		for (const heading of ['Support category', 'KS2 results', 'Engagements', 'Quality Mark', 'Self-evaluation summary', 'Category history']) {
			expect(await page.getByRole('heading', { level: 2, name: heading }).count()).toBe(1);
		}
		expect(await page.locator('figure figcaption').allTextContents()).toContain(
			`Reading, writing and maths, expected standard: ${own.name}, the LA and England`
		);
		expect(await page.getByRole('link', { name: 'Disagree with this category' }).getAttribute('href')).toBe(`/schools/${own.urn}/disagreement`);
		expect(await page.locator('main').getByRole('link', { name: 'Ask for support' }).getAttribute('href')).toBe('/support');

		// Only an agreed category: the demo's 2025/26 proposal for this school is still waiting.
		const [proposal] = demo<{ agreed_at: string | null }>('select agreed_at from school_categories where urn = ? and year = 2026', own.urn);
		const text = (await page.locator('main').textContent()) ?? '';
		if (proposal && proposal.agreed_at === null) expect(text).toContain('The category for 2025/26 results is being agreed');
		expect(text).not.toMatch(/Proposed by the analysis|Confidence|\(rule [IFLP]\d/);

		const others = demo<{ name: string }>('select name from schools where urn != ?', own.urn)
			.map((s) => s.name)
			.filter((n) => !own.name.includes(n));
		const html = await page.content();
		expect(others.filter((n) => html.includes(n))).toEqual([]);
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
