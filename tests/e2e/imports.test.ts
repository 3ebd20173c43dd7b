import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoFiles } from '../../scripts/demo/dfe-files';
import { demoSchools } from '../../scripts/demo/schools';
import { expectNoAxeViolations, newPage, serverLogPath, signIn } from './harness';
import { eesInformationFile } from '../integration/import-ees-fixtures';
import { ks2File, school } from '../integration/import-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'triage-e2e-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('imports page', () => {
	it('an analyst is told plainly why a bad file was refused', async () => {
		const bad = join(dir, 'notes.csv');
		writeFileSync(bad, 'Name,Notes\r\nSomething,"unfinished quote\r\n');
		const page = await newPage();
		await signIn(page, 'analyst');
		await page.goto('/');
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
		await expectNoAxeViolations(page);
		await page.getByLabel('File to import').setInputFiles(bad);
		await page.getByRole('button', { name: 'Import file' }).click();
		await page.getByText('Nothing was imported from notes.csv').waitFor({ timeout: 60_000 });
		expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/\S/);
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('importing the demo KS2 file again changes nothing and says so', async () => {
		const files = await writeDemoFiles(dir, demoSchools());
		const ks2 = files.find((f) => /ks2/i.test(f) && /2025-2026|2026/.test(f));
		expect(ks2).toBeDefined();
		const page = await newPage();
		await signIn(page, 'analyst');
		await page.goto('/imports');
		await page.getByLabel('File to import').setInputFiles(ks2!);
		await page.getByRole('button', { name: 'Import file' }).click();
		await page.getByRole('heading', { name: 'Already imported' }).waitFor({ timeout: 60_000 });
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('a data set from Explore Education Statistics of two years makes an import per year, and the page lists them', async () => {
		// Schools the demo register does not hold, in years it has no results for: nothing else changes.
		const schools = [
			{ urn: 990001, laestab: '9992001', name: 'Nowhere Primary School' },
			{ urn: 990002, laestab: '9992002', name: 'Elsewhere, Primary' }
		];
		const file = await eesInformationFile(dir, 'ees_ks2_school_information.csv', [2017, 2018], schools);
		const page = await newPage();
		await signIn(page, 'analyst');
		await page.goto('/imports');
		await page.getByLabel('File to import').setInputFiles(file);
		await page.getByRole('button', { name: 'Import file' }).click();
		await page.getByRole('heading', { name: 'By year' }).waitFor({ timeout: 60_000 });
		const years = await page.getByTestId('import-parts').getByRole('listitem').allTextContents();
		expect(years).toEqual([
			expect.stringMatching(/^2016\/17 \(final\), import \d+: 2 rows of cohort and context$/),
			expect.stringMatching(/^2017\/18 \(final\), import \d+: 2 rows of cohort and context$/)
		]);
		expect(await page.getByRole('cell', { name: /KS2 school information data set from Explore Education Statistics for 2017\/18/ }).count()).toBe(1);
		await expectNoAxeViolations(page);
		await page.context().close();
		// The built app ran it on a thread of its own (src/lib/server/import/off-thread.ts), not on the
		// thread that answers every page.
		expect(readFileSync(serverLogPath(), 'utf8')).not.toContain('the import thread did not start');
	});

	it("says which LA's schools the register keeps, and a file with none of them is not shown as a success", async () => {
		const page = await newPage();
		await signIn(page, 'analyst');
		await page.goto('/imports');
		expect(await page.getByTestId('la-scope').textContent()).toMatch(/keeps only the schools of LA 999\..*Only an admin can change this\./s);
		// Another LA's results for a year the demo has none of: the register keeps none of its schools.
		const file = await ks2File(dir, { year: 2016, name: '2015-2016_936_ks2final.csv', schools: [school(300001, '936'), school(300002, '936')] });
		await page.getByLabel('File to import').setInputFiles(file);
		await page.getByRole('button', { name: 'Import file' }).click();
		await page.getByText("No school's rows were kept from 2015-2016_936_ks2final.csv").waitFor({ timeout: 60_000 });
		expect(await page.locator('.govuk-notification-banner--success').count()).toBe(0);
		expect(await page.getByRole('region', { name: 'Important' }).textContent()).toContain('All 2 rows were for schools outside LA 999');
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('an admin rolls an import back only after confirming it and saying why, and the reason stays with the import', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto('/imports');
		// A file the register keeps nothing of, so rolling it back changes no page another test reads.
		const name = '2014-2015_937_ks2final.csv';
		const file = await ks2File(dir, { year: 2015, name, schools: [school(300101, '937')] });
		await page.getByLabel('File to import').setInputFiles(file);
		await page.getByRole('button', { name: 'Import file' }).click();
		await page.getByText(`No school's rows were kept from ${name}`).waitFor({ timeout: 60_000 });
		await page.goto('/imports');
		const row = page.getByRole('row').filter({ hasText: name });
		const id = (await row.getByRole('cell').first().textContent())?.trim();
		expect(id).toMatch(/^\d+$/);
		await row.getByRole('link', { name: `Roll back import ${id}` }).click();
		const confirm = page.getByRole('region', { name: `Roll back import ${id}?` });
		await confirm.waitFor();
		expect(await confirm.textContent()).toContain(name);
		await expectNoAxeViolations(page);
		// No reason: nothing happens, and the page says what to do.
		await confirm.getByRole('button', { name: `Roll back import ${id}` }).click();
		await page.getByRole('alert').getByText('Enter why you are rolling back this import').waitFor();
		await expectNoAxeViolations(page);
		await page.goto('/imports');
		expect(await page.getByRole('row').filter({ hasText: name }).getByText('Live').count()).toBe(1);
		// Cancel leaves it too.
		await page
			.getByRole('row')
			.filter({ hasText: name })
			.getByRole('link', { name: `Roll back import ${id}` })
			.click();
		await page.getByRole('link', { name: 'Cancel' }).click();
		await page.waitForURL((u) => u.pathname === '/imports' && u.search === '');
		expect(await page.getByRole('region', { name: `Roll back import ${id}?` }).count()).toBe(0);
		// With a reason it is rolled back, and the import's page says why.
		await page
			.getByRole('row')
			.filter({ hasText: name })
			.getByRole('link', { name: `Roll back import ${id}` })
			.click();
		await page.getByLabel('Why are you rolling it back?').fill('Another LA’s file, uploaded by mistake');
		await page
			.getByRole('region', { name: `Roll back import ${id}?` })
			.getByRole('button', { name: `Roll back import ${id}` })
			.click();
		await page.getByRole('region', { name: 'Rolled back' }).waitFor();
		expect(await page.getByRole('row').filter({ hasText: name }).getByText('Rolled back').count()).toBe(1);
		await page.goto(`/imports/${id}`);
		expect(await page.locator('main').textContent()).toContain('Another LA’s file, uploaded by mistake');
		// Its page says it was rolled back, not "Imported".
		await expect(page.getByRole('region', { name: 'Rolled back' }).textContent()).resolves.toContain(
			'This import was rolled back, so none of its data is used now.'
		);
		expect(await page.getByRole('region', { name: 'Imported' }).count()).toBe(0);
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('advisers and headteachers cannot reach imports', async () => {
		for (const role of ['adviser', 'headteacher'] as const) {
			const page = await newPage();
			await signIn(page, role);
			const res = await page.goto('/imports');
			expect(res?.status()).toBe(403);
			await page.context().close();
		}
	});
});
