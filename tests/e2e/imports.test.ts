import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoFiles } from '../../scripts/demo/dfe-files';
import { demoSchools } from '../../scripts/demo/schools';
import { expectNoAxeViolations, newPage, signIn } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'triage-e2e-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('imports page', () => {
	it('an analyst is told plainly why a bad file was refused', async () => {
		const bad = join(dir, 'notes.csv');
		writeFileSync(bad, 'Name,Notes\r\nSomething,"unfinished quote\r\n');
		const page = await newPage();
		await signIn(page, 'analyst');
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
