import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallLa, URNS } from './analysis-fixtures';
import { triage } from '../helpers/cli';
import { useAppDatabase } from '../helpers/app-database';
import { databaseUrlOf, freshDb, postgresUrl } from '../helpers/db';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { closeDb, db as appDb } from '../../src/lib/server/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { insertRecord } from '../../src/lib/server/quality-mark/records';
import * as schoolsExport from '../../src/routes/schools/export.csv/+server';
import * as qualityMarkExport from '../../src/routes/quality-mark/export.csv/+server';

/*
 * Every CSV export goes through the one writer (src/lib/server/csv.ts): each ends every row with
 * CRLF and writes a school name a spreadsheet would run as a formula as text. The two the app
 * serves start with a byte order mark, so Excel reads accented names as written; the CLI's, read
 * from standard output by other programs, does not. The pages' exports run here as the app runs
 * them, against the app's own database module, on a fresh database of the project's dialect.
 */

const NAME = '=HYPERLINK("http://evil.example","École Saint-Exupéry")';
const WRITTEN = `"'=HYPERLINK(""http://evil.example"",""École Saint-Exupéry"")"`;
let analyst: SessionUser;
let databaseUrl: string;
let restoreDatabaseUrl = () => {};

beforeEach(async () => {
	const db = await freshDb();
	databaseUrl = databaseUrlOf(db);
	restoreDatabaseUrl = useAppDatabase(databaseUrl);
	const la = await smallLa(db);
	analyst = { ...la.analyst, email: 'andy.analyst@example.org', schoolUrns: [] };
	await db.updateTable('schools').set({ name: NAME }).where('urn', '=', URNS.secure).execute();
	await insertRecord(db, {
		urn: URNS.secure,
		frameworkKey: 'basic_skills',
		status: 'achieved',
		statusChangedOn: '2026-01-05',
		awardDate: '2025-09-01',
		expiryDate: '2028-09-01',
		visitDate: null,
		feedback: null
	});
});
// Before the fresh database is closed (tests/helpers/per-file.ts), the app's own connection to it.
afterEach(async () => {
	await closeDb();
	restoreDatabaseUrl();
});

/** Calls a +server.ts GET as SvelteKit would, and returns the body's exact bytes as text (a byte order mark kept). */
async function download(get: (event: never) => Response | Promise<Response>, path: string): Promise<string> {
	const res = await get({ locals: { user: analyst, session: null }, url: new URL(`http://localhost${path}`), params: {} } as never);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}

/** True when every line break is CRLF and the text ends with one. */
function crlfOnly(csv: string): boolean {
	return csv.endsWith('\r\n') && !/\r(?!\n)|(?<!\r)\n/.test(csv);
}

describe('CSV exports', () => {
	it('the school list: byte order mark, CRLF, formula guard', async () => {
		expect(dialectOf(appDb())).toBe(postgresUrl ? 'postgres' : 'sqlite');
		const csv = await download(schoolsExport.GET, '/schools/export.csv');
		expect(csv.startsWith('\uFEFFURN,School,')).toBe(true);
		expect(crlfOnly(csv)).toBe(true);
		expect(csv).toContain(`\r\n${URNS.secure},${WRITTEN},`);
	});

	it('the Quality Mark table: byte order mark, CRLF, formula guard', async () => {
		const csv = await download(qualityMarkExport.GET, '/quality-mark/export.csv');
		expect(csv.startsWith('\uFEFFURN,School,Framework,')).toBe(true);
		expect(crlfOnly(csv)).toBe(true);
		expect(csv).toContain(`\r\n${URNS.secure},${WRITTEN},Basic Skills Quality Mark,`);
	});

	it('the CLI’s categorise: no byte order mark on standard output, CRLF, formula guard', async () => {
		const out = triage(['categorise'], { databaseUrl });
		expect(out.status).toBe(0);
		expect(out.stdout.startsWith('URN,School,Category,')).toBe(true);
		expect(crlfOnly(out.stdout)).toBe(true);
		expect(out.stdout).toContain(`\r\n${URNS.secure},${WRITTEN},`);
	});
});
