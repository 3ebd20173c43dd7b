// The CLI on the project's database (a SQLite file, or PostgreSQL in integration-pg), in a process
// of its own as scheduled jobs run it: import, then the year's plan, then a backup.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseUrlOf, freshDb } from '../helpers/db';
import { triage } from '../helpers/cli';
import { giasFile, giasSchool, ks2File, school, tempDir } from './import-fixtures';
import { dialectOf } from '../../src/lib/server/db/dialect';

describe('npm run triage on the database DATABASE_URL names', () => {
	it('imports a register and a KS2 file, all or nothing, and says what it stored', async () => {
		const db = await freshDb();
		const databaseUrl = databaseUrlOf(db);
		const dir = tempDir();
		const urns = [100001, 100002, 100003];
		const register = triage(
			[
				'import',
				giasFile(
					dir,
					urns.map((urn) => giasSchool(urn))
				)
			],
			{ databaseUrl }
		);
		expect(register.stderr).toBe('');
		expect(register.status).toBe(0);
		const results = triage(['import', await ks2File(dir, { schools: urns.map((urn) => school(urn)) })], { databaseUrl });
		expect(results.stderr).toBe('');
		expect(results.status).toBe(0);
		expect(results.stdout).toMatch(/Imported/);
		expect((await db.selectFrom('ks2_results').select('urn').orderBy('urn').execute()).map((r) => r.urn)).toEqual(urns);
		expect(await db.selectFrom('imports').select('format').orderBy('id').execute()).toEqual([{ format: 'gias_register' }, { format: 'ks2' }]);

		const again = triage(['import', join(dir, 'no-such-file.csv')], { databaseUrl });
		expect(again.status).toBe(1);
		expect(await db.selectFrom('imports').select('id').execute()).toHaveLength(2);
	});

	it('backs up with SQLite’s online backup, or with pg_dump on PostgreSQL', async () => {
		const db = await freshDb();
		const target = join(tempDir(), 'backup');
		const out = triage(['backup', target], { databaseUrl: databaseUrlOf(db) });
		expect(out.stderr).toBe('');
		expect(out.status).toBe(0);
		expect(existsSync(target)).toBe(true);
		expect(statSync(target).size).toBeGreaterThan(0);
		if (dialectOf(db) === 'postgres') expect(out.stdout).toMatch(/pg_dump/);
	});
});
