import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addSchool, addUser } from '../helpers/fixtures';
import { useAppDatabase } from '../helpers/app-database';
import type { SessionUser } from '../../src/lib/server/auth/session';

/*
 * "Today" is the date in England on every page. The self-evaluation pages once read the date in
 * UTC, so from midnight to 1 am in summer they were a day behind the rest of the app: on the night
 * the school year turns, still on last year's summary. The pages run here against the app's own
 * database module, with the clock stopped at that hour.
 */

const dir = mkdtempSync(join(tmpdir(), 'triage-clock-'));
const restoreDatabaseUrl = useAppDatabase(join(dir, 'app.sqlite'));
const { db, closeDb } = await import('../../src/lib/server/db');
const { migrateToLatest } = await import('../../src/lib/server/db/migrate');
const { setClock, today } = await import('../../src/lib/server/clock');
const list = await import('../../src/routes/self-evaluation/+page.server');
const schoolPage = await import('../../src/routes/self-evaluation/[urn]/+page.server');

/** What a load function reads of SvelteKit's request event. */
function event(user: SessionUser, path: string, params: Record<string, string> = {}) {
	return { locals: { user, session: null }, url: new URL(`http://localhost${path}`), params } as never;
}

beforeAll(async () => {
	await migrateToLatest(db());
});
afterEach(() => setClock(null));
afterAll(async () => {
	await closeDb();
	restoreDatabaseUrl();
	rmSync(dir, { recursive: true, force: true });
});

describe('today, on the self-evaluation pages', () => {
	it('at 00:30 BST on 1 September is 1 September in England, so the new school year has begun', async () => {
		const adviser = await addUser(db(), 'lead_adviser');
		await addSchool(db(), 100001, { name: 'Alder Primary' });
		const head = await addUser(db(), 'headteacher', [100001]);
		// 23:30 UTC on 31 August 2025 is 00:30 on 1 September in England: the 2025/26 school year.
		setClock('2025-08-31T23:30:00Z');
		expect(today()).toBe('2025-09-01');
		expect(await list.load(event(adviser, '/self-evaluation'))).toMatchObject({ year: 2026, current: 2026 });
		expect(await schoolPage.load(event(head, '/self-evaluation/100001', { urn: '100001' }))).toMatchObject({ year: 2026, current: 2026 });
		// Half an hour earlier it is still 2024/25.
		setClock('2025-08-31T22:30:00Z');
		expect(await list.load(event(adviser, '/self-evaluation'))).toMatchObject({ year: 2025, current: 2025 });
	});
});
