import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_YEARS } from '../../scripts/demo/dfe-files';
import { demoSchools } from '../../scripts/demo/schools';
import { baseUrl, demoRows, expectNoAxeViolations, lastHeldWorkingDay, newPage, signIn } from './harness';
import * as clock from '../../src/lib/server/clock';
import { formatDays, longDate } from '../../src/lib/domain/format';
import { academicYearLabel } from '../../src/lib/domain/ks2/types';
import { schoolYearOf } from '../../src/lib/server/schedule/years';

// The demo headteacher runs the 31st demo school, whose link adviser is the demo adviser (scripts/demo/users.ts).
const HEAD_SCHOOL = demoSchools()[30];
/** The latest demo results year, whose agreed categories set this year's support. */
const RESULTS_YEAR = DEMO_YEARS[DEMO_YEARS.length - 1];
const PURPOSE = 'Review progress since the last visit on writing in upper Key Stage 2.';

/** The link to the oldest engagement at the school that is still to do (overdue first, if any). */
async function oldestOpenEngagement(page: Page) {
	const rows = page.locator('main table tbody tr').filter({ has: page.locator('.govuk-tag', { hasText: /^(Planned|Confirmed)$/ }) });
	expect(await rows.count()).toBeGreaterThan(0);
	return rows.last().getByRole('link').first();
}

describe('the schedule', () => {
	it('an adviser sees their week first, and the month, workload and capacity views pass axe', async () => {
		const page = await newPage();
		await signIn(page, 'adviser');
		await page.goto('/');
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedule' }).click();
		await page.getByRole('heading', { level: 1, name: /Schedule/ }).waitFor();
		const firstHeading = await page.locator('main h2').first().textContent();
		expect(firstHeading).toMatch(/^Your week: /);
		expect(await page.getByLabel('Adviser').inputValue()).not.toBe('all');
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Month calendar' }).click();
		await page.waitForURL(/view=month/);
		expect(await page.locator('table.month th[scope="col"]').allTextContents()).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
		await expectNoAxeViolations(page);

		await page.getByLabel('Adviser').selectOption('all');
		await page.getByRole('button', { name: 'Show' }).click();
		await page.waitForURL(/adviser=all/);
		expect(new URL(page.url()).searchParams.get('view')).toBe('month');

		await page.getByRole('navigation', { name: 'Schedule' }).getByRole('link', { name: 'Adviser workload' }).click();
		await page.getByRole('heading', { level: 1, name: /Adviser workload/ }).waitFor();
		expect(await page.locator('main').textContent()).toMatch(/Over capacity|Within capacity/);
		await expectNoAxeViolations(page);

		await page.getByRole('navigation', { name: 'Schedule' }).getByRole('link', { name: 'Capacity summary' }).click();
		await page.getByRole('heading', { level: 1, name: /Capacity summary/ }).waitFor();
		await page.getByRole('table', { name: 'Days needed by category' }).waitFor();
		await expectNoAxeViolations(page);

		const feed = await page.request.get(`/calendar/schools/${HEAD_SCHOOL.urn}`);
		expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
		expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
		await page.context().close();
	});

	it('a lead adviser agrees a category, plans the year again and sees what moved', async () => {
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		// The demo leaves some categories for moderation: agree the first one waiting, as a lead adviser would.
		await page.goto(`/analysis?year=${RESULTS_YEAR}`);
		const waiting = page
			.locator('table', { has: page.getByRole('button', { name: /^Agree / }) })
			.locator('tbody tr')
			.first();
		const agreedSchool = (await waiting.getByRole('link').first().textContent())!.trim();
		await waiting.getByRole('button', { name: /^Agree / }).click();
		await page.getByText('1 category agreed.').waitFor();

		await page.goto('/schedule/plan');
		await page.getByRole('heading', { level: 1, name: /Plan the year/ }).waitFor();
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Plan the year again' }).click();
		await page.getByText(/is planned: \d+ engagements are in the plan/).waitFor();
		await page.getByRole('heading', { name: 'What moved' }).waitFor();
		expect(await page.locator('main').textContent()).toMatch(/\d+ moved, [1-9]\d* added, \d+ removed, \d+ unchanged\./);
		expect(await page.getByRole('table', { name: /^Added/ }).textContent()).toContain(agreedSchool);
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('an adviser completes a visit with a note of visit, and the headteacher reads it', async () => {
		const adviser = await newPage();
		await signIn(adviser, 'adviser');
		await adviser.goto(`/schedule/schools/${HEAD_SCHOOL.urn}`);
		await adviser.getByRole('heading', { level: 1, name: /Visits and notes/ }).waitFor();
		await expectNoAxeViolations(adviser);
		await (await oldestOpenEngagement(adviser)).click();
		await adviser.waitForURL(/\/schedule\/engagements\/\d+$/);
		await expectNoAxeViolations(adviser);

		// A move to a weekend is refused in plain words.
		await adviser.getByLabel('New date').fill('2027-01-16');
		await adviser.getByRole('button', { name: 'Move it' }).click();
		await adviser.getByText('There is a problem').waitFor();
		expect(await adviser.locator('.govuk-error-summary').textContent()).toContain('Saturday 16 January 2027 is not: it is a Saturday');
		await expectNoAxeViolations(adviser);

		await adviser.getByRole('link', { name: /Write the note of visit|Continue the note of visit/ }).click();
		await adviser.getByRole('heading', { level: 1, name: 'Note of visit' }).waitFor();
		await expectNoAxeViolations(adviser);

		// Publishing an empty note says what is missing.
		await adviser.getByLabel('Purpose').fill('');
		await adviser.getByRole('button', { name: 'Publish to the school' }).click();
		await adviser.getByText('There is a problem').waitFor();
		expect(await adviser.locator('.govuk-error-summary').textContent()).toContain('Enter the purpose of the visit.');
		await expectNoAxeViolations(adviser);

		// The date defaults to the engagement's own; say when it really took place (it may be planned for later).
		expect(await adviser.getByLabel('Date of the visit or call').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		await adviser.getByLabel('Date of the visit or call').fill(lastHeldWorkingDay());
		await adviser.getByLabel('Purpose').fill(PURPOSE);
		await adviser.getByLabel('Evidence seen').fill('Books from Years 5 and 6; a conversation with the English lead.');
		await adviser.getByLabel('Strengths').fill('Leaders have a clear plan for writing.');
		for (const group of await adviser.locator('fieldset:has(input[value="amber"])').all()) await group.getByLabel('Amber: some progress').check();
		await adviser.getByLabel('New areas for improvement agreed at this visit').fill('Improve reading fluency in Year 3');
		await adviser.getByLabel('What will be done').first().fill('Share the writing plan with governors');
		await adviser.getByLabel('Owner').first().fill('Headteacher');
		await adviser.getByLabel('Due by').first().fill('2027-02-12');
		await adviser.getByRole('button', { name: 'Save as draft' }).click();
		await adviser.getByText('Your draft is saved.').waitFor();
		expect(await adviser.getByLabel('Purpose').inputValue()).toBe(PURPOSE);

		// Publishing cannot be undone: the saved note is shown to confirm first, and nothing is shared yet.
		await adviser.getByRole('button', { name: 'Publish to the school' }).click();
		const confirm = adviser.getByRole('region', { name: 'Publish this note of visit to the school?' });
		await confirm.waitFor();
		const asked = (await confirm.textContent())?.replace(/\s+/g, ' ');
		expect(asked).toContain(PURPOSE);
		expect(asked).toContain('A published note cannot be changed.');
		await expectNoAxeViolations(adviser);
		await confirm.getByRole('link', { name: 'Go back and change the note' }).click();
		expect(await adviser.getByLabel('Purpose').inputValue()).toBe(PURPOSE);
		await adviser.getByRole('button', { name: 'Publish to the school' }).click();
		await confirm.getByRole('button', { name: 'Publish to the school' }).click();
		await adviser.waitForURL(/\/schedule\/engagements\/\d+\?published=1$/);
		await adviser.getByText('The note of visit is published and the engagement is complete.').waitFor();
		await adviser.getByText('The school’s headteacher has been told.').waitFor();
		expect(await adviser.locator('dl').first().textContent()).toContain('Completed');
		expect(await adviser.locator('main').textContent()).toContain(PURPOSE);
		await expectNoAxeViolations(adviser);
		// At a school whose headteacher has no account nobody is told, and the page says so.
		const [noHead] = await demoRows<{ id: number }>(
			"select e.id from engagements e where e.urn not in (select us.urn from user_schools us join users u on u.id = us.user_id where u.role = 'headteacher') order by e.id limit 1"
		);
		await adviser.goto(`/schedule/engagements/${noHead.id}?published=1`);
		await adviser.getByText('The school’s headteacher has no account in Triage, so send them the note yourself.').waitFor();
		expect(await adviser.getByText('has been told').count()).toBe(0);
		await adviser.context().close();

		const head = await newPage();
		await signIn(head, 'headteacher');
		await head.goto('/notifications');
		await head
			.getByRole('link', { name: /published the note of visit/ })
			.first()
			.click();
		await head.waitForURL(new RegExp(`/schedule/schools/${HEAD_SCHOOL.urn}#note-\\d+$`));
		const main = await head.locator('main').textContent();
		expect(main).toContain(PURPOSE);
		expect(main).toContain('Improve reading fluency in Year 3');
		expect(main).toContain('Share the writing plan with governors');
		expect(main).not.toContain('Draft');
		await expectNoAxeViolations(head);
		expect((await head.goto('/schedule'))?.status()).toBe(403);
		await head.context().close();
	});
});

describe('schedule admin', () => {
	it('an admin edits templates with plain-English validation, and the calendar and adviser pages pass axe', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto('/admin');
		await page.getByRole('link', { name: 'Engagement templates' }).click();
		await page.getByRole('table', { name: /Focus support: 5.75 days a school/ }).waitFor();
		await expectNoAxeViolations(page);

		await page
			.getByRole('table', { name: /Focus support/ })
			.getByRole('link', { name: 'SIA-led review' })
			.click();
		await page.getByLabel('How many in a year').fill('0');
		await page.getByRole('button', { name: 'Save changes' }).click();
		await page.getByText('There is a problem').waitFor();
		expect(await page.locator('.govuk-error-summary').textContent()).toContain('must be a whole number from 1 to 20');
		await expectNoAxeViolations(page);
		await page.getByLabel('How many in a year').fill('3');
		await page.getByRole('button', { name: 'Save changes' }).click();
		await page.waitForURL(/\/admin\/templates\?saved=1$/);

		await page.goto('/admin/templates/new?category=secure');
		await page.getByRole('heading', { level: 1, name: 'Add an engagement' }).waitFor();
		await expectNoAxeViolations(page);

		// Next school year's dates: the page after a mistake is still next year's, so its forms still change that year.
		const nextYear = schoolYearOf(clock.today()) + 1;
		await page.goto(`/admin/calendar?year=${nextYear}`);
		await page.getByRole('table', { name: 'Bank holidays in England and Wales' }).waitFor();
		await page.getByLabel('Date', { exact: true }).fill('2027-02-29');
		await page.getByLabel('Why the LA is closed').fill('Training');
		await page.getByRole('button', { name: 'Add closure day' }).click();
		await page.getByText('There is a problem').waitFor();
		expect(await page.locator('h1').textContent()).toContain(academicYearLabel(nextYear));
		for (const year of await page.locator('input[name="year"]').all()) expect(await year.inputValue()).toBe(String(nextYear));
		await expectNoAxeViolations(page);

		await page.goto('/admin/advisers');
		await page.getByRole('heading', { level: 1, name: 'Advisers' }).waitFor();
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Tom Fletcher' }).click();
		await page.getByLabel('Days a week for school work').fill('7');
		await page.getByRole('button', { name: 'Save capacity' }).click();
		await page.getByText('There is a problem').waitFor();
		expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter days a week for school work from 0 to 5');
		await expectNoAxeViolations(page);
		// A change applies from today: the page says what the weeks before keep. Changed and set back,
		// so the capacity every other test plans with stays as it was.
		await page.goto(page.url().split('?')[0]);
		const original = await page.getByLabel('Days a week for school work').inputValue();
		for (const days of ['1', original]) {
			await page.getByLabel('Days a week for school work').fill(days);
			await page.getByRole('button', { name: 'Save capacity' }).click();
			await expect.poll(() => page.getByLabel('Days a week for school work').inputValue()).toBe(days);
		}
		expect(await page.getByTestId('capacity-history').textContent()).toContain(`${formatDays(Number(original))} a week until ${longDate(clock.today())}`);
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('an adviser subscribes to their calendar in Outlook without signing in there, and can stop it', async () => {
		const page = await newPage();
		await signIn(page, 'adviser');
		await page.goto('/schedule');
		await page.getByRole('button', { name: /Get a subscription address|Make a new subscription address/ }).click();
		const address = await page.getByLabel('Copy it now: it is shown only once.').inputValue();
		expect(address).toMatch(new RegExp(`^${baseUrl()}/calendar/subscribe/[a-z2-7]{32}\\.ics$`));
		await expectNoAxeViolations(page);
		// Outlook asks without any cookie.
		const feed = await fetch(address);
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
		expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT/);
		await page.getByRole('button', { name: 'Stop the subscription' }).click();
		await page.getByRole('button', { name: 'Get a subscription address' }).waitFor();
		expect((await fetch(address)).status).toBe(404);
		await page.context().close();
	});
});
