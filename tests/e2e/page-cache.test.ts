import SQLite from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { databasePath, newPage, signIn } from './harness';

// The overview, the school list and the profile are kept in memory once rendered (see
// src/lib/server/page-cache.ts). These tests prove a kept page never hides a change: not one made
// in the app, not one made by another process, and never another person's page.

function demoDb<T>(run: (sqlite: SQLite.Database) => T): T {
	const sqlite = new SQLite(databasePath());
	sqlite.pragma('busy_timeout = 5000');
	try {
		return run(sqlite);
	} finally {
		sqlite.close();
	}
}

/** Renames a school as another process would, the command line say: through the app's database code, on its own connection. */
async function renameElsewhere(urn: number, name: string): Promise<void> {
	const other = createDb(databasePath());
	try {
		await other.updateTable('schools').set({ name }).where('urn', '=', urn).execute();
	} finally {
		await other.destroy();
	}
}

/** The last school in the register: no other test changes it. */
const quietSchool = () => demoDb((s) => s.prepare('select urn, name from schools order by urn desc limit 1').get() as { urn: number; name: string });

/**
 * Fetches a page with the browser's cookies but without its HTTP cache (which would answer from
 * its own copy after a 304), and says whether the app rendered it afresh or served its kept copy.
 */
async function open(page: Page, path: string): Promise<{ cache: string | undefined; html: string }> {
	const response = await page.request.get(path);
	expect(response.status()).toBe(200);
	return { cache: response.headers()['x-page-cache'], html: await response.text() };
}

describe('pages kept in memory', () => {
	it('are served again until something changes in the app, then show the change at once', async () => {
		const { urn } = quietSchool();
		const page = await newPage();
		await signIn(page, 'lead_adviser');
		await page.goto(`/schools/${urn}`);
		expect((await open(page, `/schools/${urn}`)).cache).toBe('hit');

		const details = `Cache check ${Date.now()}: the deputy head is acting head this term.`;
		await page.getByText('Record a concern or a change').click();
		await page.getByLabel('What is it?').selectOption('interim_leadership');
		await page.getByLabel('Details').fill(details);
		await page.getByRole('button', { name: 'Add to the register' }).click();
		await page.getByText('Entry added to the register.').waitFor();

		// Whether the browser's own reload or this request renders it afresh, it has the change.
		const after = await open(page, `/schools/${urn}`);
		expect(after.html).toContain(details);
		const again = await open(page, `/schools/${urn}`);
		expect(again.cache).toBe('hit');
		expect(again.html).toContain(details);
		await page.context().close();
	});

	it('show a change made by another process, such as the command line, at once', async () => {
		const { urn, name } = quietSchool();
		const page = await newPage();
		await signIn(page, 'analyst');
		await open(page, `/schools/${urn}`);
		expect((await open(page, `/schools/${urn}`)).cache).toBe('hit');
		try {
			await renameElsewhere(urn, `${name} (renamed)`);
			const renamed = await open(page, `/schools/${urn}`);
			expect(renamed.cache).toBe('miss');
			expect(renamed.html).toContain(`${name} (renamed)`);
		} finally {
			await renameElsewhere(urn, name);
		}
		expect((await open(page, `/schools/${urn}`)).html).not.toContain('(renamed)');
		await page.context().close();
	});

	it('are kept for each person: nobody is shown a page made for someone else', async () => {
		const seen: Record<string, string> = {};
		for (const role of ['lead_adviser', 'adviser', 'analyst'] as const) {
			const page = await newPage();
			await signIn(page, role);
			await open(page, '/');
			const again = await open(page, '/');
			expect(again.cache).toBe('hit');
			seen[role] = /<div class="app-header__account">.*?<\/div>/s.exec(again.html)?.[0] ?? '';
			await page.context().close();
		}
		expect(seen.lead_adviser).toContain('Lead adviser');
		expect(seen.adviser).toContain('(Adviser)');
		expect(seen.analyst).toContain('Analyst');
		expect(new Set(Object.values(seen)).size).toBe(3);
	});
});
