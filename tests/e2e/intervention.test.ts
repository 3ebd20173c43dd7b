import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { databasePath, DEMO_EMAILS, demoRows, expectNoAxeViolations, newPage, signIn } from './harness';
import * as clock from '../../src/lib/server/clock';
import { longDate } from '../../src/lib/domain/format';

/*
 * DfE intervention status in the browser. The demo need not have a school with a status, so a
 * lead adviser records the inspections through the register's forms and every page that shows
 * the status is checked. At the end what was recorded is withdrawn (ended today) from another
 * process, through the app's database code as the command line would, even if a test failed, so the
 * other browser tests find the demo as it was.
 */

const today = clock.today();
/** Entries recorded from now on are this file's. */
const started = clock.nowIso();

interface School {
	urn: number;
	name: string;
}

/** The headteacher's own school: it gets a report card that puts it in special measures. */
const ownSchool = async () =>
	(
		await demoRows<School>(
			'select s.urn, s.name from user_schools us join users u on u.id = us.user_id join schools s on s.urn = us.urn where u.email = ? order by s.urn',
			DEMO_EMAILS.headteacher
		)
	)[0];

/**
 * Another analysed school with no graded inspection since 2024 began: two Requires improvement
 * grades recorded now (March 2024 and June 2025) make it eligible for RISE targeted intervention.
 */
const stuckSchool = async (not: number) =>
	(
		await demoRows<School>(
			`select s.urn, s.name from schools s join school_categories c on c.urn = s.urn
		 where c.year = (select max(year) from school_categories) and s.urn != ?
		   and not exists (select 1 from soft_intelligence si where si.urn = s.urn and si.type in ('ofsted_legacy', 'ofsted_report_card') and si.date >= '2024-01-01')
		 order by s.urn limit 1`,
			not
		)
	)[0];

/** The overview's count for a status, read off its card. */
async function overviewCount(page: Page, label: string): Promise<number> {
	await page.goto('/');
	const card = page
		.getByRole('list', { name: 'Schools in each DfE intervention status' })
		.getByRole('listitem')
		.filter({ has: page.getByRole('link', { name: label, exact: true }) });
	return Number(await card.locator('.app-card__value').textContent());
}

/** The banner that confirms a change, or the error summary if it was refused. */
async function outcome(page: Page): Promise<string> {
	const banner = page.locator('.govuk-notification-banner__content, .govuk-error-summary').first();
	await banner.waitFor();
	return (await banner.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Follows the register's "Record an Ofsted …" link whose words match, fills in its page and sends it, back to the school's page. */
async function recordOfsted(page: Page, link: RegExp, date: string, fill: (form: Locator) => Promise<void>) {
	const school = new URL(page.url()).pathname;
	await page.getByRole('link', { name: link }).click();
	await page.getByRole('heading', { level: 1, name: /^Record an Ofsted/ }).waitFor();
	const form = page.locator('main form');
	await form.getByLabel('Date of the inspection').fill(date);
	await fill(form);
	await form.locator('button[type="submit"]').click();
	expect(await outcome(page)).toBe('Entry added to the register.');
	expect(new URL(page.url()).pathname).toBe(school);
}

const recordRequiresImprovement = (page: Page, date: string) =>
	recordOfsted(page, /^Record an Ofsted grade/, date, (form) => form.getByLabel('Requires improvement', { exact: true }).check());

/** Withdraws, as of today, every Ofsted entry the lead adviser recorded at these schools since this file started. */
async function withdrawRecorded(urns: number[]) {
	const other = createDb(databasePath());
	try {
		const lead = await other.selectFrom('users').select('id').where('email', '=', DEMO_EMAILS.lead_adviser).executeTakeFirstOrThrow();
		await other
			.updateTable('soft_intelligence')
			.set({ end_date: today, ended_at: clock.nowIso(), ended_by: lead.id })
			.where('end_date', 'is', null)
			.where('created_by', '=', lead.id)
			.where('created_at', '>=', started)
			.where('type', 'in', ['ofsted_legacy', 'ofsted_report_card'])
			.where('urn', 'in', urns)
			.execute();
	} finally {
		await other.destroy();
	}
}

/** The status block beside the category on a school's page. */
const statusBlock = (page: Page) => page.locator('.app-intervention');

/** The labelled status tag in a row of a list or table (the row's category is a tag too). */
const rowStatus = (row: Locator) => row.locator('.app-intervention-tag');

describe('DfE intervention status', () => {
	let own: School;
	let stuck: School;
	const before = { special: 0, rise: 0 };
	const cardSentence = `Ofsted's report card of ${longDate(today)} graded Achievement and Leadership and governance as Urgent improvement.`;
	const riseSentence = `Ofsted's graded inspection on ${longDate('2025-06-18')} judged the school Requires improvement, and before that Ofsted's graded inspection on 12 March 2024 judged the school Requires improvement.`;

	afterAll(async () => {
		if (own && stuck) await withdrawRecorded([own.urn, stuck.urn]);
	});

	it('shows beside the category on the profile as soon as a lead adviser records the inspections', async () => {
		own = await ownSchool();
		stuck = await stuckSchool(own.urn);
		expect(own).toBeDefined();
		expect(stuck).toBeDefined();
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		before.special = await overviewCount(page, 'Special measures');
		before.rise = await overviewCount(page, 'Eligible for RISE targeted intervention');

		await page.goto(`/schools/${own.urn}`);
		const category = (await page.locator('#category + .govuk-body-l .govuk-tag').textContent())?.trim();
		await recordOfsted(page, /^Record an Ofsted report card/, today, async (form) => {
			await form.getByLabel('Achievement', { exact: true }).selectOption('urgent_improvement');
			await form.getByLabel('Leadership and governance', { exact: true }).selectOption('urgent_improvement');
			await form.getByLabel('Met', { exact: true }).check();
		});
		const block = statusBlock(page);
		expect(await block.getByRole('heading', { level: 3 }).textContent()).toBe('DfE intervention status');
		expect(await block.locator('.govuk-tag.govuk-tag--red').textContent()).toBe('Special measures');
		expect(await block.textContent()).toContain(cardSentence);
		// Inside the support category's section, and the category is as it was.
		expect(
			await page
				.locator('section', { has: page.locator('#category') })
				.locator('.app-intervention')
				.count()
		).toBe(1);
		expect((await page.locator('#category + .govuk-body-l .govuk-tag').textContent())?.trim()).toBe(category);
		await expectNoAxeViolations(page);

		await page.goto(`/schools/${stuck.urn}`);
		await recordRequiresImprovement(page, '2024-03-12');
		expect(await statusBlock(page).count()).toBe(0);
		// Graded inspections under the old framework ended when report cards began in November 2025.
		await recordRequiresImprovement(page, '2025-06-18');
		expect(await statusBlock(page).locator('.govuk-tag.govuk-tag--orange').textContent()).toBe('Eligible for RISE targeted intervention');
		expect(await statusBlock(page).textContent()).toContain(riseSentence);
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('counts each status on the overview, each count opening the school list filtered by it, with its CSV', async () => {
		const page = await newPage();
		await signIn(page, 'adviser');
		expect(await overviewCount(page, 'Special measures')).toBe(before.special + 1);
		expect(await overviewCount(page, 'Eligible for RISE targeted intervention')).toBe(before.rise + 1);
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Special measures', exact: true }).click();
		await page.waitForURL(/\/schools\?intervention=special_measures$/);
		expect(await page.getByLabel('DfE intervention status').inputValue()).toBe('special_measures');
		const rows = page.locator('tbody tr');
		expect(await rows.count()).toBe(before.special + 1);
		for (const row of await rows.all()) expect(await rowStatus(row).textContent()).toBe('DfE status: Special measures');
		expect(await rows.filter({ has: page.getByRole('link', { name: own.name, exact: true }) }).count()).toBe(1);
		await expectNoAxeViolations(page);

		const href = await page.getByRole('link', { name: /^Download (this school|these \d+ schools) as CSV$/ }).getAttribute('href');
		expect(href).toBe('/schools/export.csv?intervention=special_measures');
		const lines = (await (await page.request.get(href!)).text())
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]).toContain(',Category status,DfE intervention status,');
		expect(lines).toHaveLength(before.special + 2);
		expect(lines.slice(1).every((l) => l.includes(',Special measures,'))).toBe(true);
		expect(lines.some((l) => l.startsWith(`${own.urn},`))).toBe(true);

		// Chosen from the filter itself, with another filter kept in the URL.
		await page.goto('/schools?sort=category&dir=desc');
		await page.getByLabel('DfE intervention status').selectOption('rise_targeted');
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await page.waitForURL(/intervention=rise_targeted/);
		expect(page.url()).toContain('sort=category&dir=desc');
		expect(await rowStatus(rows.filter({ has: page.getByRole('link', { name: stuck.name, exact: true }) })).textContent()).toBe(
			'DfE status: Eligible for RISE targeted intervention'
		);
		await page.context().close();
	});

	it('shows on the school’s row in the desktop analysis', async () => {
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		/** The school's row, found by its URN in whichever of the page's lists holds it. */
		const row = async (school: School) => {
			for (const list of ['first', 'waiting', 'agreed']) {
				await page.goto(`/analysis?list=${list}&q=${school.urn}`);
				const found = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: school.name, exact: true }) });
				if ((await found.count()) === 1) return found;
			}
			throw new Error(`${school.name} is in none of the analysis lists`);
		};
		expect(
			await rowStatus(await row(own))
				.locator('.govuk-tag--red')
				.textContent()
		).toBe('Special measures');
		await expectNoAxeViolations(page);
		expect(
			await rowStatus(await row(stuck))
				.locator('.govuk-tag--orange')
				.textContent()
		).toBe('Eligible for RISE targeted intervention');
		await page.context().close();
	});

	it('shows a headteacher their own school’s status beside its category, on My school and its page', async () => {
		const page = await newPage();
		await signIn(page, 'headteacher');
		for (const path of ['/', `/schools/${own.urn}`]) {
			await page.goto(path);
			const block = statusBlock(page);
			expect(await block.getByRole('heading', { name: 'DfE intervention status' }).count()).toBe(1);
			expect(await block.locator('.govuk-tag').textContent()).toBe('Special measures');
			expect(await block.textContent()).toContain(cardSentence);
			await expectNoAxeViolations(page);
		}
		await page.context().close();
	});

	it('goes as soon as the inspections are withdrawn, whoever writes to the register', async () => {
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		// Seen once, so the pages are cached, before the register changes under them.
		await page.goto(`/schools/${own.urn}`);
		expect(await statusBlock(page).count()).toBe(1);
		await withdrawRecorded([own.urn, stuck.urn]);
		for (const school of [own, stuck]) {
			await page.goto(`/schools/${school.urn}`);
			expect(await statusBlock(page).count()).toBe(0);
		}
		expect(await overviewCount(page, 'Special measures')).toBe(before.special);
		expect(await overviewCount(page, 'Eligible for RISE targeted intervention')).toBe(before.rise);
		await page.context().close();
	});
});
