// The CLI on the project's database (a SQLite file, or PostgreSQL in integration-pg), in a process
// of its own as scheduled jobs run it: import, then the year's plan, then a backup.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseUrlOf, freshDb, postgresUrl } from '../helpers/db';
import { triage } from '../helpers/cli';
import { giasFile, giasSchool, ks2File, school, tempDir } from './import-fixtures';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { createDb } from '../../src/lib/server/db/connection';
import { getServedLas } from '../../src/lib/server/import/settings';
import { migrations } from '../../db/migrations';

/** `triage import file` into a new database: what it said, the schools it stored, and the migrations applied. */
async function importedIntoNewDatabase(file: string) {
	let result!: { out: ReturnType<typeof triage>; urns: number[]; migrations: number };
	await withNewDatabase(async (url) => {
		const out = triage(['import', file], { databaseUrl: url });
		const db = createDb(url);
		try {
			const urns = (await db.selectFrom('ks2_results').select('urn').orderBy('urn').execute()).map((r) => r.urn);
			const applied = await db
				.selectFrom('kysely_migration' as never)
				.select('name' as never)
				.execute();
			result = { out, urns, migrations: applied.length };
		} finally {
			await db.destroy();
		}
	});
	return result;
}

/** Runs `use` with the address of a new database with no table at all, removed after. */
async function withNewDatabase(use: (url: string) => Promise<void>): Promise<void> {
	if (!postgresUrl) return use(join(tempDir(), 'new.sqlite'));
	const admin = new pg.Client({ connectionString: `${postgresUrl}postgres` });
	await admin.connect();
	const name = `cli_new_${process.pid}_${Date.now()}`;
	try {
		await admin.query(`create database ${name}`);
		await use(`${postgresUrl}${name}`);
	} finally {
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

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

	it('imports into a new database with no table at all, migrating it first (on PostgreSQL while it reads the file)', async () => {
		// The import into a new database takes it to have no LA scope and no import (see ImportRequest.newDatabase): no migration adds either.
		expect(await getServedLas(await freshDb())).toEqual([]);
		const dir = tempDir();
		const urns = [100001, 100002];
		const file = await ks2File(dir, { schools: urns.map((urn) => school(urn)) });
		// Each database ends with every migration applied, whether the file was imported or refused.
		const imported = await importedIntoNewDatabase(file);
		expect(imported.out.stderr).toBe('');
		expect(imported.out.status).toBe(0);
		expect(imported.urns).toEqual(urns);
		expect(imported.migrations).toBe(Object.keys(migrations).length);
		const bad = join(dir, 'not-a-ks2-file.csv');
		writeFileSync(bad, 'a,b\n1,2\n');
		const refused = await importedIntoNewDatabase(bad);
		expect(refused.out.status).toBe(1);
		expect(refused.out.stderr).toMatch(/Nothing was imported/);
		expect(refused.urns).toEqual([]);
		expect(refused.migrations).toBe(Object.keys(migrations).length);
	});
});
