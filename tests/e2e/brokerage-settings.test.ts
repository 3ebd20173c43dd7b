// School-to-school support settings on Admin > Policy: an admin checks settings as typed against
// how many schools would be matched, saves them and puts them back, with errors in plain words and
// no axe violations; an admin who serves one LA changes that LA's settings only.
import { describe, expect, it } from 'vitest';
import { baseUrl, cookieFor, databaseUrl, DEMO_PASSWORD, demoRows, expectNoAxeViolations, newPage, signIn } from './harness';
import { createDb } from '../../src/lib/server/db/connection';
import { createUser } from '../../src/lib/server/users';

const stored = () => demoRows<{ la_code: string; capacity: number }>('select la_code, capacity from brokerage_settings order by la_code');

describe('school-to-school support settings', () => {
	it('an admin checks settings as typed, saves them and goes back to the defaults', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto('/admin/policy');
		await page.getByRole('link', { name: 'School-to-school support settings' }).click();
		await page.getByRole('heading', { level: 1, name: 'School-to-school support settings' }).waitFor();
		expect(await page.locator('main .govuk-tag').first().textContent()).toBe('Default');
		expect(await page.getByLabel('How many schools one supporter may support at a time').inputValue()).toBe('2');
		expect(await page.getByLabel('The farthest a supporting school may be').inputValue()).toBe('25');
		expect(await page.getByLabel('Secure Plus schools').isChecked()).toBe(true);
		expect(await page.getByLabel('Secure schools', { exact: true }).isChecked()).toBe(true);
		// An installation of one LA: no choice of LA, and no question of support across LA boundaries.
		expect(await page.getByLabel('Whose settings').count()).toBe(0);
		expect(await page.getByText('another LA').count()).toBe(0);
		await expectNoAxeViolations(page);

		await page.getByLabel('How many schools one supporter may support at a time').fill('11');
		await page.getByLabel('The farthest a supporting school may be').fill('');
		await page.getByLabel('Secure Plus schools').uncheck();
		await page.getByLabel('Secure schools', { exact: true }).uncheck();
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByText('There is a problem').waitFor();
		const summary = page.locator('.govuk-error-summary');
		expect(await summary.getByRole('link').allTextContents()).toEqual([
			'How many schools one supporter may support must be between 1 and 10',
			'Enter the farthest a supporting school may be, in kilometres',
			'Choose at least one category of school that may support others'
		]);
		expect(await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
			'#capacity',
			'#max-distance',
			'#supporting-categories'
		]);
		expect(await page.getByLabel('How many schools one supporter may support at a time').inputValue()).toBe('11');
		await expectNoAxeViolations(page);
		expect(await stored()).toEqual([]);

		// One school each, within 5 km, Secure Plus only: fewer matched than now, and nothing saved.
		await page.getByLabel('How many schools one supporter may support at a time').fill('1');
		await page.getByLabel('The farthest a supporting school may be').fill('5');
		await page.getByLabel('Secure Plus schools').check();
		await page.getByRole('button', { name: 'Check how many schools would be matched' }).click();
		const whatIf = (await page.locator('#what-if').textContent())!.replace(/\s+/g, ' ').trim();
		const [, matched, needing, now] =
			/^With these settings, (\d+) of (\d+) schools that need support in \d{4}\/\d{2} would be matched \(now (\d+)\)\./.exec(whatIf) ?? [];
		expect(Number(needing)).toBeGreaterThan(0);
		expect(Number(matched)).toBeLessThan(Number(now));
		expect(Number(now)).toBeLessThanOrEqual(Number(needing));
		expect(await page.getByLabel('The farthest a supporting school may be').inputValue()).toBe('5');
		expect(await page.getByLabel('Secure schools', { exact: true }).isChecked()).toBe(false);
		expect(await stored()).toEqual([]);
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByText('The school-to-school support settings are saved. Proposals use them from now on.').waitFor();
		expect(await page.locator('main .govuk-tag').first().textContent()).toBe('Saved');
		expect(await stored()).toEqual([{ la_code: '', capacity: 1 }]);
		await page.goto('/admin/policy/brokerage');
		expect(await page.getByLabel('The farthest a supporting school may be').inputValue()).toBe('5');

		await page.goto('/admin/audit');
		expect(await page.locator('tbody tr').first().textContent()).toContain('Changed the school-to-school support settings of every LA');

		await page.goto('/admin/policy/brokerage');
		await page.getByRole('button', { name: 'Go back to the default settings' }).click();
		await page.getByText('The school-to-school support settings are back to the defaults.').waitFor();
		expect(await page.getByLabel('How many schools one supporter may support at a time').inputValue()).toBe('2');
		expect(await stored()).toEqual([]);
		await page.context().close();
	});

	it('an admin who serves one LA changes its own settings, not those every LA shares nor another LA’s', async () => {
		const email = 'admin.brokerage.936@example.org';
		const db = createDb(databaseUrl());
		const { id } = await createUser(db, { email, name: 'Another LA’s admin', role: 'admin', schoolUrns: [], password: DEMO_PASSWORD }, null);
		await db.insertInto('user_las').values({ user_id: id, la_code: '936' }).execute();
		try {
			const cookie = await cookieFor(email);
			const post = async (action: string, la: string, fields: Record<string, string> = {}) => {
				const res = await fetch(`${baseUrl()}/admin/policy/brokerage?/${action}`, {
					method: 'POST',
					redirect: 'manual',
					headers: { origin: baseUrl(), cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
					body: new URLSearchParams({ la, capacity: '3', 'max-distance': '10', 'supporting-categories': 'secure_plus', ...fields }).toString()
				});
				await res.arrayBuffer();
				return res.status;
			};
			expect(await post('save', '')).toBe(403);
			expect(await post('reset', '')).toBe(403);
			expect(await post('save', '999')).toBe(404);
			expect(await post('check', '999')).toBe(404);
			expect(await stored()).toEqual([]);
			expect(await post('save', '936', { 'allow-other-las': 'yes' })).toBe(200);
			expect(await demoRows('select la_code, capacity, allow_other_las from brokerage_settings')).toEqual([
				{ la_code: '936', capacity: 3, allow_other_las: 1 }
			]);
			expect(await post('reset', '936')).toBe(200);
			expect(await stored()).toEqual([]);

			const page = await fetch(`${baseUrl()}/admin/policy/brokerage`, { headers: { cookie } });
			expect(page.status).toBe(200);
			const html = await page.text();
			// Its own LA, with no choice of another; and, with two LAs known, the question of support across their boundary.
			expect(html).toMatch(/<span class="govuk-caption-l">LA 936<\/span>/);
			expect(html).not.toContain('Whose settings');
			expect(html).toContain('May schools support, and be supported by, schools in another LA?');
			expect(await fetch(`${baseUrl()}/admin/policy/brokerage?la=999`, { headers: { cookie } }).then((r) => r.status)).toBe(404);
		} finally {
			await db.deleteFrom('brokerage_settings').where('la_code', '=', '936').execute();
			await db.deleteFrom('user_las').where('user_id', '=', id).execute();
			await db.deleteFrom('sessions').where('user_id', '=', id).execute();
			await db.deleteFrom('users').where('id', '=', id).execute();
			await db.destroy();
		}
	});
});
