import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databasePath, DEMO_EMAILS, expectNoAxeViolations, newPage, signIn } from './harness';

function demo<T>(query: string, ...params: unknown[]): T[] {
	const sqlite = new SQLite(databasePath(), { readonly: true });
	try {
		return sqlite.prepare(query).all(...params) as T[];
	} finally {
		sqlite.close();
	}
}

const ownUrn = () =>
	demo<{ urn: number }>('select us.urn from user_schools us join users u on u.id = us.user_id where u.email = ?', DEMO_EMAILS.headteacher)[0].urn;

/** A Secure Plus school holding a Quality Mark today, if the demo has one. */
const leaderUrn = () =>
	demo<{ urn: number }>(
		`select c.urn from school_categories c join quality_marks q on q.urn = c.urn
		 where c.year = 2026 and c.category = 'secure_plus' and c.agreed_at is not null and q.award_date <= date('now') and q.expiry_date >= date('now')
		 order by c.urn limit 1`
	)[0]?.urn;

describe('the school list', () => {
	it('filters, sorts and pages on the server, keeping everything in the URL', async () => {
		const page = await newPage();
		await signIn(page, 'adviser');
		await page.goto('/schools');
		const total = demo<{ n: number }>('select count(*) as n from schools')[0].n;
		expect(await page.getByRole('status').textContent()).toContain(`Showing 1 to 50 of ${total} schools.`);
		expect(await page.locator('tbody tr').count()).toBe(50);
		expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('School');
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: /^Next/ }).click();
		await page.waitForURL(/\?page=2$/);
		expect(await page.getByRole('status').textContent()).toContain(`Showing 51 to 100 of ${total} schools.`);

		await page.getByLabel('Quality Mark status').selectOption('achieved');
		await page.getByLabel('Quality Mark holder').check();
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await page.waitForURL(/qm=achieved&flag=qm_holder/);
		expect(page.url()).not.toContain('page=');
		const holders = await page.locator('tbody tr').count();
		expect(holders).toBeGreaterThan(0);
		for (const row of await page.locator('tbody tr').all()) expect(await row.textContent()).toMatch(/Holds .* Quality Mark/);
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: /^Category.*sort by category, most support first/ }).click();
		await page.waitForURL(/sort=category&dir=desc/);
		expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Category');
		await page.getByRole('link', { name: /^Category.*sort by category, least support first/ }).click();
		await page.waitForURL(/sort=category&dir=asc/);
		expect(page.url()).toContain('qm=achieved');
		await page.context().close();
	});

	it('exports the filtered list as CSV, and only for staff', async () => {
		const page = await newPage();
		await signIn(page, 'analyst');
		await page.goto('/schools?flag=no_ks2');
		const shown = await page.locator('tbody tr').count();
		const href = await page.getByRole('link', { name: /^Download these \d+ schools as CSV$/ }).getAttribute('href');
		expect(href).toBe('/schools/export.csv?flag=no_ks2');
		const res = await page.request.get(href!);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
		const lines = (await res.text())
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]).toMatch(/^URN,School,Local authority,Phase,Town,Link adviser,/);
		expect(lines).toHaveLength(shown + 1);
		expect(lines.slice(1).every((l) => /,No,Yes,/.test(l))).toBe(true);
		await page.context().close();

		const head = await newPage();
		await signIn(head, 'headteacher');
		expect((await head.request.get('/schools/export.csv')).status()).toBe(403);
		await head.context().close();
	});
});

describe('a school’s profile', () => {
	it('shows the register, key figures with significance in words, trend, progress, gap, category, engagements, Quality Mark and summary', async () => {
		const urn = leaderUrn();
		expect(urn).toBeDefined();
		const page = await newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await signIn(page, 'lead_adviser');
		await page.goto(`/schools/${urn}`, { waitUntil: 'networkidle' });
		for (const heading of [
			'Support category',
			'School details',
			'KS2 results',
			'Pupil groups and scaled scores',
			'Engagements',
			'Quality Mark',
			'Self-evaluation summary',
			'Soft intelligence',
			'Category history'
		]) {
			expect(await page.getByRole('heading', { level: 2, name: heading }).count()).toBe(1);
		}
		expect(await page.getByText('Could lead support for other schools:').count()).toBe(1);
		const figures = page.locator('table', { hasText: 'Key figures' });
		expect(await figures.locator('tbody tr').count()).toBe(5);
		expect(await figures.locator('tbody').textContent()).toMatch(/(Significantly above|Not significantly different|Significantly below)/);
		expect(await figures.locator('.govuk-tag').first().textContent()).toMatch(/Significantly above|Not significantly different|Significantly below/);
		const captions = await page.locator('figure figcaption').allTextContents();
		expect(captions.some((c) => /^Reading, writing and maths, expected standard: .*, the LA and England$/.test(c))).toBe(true);
		expect(captions).toContain('Progress scores, 2025/26');
		// Pupil groups from the EES data sets, with the LA and England beside the school.
		const groups = page.locator('table', { hasText: 'by group, 2025/26' });
		expect(await groups.locator('tbody th').allTextContents()).toEqual([
			'All pupils',
			'Disadvantaged',
			'Not disadvantaged',
			'Boys',
			'Girls',
			'SEN support',
			'Education, health and care plan',
			'No special educational needs'
		]);
		expect(await groups.locator('thead th').allTextContents()).toEqual(['Pupil group', expect.any(String), expect.stringContaining('(LA)'), 'England']);
		const scores = page.locator('table', { hasText: 'Average scaled score' });
		expect(await scores.locator('tbody th').allTextContents()).toEqual(['Reading', 'Maths']);
		expect(await scores.locator('tbody td').first().textContent()).toMatch(/^\d{2,3}$|^Not published/);
		expect(await page.getByRole('link', { name: 'Disagreements' }).getAttribute('href')).toBe(`/schools/${urn}/disagreement`);
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('prints as a one-school desktop analysis sheet: no navigation, forms or buttons, every data table open', async () => {
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		await page.goto(`/schools/${leaderUrn()}`);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
		expect(await page.locator('.govuk-generic-header').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: 'Print as a desktop analysis sheet' }).isVisible()).toBe(false);
		expect(await page.getByText('Record a concern or a change').isVisible()).toBe(false);
		expect(await page.getByText(/^Desktop analysis sheet, printed on /).isVisible()).toBe(true);
		const dataTables = page.locator('figure details.app-chart__data table');
		expect(await dataTables.count()).toBeGreaterThan(0);
		for (const table of await dataTables.all()) expect(await table.isVisible()).toBe(true);
		await page.emulateMedia({ media: 'screen' });
		expect(await dataTables.first().isVisible()).toBe(false);
		await page.context().close();
	});

	it('shows a headteacher their own school without the advisers’ working papers, and no other school', async () => {
		const own = ownUrn();
		const other = demo<{ urn: number }>('select urn from schools where urn != ? order by urn desc limit 1', own)[0].urn;
		const page = await newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await signIn(page, 'headteacher');
		expect((await page.goto(`/schools/${own}`, { waitUntil: 'networkidle' }))?.status()).toBe(200);
		expect(await page.getByRole('heading', { level: 2, name: 'Support category' }).count()).toBe(1);
		expect(await page.getByRole('heading', { name: 'Soft intelligence' }).count()).toBe(0);
		expect(await page.getByRole('heading', { level: 2, name: 'Pupil groups and scaled scores' }).count()).toBe(1);
		expect(await page.getByText('Change the category').count()).toBe(0);
		expect(await page.getByRole('link', { name: 'Disagree with this category' }).count()).toBe(1);
		await expectNoAxeViolations(page);
		// Hydration went through: a script error would have emptied parts of the page.
		expect(errors).toEqual([]);
		expect((await page.goto(`/schools/${other}`))?.status()).toBe(404);
		expect((await page.goto('/schools'))?.status()).toBe(403);
		await page.context().close();
	});
});
