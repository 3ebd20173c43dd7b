// The comparison of LAs, on the demo of one LA: the page itself works and every number leads to
// the schools behind it, but the header does not offer it, so a one-LA installation looks as before.
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPage, signIn } from './harness';

describe('comparing LAs', () => {
	it('is not in the header of a one-LA installation', async () => {
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		await page.goto('/');
		await expect(page.getByRole('link', { name: 'Schools', exact: true }).count()).resolves.toBe(1);
		await expect(page.getByRole('link', { name: 'Compare LAs' }).count()).resolves.toBe(0);
	});

	it('puts each figure beside its LA, each linking to the same schools in the school list, with no axe violations', async () => {
		const page = await newPage();
		await signIn(page, 'regional');
		await page.goto('/compare');
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Compare local authorities');
		await expectNoAxeViolations(page);
		const table = page.getByRole('table', { name: /Category since last year/ });
		const row = table.getByRole('row', { name: /Westmoor/ });
		const links = await Promise.all(
			(await row.getByRole('link').all()).map(async (link) => ({ count: Number(await link.textContent()), href: (await link.getAttribute('href'))! }))
		);
		expect(links).toHaveLength(4);
		const all = page.getByRole('table', { name: /Schools by category/ }).getByRole('row', { name: /Westmoor/ });
		const analysed = Number(await all.getByRole('link').last().textContent()) - Number(await all.getByRole('link').nth(5).textContent());
		// Every analysed school moved one way or another, or had no category last year.
		expect(links.reduce((n, l) => n + l.count, 0)).toBe(analysed);
		for (const { count, href } of links) {
			expect(href).toMatch(/^\/schools\?la=999&moved=(more|less|same|new)$/);
			await page.goto(href);
			const shown = (await page.locator('main').textContent())!;
			if (count === 0) expect(shown).toContain('No schools match');
			else expect(shown).toMatch(new RegExp(`of ${count} (school|schools) that match`));
		}
	});
});
