import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { miFileName, writeMiFile } from '../../scripts/generate/ofsted-mi-file';
import { databasePath, DEMO_EMAILS, expectNoAxeViolations, newPage, signIn } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'triage-e2e-ofsted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A school the demo adviser is link adviser for, that no other test works on: not the demo
 * headteacher's school, nor the last school in the register (the page-cache tests use it).
 */
function linkSchool(): { urn: number; name: string; la_code: string } {
	const sqlite = new SQLite(databasePath(), { readonly: true });
	try {
		return sqlite
			.prepare(
				`select s.urn, s.name, s.la_code from schools s join users u on u.id = s.link_adviser_id
				 where u.email = ? and s.urn not in (select urn from user_schools) and s.urn < (select max(urn) from schools)
				 order by s.urn desc limit 1`
			)
			.get(DEMO_EMAILS.adviser) as { urn: number; name: string; la_code: string };
	} finally {
		sqlite.close();
	}
}

describe('Ofsted’s management information', () => {
	it('an analyst imports the file; the link adviser sees every inspection on the profile and corrects one', async () => {
		const school = linkSchool();
		const file = join(dir, miFileName('30 April 2026'));
		writeMiFile(file, [
			{
				urn: school.urn,
				laCode: school.la_code,
				name: school.name,
				reportCard: {
					date: '2026-02-03',
					published: '2026-03-02',
					areas: {
						Inclusion: 'Expected standard',
						'Curriculum and teaching': 'Needs attention',
						Achievement: 'Expected standard',
						'Leadership and governance': 'Strong standard'
					},
					safeguarding: 'Met'
				},
				graded: {
					date: '2024-10-14',
					overall: 'Not judged',
					qualityOfEducation: '3',
					behaviourAndAttitudes: '2',
					personalDevelopment: '2',
					leadershipAndManagement: '2',
					safeguarding: 'Yes',
					relates: 'No'
				},
				ungraded: { date: '2022-06-07', outcome: 'School remains Good' }
			},
			{ urn: 9_999_999, laCode: school.la_code, name: 'A school not in the register', ungraded: { date: '2025-01-01', outcome: 'Standards maintained' } }
		]);

		const analyst = await newPage();
		await signIn(analyst, 'analyst');
		await analyst.goto('/imports');
		await expectNoAxeViolations(analyst);
		await analyst.getByLabel('File to import').setInputFiles(file);
		await analyst.getByRole('button', { name: 'Import file' }).click();
		await analyst.getByRole('heading', { name: 'Imported', exact: true }).waitFor({ timeout: 60_000 });
		const added = analyst.locator('.govuk-summary-list__row', { hasText: 'Ofsted inspections added to the register' });
		expect(await added.locator('dd').textContent()).toBe('3');
		expect(await analyst.locator('.govuk-list', { hasText: 'not in the register' }).textContent()).toContain('1 school in the file is not in the register');
		await expectNoAxeViolations(analyst);
		await analyst.context().close();

		const page = await newPage();
		await signIn(page, 'adviser');
		await page.goto(`/schools/${school.urn}`);
		const card = page.locator('.app-summary-card', { hasText: 'Ofsted report card, 3 February 2026' });
		expect(await card.textContent()).toMatch(/Curriculum and teaching\s*Needs attention/);
		expect(await card.textContent()).toMatch(/Safeguarding standards\s*Met/);
		expect(await card.textContent()).toContain('From Ofsted MI as at 30 April 2026');
		const graded = page.locator('.app-summary-card', { hasText: 'Ofsted graded inspection with no overall grade, 14 October 2024' });
		expect(await graded.textContent()).toContain('(inspection of the predecessor school)');
		expect(await graded.textContent()).toMatch(/Quality of education\s*3 \(Requires improvement\)/);
		expect(await page.locator('.app-summary-card', { hasText: 'Ofsted ungraded inspection, 7 June 2022' }).textContent()).toMatch(
			/Outcome\s*School remains Good/
		);
		await expectNoAxeViolations(page);

		// A correction, on the inspection's own page: a sub-judgement missing is refused in plain words, then it is made.
		await graded.getByRole('link', { name: /^Correct this inspection/ }).click();
		await page.getByRole('heading', { level: 1, name: 'Correct an inspection' }).waitFor();
		expect(await page.locator('main').textContent()).toContain('Ofsted graded inspection with no overall grade, 14 October 2024');
		await expectNoAxeViolations(page);
		await page.getByLabel('Quality of education').selectOption('');
		await page.getByRole('button', { name: 'Save the correction' }).click();
		const problem = page.locator('.govuk-error-summary');
		await problem.waitFor();
		expect(await problem.textContent()).toContain('Choose a grade from 1 to 4 for quality of education');
		await expectNoAxeViolations(page);
		await problem.getByRole('link', { name: 'Choose a grade from 1 to 4 for quality of education' }).click();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('correct-qualityOfEducation');
		await page.getByLabel('Quality of education').selectOption('2');
		await page.getByRole('button', { name: 'Save the correction' }).click();
		await page.getByText('Inspection corrected.').waitFor();
		expect(new URL(page.url()).pathname).toBe(`/schools/${school.urn}`);
		const corrected = page.locator('.app-summary-card', { hasText: 'Ofsted graded inspection with no overall grade, 14 October 2024' });
		expect(await corrected.textContent()).toMatch(/Quality of education\s*2 \(Good\)/);
		expect(await corrected.textContent()).toMatch(/Corrected by Tom Fletcher on \d{1,2} \w+ \d{4}/);
		await expectNoAxeViolations(page);
		await page.context().close();
	});
});
