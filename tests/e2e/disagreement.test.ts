import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPage, signIn } from './harness';

// The demo headteacher's school; the demo adviser is its link adviser.
const URN = 190211;

describe('a disagreement carried through to a decision', () => {
	it('the headteacher records a disagreement, with reasons and evidence', async () => {
		const page = await newPage();
		await signIn(page, 'headteacher');
		await page.goto(`/schools/${URN}/disagreement`);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Record disagreement' }).click();
		await page.getByText('There is a problem').waitFor();
		expect(await page.locator('.govuk-error-summary').textContent()).toContain('Explain why you disagree with the category');
		await page.getByLabel('Why do you disagree?').fill('Two thirds of the cohort joined in year 5 or 6.');
		await page.getByLabel('What evidence should the adviser look at?').fill('Pupils here since reception met the expected standard at 78%.');
		await page.getByRole('button', { name: 'Record disagreement' }).click();
		await page.getByText('Your disagreement has been recorded').waitFor();
		expect(await page.getByRole('button', { name: 'Record disagreement' }).count()).toBe(0);
		await page.context().close();
	});

	it('the link adviser reviews it and a lead adviser decides it', async () => {
		const adviser = await newPage();
		await signIn(adviser, 'adviser');
		await adviser.goto('/notifications');
		await adviser
			.getByRole('link', { name: /disagrees with its category/ })
			.first()
			.click();
		await adviser.getByLabel('Your review of the school’s case').fill('Mobility is high; the stable cohort is doing well.');
		await adviser.getByRole('button', { name: 'Record review' }).click();
		await adviser.getByText('Your review has been recorded').waitFor();
		await expectNoAxeViolations(adviser);
		await adviser.context().close();

		const lead = await newPage();
		await signIn(lead, 'lead_adviser');
		await lead.goto(`/schools/${URN}/disagreement`);
		await lead.getByLabel('The category stands').check();
		await lead.getByLabel('Reason for the decision').fill('Results were low, but the stable cohort did well. The category stands for this year.');
		await lead.getByRole('button', { name: 'Record decision' }).click();
		await lead.getByText('The decision has been recorded').waitFor();
		await expectNoAxeViolations(lead);
		await lead.context().close();
	});

	it('the headteacher sees the outcome, and the exchange is in the category history', async () => {
		const page = await newPage();
		await signIn(page, 'headteacher');
		await page.goto('/notifications');
		expect(await page.locator('main').textContent()).toContain('the category stays');
		await page.goto(`/schools/${URN}/disagreement`);
		const text = await page.locator('main').textContent();
		expect(text).toContain('The category stands');
		expect(text).toContain('Mobility is high');
		await page.goto(`/schools/${URN}`);
		const history = await page.locator('main').textContent();
		expect(history).toContain('The school disagreed');
		expect(history).toContain('Disagreement decided');
		await page.context().close();
	});
});

describe('asking for support', () => {
	it('a headteacher asks for support and sees the request', async () => {
		const page = await newPage();
		await signIn(page, 'headteacher');
		await page.goto('/support');
		await expectNoAxeViolations(page);
		await page.getByLabel('What support would you like, and why?').fill('Help to plan the new phonics scheme.');
		await page.getByRole('button', { name: 'Send request' }).click();
		await page.getByText('Your link adviser has been told').waitFor();
		expect(await page.locator('main').textContent()).toContain('Help to plan the new phonics scheme.');
		await expectNoAxeViolations(page);
		await page.context().close();
	});
});
