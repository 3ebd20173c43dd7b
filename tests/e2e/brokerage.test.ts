// School-to-school support through its pages, on the demo: a lead adviser proposes a match and
// agrees it, both headteachers accept it, the lead adviser sets it up and its reviews appear in the
// schedule; every page passes axe. The partnership and the two headteacher accounts go afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { baseUrl, cookieFor, databaseUrl, DEMO_PASSWORD, demoRows, expectNoAxeViolations, newPage, signIn } from './harness';
import { createDb } from '../../src/lib/server/db/connection';
import { createUser } from '../../src/lib/server/users';
import { workingDays } from '../../src/lib/domain/calendar/working-days';
import { defaultTermDates } from '../../src/lib/domain/calendar/default-term-dates';

const HEADS = ['head.supported@example.org', 'head.supporting@example.org'];

afterAll(async () => {
	const db = createDb(databaseUrl());
	try {
		await db.deleteFrom('engagements').where('template_id', '=', 'partnership.review').execute();
		await db.deleteFrom('partnership_notes').execute();
		await db.deleteFrom('partnerships').execute();
		const ids = (await db.selectFrom('users').select('id').where('email', 'in', HEADS).execute()).map((u) => u.id);
		if (ids.length > 0) {
			await db.deleteFrom('user_schools').where('user_id', 'in', ids).execute();
			await db.deleteFrom('sessions').where('user_id', 'in', ids).execute();
			await db.deleteFrom('users').where('id', 'in', ids).execute();
		}
	} finally {
		await db.destroy();
	}
});

const answer = async (email: string, id: string, action: 'accept' | 'decline') =>
	fetch(`${baseUrl()}/brokerage/${id}?/${action}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { cookie: await cookieFor(email), origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: ''
	});

describe('school-to-school support', () => {
	it('goes from a proposed match to reviews in the link adviser’s schedule, each page accessible', async () => {
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		await page.goto('/');
		await page.getByRole('link', { name: 'Partnerships' }).click();
		await page.waitForURL(/\/brokerage$/);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('School-to-school support');
		await expectNoAxeViolations(page);
		const matches = page.getByRole('table', { name: 'Proposed matches' });
		expect(await matches.getByRole('row').count()).toBeGreaterThan(1);
		await matches
			.getByRole('button', { name: /^Propose/ })
			.first()
			.click();
		await page.waitForURL(/\/brokerage\/\d+/);
		const id = page.url().match(/\/brokerage\/(\d+)/)![1];
		await expect(page.getByRole('status').textContent()).resolves.toContain('The partnership is proposed');
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Agree this partnership' }).click();
		await expect(page.getByRole('status').textContent()).resolves.toContain('The partnership is agreed');

		const [p] = await demoRows<{ supported_urn: number; supporting_urn: number; year: number }>(
			'select supported_urn, supporting_urn, year from partnerships where id = ?',
			Number(id)
		);
		const db = createDb(databaseUrl());
		try {
			for (const [email, urn] of [
				[HEADS[0], p.supported_urn],
				[HEADS[1], p.supporting_urn]
			] as const) {
				if (!(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()))
					await createUser(db, { email, name: `Head of ${urn}`, role: 'headteacher', schoolUrns: [urn], password: DEMO_PASSWORD }, null);
			}
		} finally {
			await db.destroy();
		}
		// Another school's headteacher cannot see it; each school's answers for their own.
		expect(
			(await fetch(`${baseUrl()}/brokerage/${id}`, { headers: { cookie: await cookieFor('head@westmoor.example.org') }, redirect: 'manual' })).status
		).toBe(
			[p.supported_urn, p.supporting_urn].includes(
				(await demoRows<{ urn: number }>("select s.urn from user_schools s join users u on u.id = s.user_id where u.email = 'head@westmoor.example.org'"))[0]
					.urn
			)
				? 200
				: 404
		);
		expect((await answer(HEADS[0], id, 'accept')).status).toBe(200);
		expect((await answer(HEADS[1], id, 'accept')).status).toBe(200);
		expect((await answer(HEADS[1], id, 'decline')).status).toBe(400);

		const schoolYear = p.year + 1;
		const days = workingDays(defaultTermDates(schoolYear)).map((d) => d.date);
		const [start, first, second] = [days[1], days[20], days[40]];
		await page.goto(`/brokerage/${id}`);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Set up the partnership' }).click();
		await expect(page.getByRole('alert').textContent()).resolves.toContain('Enter what the partnership is for');
		await expectNoAxeViolations(page);
		await page.getByLabel('Objectives').fill('Share the supporting school’s practice in the area it is strong in.');
		await page.getByLabel('Start date').fill(start);
		await page.getByLabel('Review dates').fill(`${second}\n${first}`);
		await page.getByRole('button', { name: 'Set up the partnership' }).click();
		await expect(page.getByRole('status').textContent()).resolves.toContain('Its reviews are in the link adviser’s schedule');
		await expectNoAxeViolations(page);
		const reviews = await demoRows<{ id: number; date: string; adviser_id: number; status: string }>(
			"select id, date, adviser_id, status from engagements where template_id = 'partnership.review' order by date"
		);
		expect(reviews.map((r) => [r.date, r.status])).toEqual([
			[first, 'confirmed'],
			[second, 'confirmed']
		]);
		await page
			.getByRole('link', { name: /\d{4}$/ })
			.first()
			.click();
		await page.waitForURL(/\/schedule\/engagements\/\d+/);
		await expect(page.locator('main').textContent()).resolves.toContain('Review of the school-to-school support with');

		// Both schools' profiles list it, and the overview counts it.
		await page.goto(`/schools/${p.supporting_urn}`);
		await expect(page.locator('#partnerships').textContent()).resolves.toBe('School-to-school support');
		await expect(page.getByRole('link', { name: /^Supporting / }).count()).resolves.toBe(1);
		await page.goto('/');
		await expect(page.locator('#school-to-school + p').textContent()).resolves.toMatch(/^\s*1 active partnership\./);
	});
});
