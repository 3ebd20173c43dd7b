import { describe, expect, it } from 'vitest';
import { emptySections, schoolYearOf, SE_SECTIONS } from '../../src/lib/domain/self-evaluation/summary';
import { createDb } from '../../src/lib/server/db/connection';
import { writeSummary } from '../../src/lib/server/self-evaluation';
import * as clock from '../../src/lib/server/clock';
import { baseUrl, databaseUrl, DEMO_EMAILS, demoRows, expectNoAxeViolations, newPage, serverTextarea, sessionCookie, signIn } from './harness';

describe('self-evaluation summary', () => {
	it('a headteacher saves a draft, sees what is missing, and submits', async () => {
		const page = await newPage();
		await signIn(page, 'headteacher');
		await page.goto('/');
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Self-evaluation' }).click();
		await page.getByRole('heading', { level: 1, name: /Self-evaluation summary/ }).waitFor();
		await expectNoAxeViolations(page);

		// A half-written draft saves; submitting it lists what is missing.
		const first = SE_SECTIONS[0];
		await page.getByRole('group', { name: 'Your judgement' }).first().getByLabel('Strong standard').check();
		await page.locator(`[id="${first.key}.evidence"]`).fill('Reading at the expected standard rose from 61% to 74%.');
		await page.getByRole('button', { name: 'Save as draft' }).click();
		await page.getByText('Your draft has been saved.').waitFor();
		expect(await serverTextarea(page, `${first.key}.evidence`)).toBe('Reading at the expected standard rose from 61% to 74%.');
		// The draft is the school's own until it is submitted: the adviser's page, and its data, give its status alone.
		const [{ urn }] = await demoRows<{ urn: number }>(
			'select s.urn from users u join user_schools s on s.user_id = u.id where u.email = ?',
			DEMO_EMAILS.headteacher
		);
		const adviserView = await fetch(`${baseUrl()}/self-evaluation/${urn}`, { headers: { cookie: await sessionCookie('adviser') } });
		expect(adviserView.status).toBe(200);
		const html = await adviserView.text();
		expect(html).toContain('The school is writing its summary. You will see it once the school submits it.');
		expect(html).not.toContain('61% to 74%');
		await page.getByRole('button', { name: 'Submit to your adviser' }).click();
		await page.getByText('There is a problem').waitFor();
		expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the next steps for achievement in key stage 2');
		await expectNoAxeViolations(page);

		for (const s of SE_SECTIONS) {
			const section = page.locator(`#section-${s.key}`);
			await section.getByLabel('Expected standard').check();
			await page.locator(`[id="${s.key}.evidence"]`).fill(`Our evidence on ${s.label.toLowerCase()}.`);
			await page.locator(`[id="${s.key}.nextSteps"]`).fill(`Our next steps on ${s.label.toLowerCase()}.`);
		}
		await page.getByRole('button', { name: 'Submit to your adviser' }).click();
		await page.getByText('Your summary has been submitted to your adviser.').waitFor();
		expect(await page.locator('main').textContent()).toContain('Submitted');
		await page.context().close();
	});

	it('the link adviser is notified, comments on a section and agrees it; the head sees both', async () => {
		const adviser = await newPage();
		await signIn(adviser, 'adviser');
		await adviser.goto('/');
		await adviser.getByRole('link', { name: /Notifications/ }).click();
		await adviser.getByRole('link', { name: /submitted its self-evaluation summary/ }).click();
		await adviser.getByLabel('Comment on quality of teaching').fill('Which classes did you see?');
		await adviser.locator('#section-teaching').getByRole('button', { name: 'Add comment' }).click();
		await adviser.getByText('Your comment has been added.').waitFor();
		await expectNoAxeViolations(adviser);
		// Sent back for changes: the school sees the comment beside its answers while it changes them.
		const summaryPath = new URL(adviser.url()).pathname;
		await adviser.getByRole('button', { name: 'Return to the school for changes' }).click();
		await adviser.getByText('The summary has been returned to the school.').waitFor();

		const head = await newPage();
		await signIn(head, 'headteacher');
		await head.goto('/self-evaluation');
		await head.getByText(/^Sent back for changes after it was submitted on \d+ \w+ \d{4}$/).waitFor();
		expect(await head.locator('#section-teaching').textContent()).toContain('Which classes did you see?');
		await expectNoAxeViolations(head);
		await head.getByRole('button', { name: 'Submit to your adviser' }).click();
		await head.getByText('Your summary has been submitted to your adviser.').waitFor();

		await adviser.goto(summaryPath);
		await adviser.getByRole('button', { name: 'Agree summary' }).click();
		await adviser.getByText('The summary has been agreed.').waitFor();
		await adviser.context().close();

		await head.goto('/notifications');
		const messages = await head.locator('main li').allTextContents();
		expect(messages.some((m) => m.includes('commented on "Quality of teaching"'))).toBe(true);
		expect(messages.some((m) => m.includes('has been agreed'))).toBe(true);
		await expectNoAxeViolations(head);
		await head.goto('/self-evaluation');
		expect(await head.locator('#section-teaching').textContent()).toContain('Which classes did you see?');
		await head.context().close();
	});

	it('an earlier year’s summary is agreed from its own page, and that year’s is the one agreed', async () => {
		// The headteacher's school submitted a summary two years ago, as it would have then.
		const [head] = await demoRows<{ id: number; urn: number }>(
			'select u.id, s.urn from users u join user_schools s on s.user_id = u.id where u.email = ?',
			DEMO_EMAILS.headteacher
		);
		const year = schoolYearOf(clock.today()) - 2;
		const sections = emptySections();
		for (const { key, label } of SE_SECTIONS)
			sections[key] = { judgement: 'expected_standard', evidence: `Evidence on ${label}.`, nextSteps: `Next steps on ${label}.` };
		const db = createDb(databaseUrl());
		try {
			const user = { id: head.id, email: DEMO_EMAILS.headteacher, name: 'Head', role: 'headteacher' as const, schoolUrns: [head.urn] };
			await writeSummary(db, user, head.urn, year, sections, 'submit');
		} finally {
			await db.destroy();
		}
		const statuses = async () => demoRows<{ year: number; status: string }>('select year, status from se_summaries where urn = ? order by year', head.urn);
		const before = (await statuses()).filter((s) => s.year !== year);

		const page = await newPage();
		await signIn(page, 'lead_adviser');
		await page.goto(`/self-evaluation/${head.urn}?year=${year}`);
		await page.getByRole('button', { name: 'Agree summary' }).click();
		await page.getByText('The summary has been agreed.').waitFor();
		expect(new URL(page.url()).searchParams.get('year')).toBe(String(year));
		expect(await statuses()).toEqual([...before, { year, status: 'agreed' }].sort((a, b) => a.year - b.year));
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('the staff list shows each school’s status', async () => {
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		await page.goto('/self-evaluation?status=agreed');
		expect(await page.locator('tbody tr').count()).toBe(1);
		await expectNoAxeViolations(page);
		await page.context().close();
	});
});
