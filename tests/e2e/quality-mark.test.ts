import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BASIC_SKILLS_FRAMEWORK } from '../../src/lib/domain/quality-mark/basic-skills-framework';
import { PROFESSIONAL_DEVELOPMENT_FRAMEWORK } from '../../src/lib/domain/quality-mark/professional-development-framework';
import { expectNoAxeViolations, lastHeldWorkingDay, newPage, serverTextarea, signIn } from './harness';
import * as clock from '../../src/lib/server/clock';
import { longDate, shortDate } from '../../src/lib/domain/format';
import { addYearsIso } from '../../src/lib/domain/quality-mark/iso-date';

/**
 * A headteacher completes a Basic Skills self-audit and an adviser assesses it to an award, in a
 * real browser against the demo app. The steps share the server's state, so they run in order.
 */

const TODAY = clock.today();
const VISIT_DAY = lastHeldWorkingDay(TODAY);
/** The day the award was recorded (see the award's test), for the certificate's. */
let awardedOn = TODAY;
const ELEMENTS = BASIC_SKILLS_FRAMEWORK.elements;
let urn = '';
const record = () => `/quality-mark/${urn}/basic_skills`;
/** Field ids are the answer paths, such as "target_setting.evidence"; the dot needs an attribute selector. */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

async function as(role: 'headteacher' | 'adviser', path: string): Promise<Page> {
	const page = await newPage();
	await signIn(page, role);
	await page.goto(path);
	return page;
}

/**
 * Waits for the page after a form post to show `text` and finish loading, so typing never races
 * the parser on a long form.
 */
async function shown(page: Page, text: string) {
	await page.getByText(text).waitFor();
	await page.waitForLoadState('load');
}

async function statusTag(page: Page): Promise<string> {
	return (await page.locator('.govuk-summary-list__value .govuk-tag').first().textContent())?.trim() ?? '';
}

async function changeStatusTo(page: Page, label: string) {
	await page.getByRole('radio', { name: label, exact: true }).check();
	await page.getByRole('button', { name: 'Change status' }).click();
	await shown(page, 'Status changed.');
	expect(await statusTag(page)).toBe(label);
}

describe('Quality Mark: a self-audit submitted and assessed to an award', () => {
	it("shows the headteacher their own school's Quality Marks, and finds the school", async () => {
		const page = await as('headteacher', '/quality-mark');
		await page.getByRole('heading', { name: 'Quality Mark', level: 1 }).waitFor();
		const href = await page.getByRole('link', { name: 'Basic Skills Quality Mark' }).getAttribute('href');
		urn = /^\/quality-mark\/(\d+)\/basic_skills$/.exec(href ?? '')?.[1] ?? '';
		expect(urn).toMatch(/^\d+$/);
		expect(await page.getByRole('row').filter({ hasText: 'Basic Skills Quality Mark' }).textContent()).toContain('Not engaged');
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('shows staff the coverage, the filters in the URL, and the record page', async () => {
		const page = await as('adviser', '/quality-mark');
		await page.getByRole('heading', { name: 'Coverage' }).waitFor();
		await expectNoAxeViolations(page);
		await page.getByLabel('Status', { exact: true }).selectOption('not_engaged');
		await page.getByLabel('Framework', { exact: true }).selectOption('basic_skills');
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await page.waitForURL((url) => url.searchParams.get('status') === 'not_engaged' && url.searchParams.get('framework') === 'basic_skills');
		await page.locator(`a[href="${record()}"]`).first().click();
		await page.waitForURL(`**${record()}`);
		expect(await statusTag(page)).toBe('Not engaged');
		await expectNoAxeViolations(page);
		await changeStatusTo(page, 'Interested');
		await changeStatusTo(page, 'Registered');
		await page.context().close();
	});

	it('lets the headteacher save a draft, explains what is missing, then submit', async () => {
		const page = await as('headteacher', record());
		await page.getByRole('button', { name: 'Start the self-audit' }).click();
		await shown(page, 'Self-audit started. Save it as you go.');
		await expectNoAxeViolations(page);

		const first = ELEMENTS[0].key;
		await byId(page, `${first}.met`).check();
		await byId(page, `${first}.evidence`).fill('Every subject leader now plans from one shared English and maths plan.');
		await page.getByRole('button', { name: 'Save draft' }).click();
		await shown(page, 'Draft saved.');
		expect(await byId(page, `${first}.evidence`).inputValue()).toBe('Every subject leader now plans from one shared English and maths plan.');
		expect(await serverTextarea(page, `${first}.evidence`)).toBe('Every subject leader now plans from one shared English and maths plan.');

		await page.getByRole('button', { name: 'Submit to the assessor' }).click();
		await shown(page, 'There is a problem');
		const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
		expect(summary).toContain(`${ELEMENTS[1].label}: choose met or not yet met`);
		expect(summary).toContain('Your answers are saved as a draft.');
		expect(await statusTag(page)).toBe('Self-audit in progress');
		await expectNoAxeViolations(page);

		for (const element of ELEMENTS.slice(1)) {
			await byId(page, `${element.key}.met`).check();
			await byId(page, `${element.key}.evidence`).fill(`Evidence of impact for ${element.label.toLowerCase()}.`);
		}
		await page.getByRole('button', { name: 'Submit to the assessor' }).click();
		await shown(page, 'Self-audit submitted to the assessor.');
		expect(await statusTag(page)).toBe('Audit submitted');
		// One way to change it now: take it back. Starting a new one would do the same.
		expect(await page.getByRole('button', { name: 'Take the self-audit back' }).count()).toBe(1);
		expect(await page.getByRole('button', { name: /Start (a new|the) self-audit/ }).count()).toBe(0);
		await page.context().close();
	});

	it("gives the headteacher 404 for another school's Quality Mark, which staff can open", async () => {
		const staff = await as('adviser', '/quality-mark?status=all&framework=basic_skills');
		const other = await staff.locator(`tbody a:not([href="${record()}"])`).first().getAttribute('href');
		expect(other).toMatch(/^\/quality-mark\/\d+\/basic_skills$/);
		expect((await staff.goto(other!))?.status()).toBe(200);
		const page = await as('headteacher', '/quality-mark');
		expect((await page.goto(other!))?.status()).toBe(404);
		expect((await page.request.post(`${other}?/startAudit`, { headers: { origin: new URL(page.url()).origin }, form: {} })).status()).toBe(404);
		await staff.context().close();
		await page.context().close();
	});

	it('lets the adviser review it, book the visit and award the Quality Mark', async () => {
		const page = await as('adviser', record());
		await changeStatusTo(page, 'Assessor review');
		for (const element of ELEMENTS) await byId(page, `${element.key}.agrees`).check();
		await page.getByRole('button', { name: 'Save review' }).click();
		await shown(page, 'Review saved.');
		await expectNoAxeViolations(page);

		await page.getByLabel('Date of the visit').fill(VISIT_DAY);
		await page.getByRole('button', { name: 'Book the visit' }).click();
		await shown(page, 'Assessment visit booked.');
		expect(await statusTag(page)).toBe('Assessment visit booked');

		// The visit is an engagement: on the assessor's schedule, with the school's other visits.
		await page.getByRole('link', { name: 'See the visit in the schedule' }).click();
		await page.getByRole('heading', { name: 'Basic Skills Quality Mark assessment visit', level: 1 }).waitFor();
		expect(await page.locator('.govuk-summary-list').textContent()).toContain(shortDate(VISIT_DAY));
		await expectNoAxeViolations(page);
		await page.goto(`/schedule/schools/${urn}`);
		expect(await page.getByRole('row').filter({ hasText: 'Basic Skills Quality Mark assessment visit' }).count()).toBe(1);
		await page.goto(record());

		await page.getByRole('radio', { name: 'The visit confirmed the self-audit', exact: true }).check();
		await page.getByLabel('Overall judgement').fill('A well-led, whole-school approach with clear impact on pupils.');
		await page.getByRole('radio', { name: 'Award the Quality Mark' }).check();
		await page.getByLabel('Feedback for the school').fill('Share your intervention planning with the cluster.');
		const before = clock.today();
		await page.getByRole('button', { name: 'Record the decision' }).click();
		await shown(page, 'Quality Mark awarded.');
		expect(await statusTag(page)).toBe('Achieved');
		const award = (await page.locator('.govuk-summary-list__row').filter({ hasText: 'Award' }).first().textContent()) ?? '';
		// Awarded today, in England: the day the decision was recorded (either side of midnight, if the run crosses it).
		awardedOn = [before, clock.today()].find((day) => award.includes(`Awarded ${longDate(day)}, expires ${longDate(addYearsIso(day, 3))}`)) ?? '';
		expect(awardedOn).not.toBe('');
		await expectNoAxeViolations(page);

		const csvHref = await page.goto('/quality-mark?status=achieved').then(() => page.getByRole('link', { name: /as a CSV file/ }).getAttribute('href'));
		const csv = await (await page.request.get(csvHref!)).text();
		expect(csv).toContain(`${urn},`);
		expect(csv).toContain(',Basic Skills Quality Mark,Achieved,');
		await page.context().close();
	});

	it('shows the headteacher the award and the feedback', async () => {
		const page = await as('headteacher', record());
		expect(await statusTag(page)).toBe('Achieved');
		await shown(page, 'Share your intervention planning with the cluster.');
		expect(await page.getByRole('button', { name: 'Record the decision' }).count()).toBe(0);
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	it('prints a certificate of the award on one A4 page, and none for an award the school does not hold', async () => {
		const page = await as('headteacher', record());
		await page.getByRole('link', { name: 'Print the certificate' }).click();
		await page.getByRole('heading', { level: 1 }).waitFor();
		const certificate = (await page.getByRole('article').textContent())?.replace(/\s+/g, ' ') ?? '';
		expect(certificate).toContain('has achieved the Basic Skills Quality Mark');
		expect(certificate).toContain(`Awarded ${longDate(awardedOn)}`);
		expect(certificate).toContain(`Valid until ${longDate(addYearsIso(awardedOn, 3))}`);
		expect(certificate).toContain(`URN ${urn}`);
		await expectNoAxeViolations(page);
		// Printed, it is the certificate alone, on one page of A4.
		const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
		expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
		await page.emulateMedia({ media: 'print' });
		expect(await page.getByRole('button', { name: 'Print the certificate' }).isVisible()).toBe(false);
		expect(await page.locator('header').first().isVisible()).toBe(false);
		const none = await page.request.get(`/quality-mark/${urn}/professional_development/certificate`);
		expect(none.status()).toBe(404);
		await page.context().close();
	});

	it('takes a Professional Development self-audit on the aspects by strands grid, for both sides', async () => {
		const pd = `/quality-mark/${urn}/professional_development`;
		const staff = await as('adviser', pd);
		await changeStatusTo(staff, 'Interested');
		await changeStatusTo(staff, 'Registered');

		const head = await as('headteacher', pd);
		await head.getByRole('button', { name: 'Start the self-audit' }).click();
		await shown(head, 'Self-audit started. Save it as you go.');
		await expectNoAxeViolations(head);
		for (const aspect of PROFESSIONAL_DEVELOPMENT_FRAMEWORK.aspects) {
			for (const strand of PROFESSIONAL_DEVELOPMENT_FRAMEWORK.strands) {
				await byId(head, `${aspect.key}.${strand.key}.level-2`).check();
				await byId(head, `${aspect.key}.${strand.key}.evidence`).fill(`${strand.label} evidence for ${aspect.label.toLowerCase()}.`);
			}
			await byId(head, `${aspect.key}.actionToMoveUp`).fill('Coach middle leaders to evaluate impact.');
		}
		await head.getByRole('button', { name: 'Submit to the assessor' }).click();
		await shown(head, 'Self-audit submitted to the assessor.');
		expect(await head.getByRole('heading', { name: 'Leadership of professional development: stands at Enhancing' }).count()).toBe(1);
		await expectNoAxeViolations(head);

		await staff.reload();
		await changeStatusTo(staff, 'Assessor review');
		await staff.getByRole('heading', { name: "Assessor's review" }).waitFor();
		await expectNoAxeViolations(staff);
		await staff.context().close();
		await head.context().close();
	});
});
