// On SQLite the app reads rows as arrays and makes the objects itself (src/lib/server/db/object-rows.ts).
// Every row must come out as better-sqlite3 would have made it: the same keys, values, types and order,
// through kysely, with statements kept for reuse or not, streamed or not. SQLite only: PostgreSQL's
// rows are pg's.
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { rowBuilder } from '../../src/lib/server/db/object-rows';
import type { Db } from '../../src/lib/server/db';
import { tempDir } from '../helpers/temp-dirs';
import { addSchool } from '../helpers/fixtures';

/** Queries whose rows are compared, each with something object-making could get wrong. */
const QUERIES: { what: string; sql: string }[] = [
	{ what: 'every column of a wide table', sql: 'select * from schools order by urn' },
	{
		what: 'a join with aliases',
		sql: 'select s.urn, s.name as school, u.name as adviser from schools s left join users u on u.id = s.link_adviser_id order by s.urn'
	},
	{ what: 'two columns of one name (the later wins)', sql: 'select 1 as a, 2 as a, 3 as b' },
	{ what: 'a column named __proto__', sql: "select 1 as __proto__, 'x' as name" },
	{ what: 'names that need quoting', sql: `select 1 as "a b", 2 as "it's", 3 as "\\", 4 as "constructor", 5 as "1st"` },
	{ what: 'every storage class', sql: "select 1 as i, 2.5 as r, 'text' as t, x'00ff' as b, null as n, 9007199254740991 as big" },
	{ what: 'no rows', sql: 'select urn from schools where urn < 0' },
	{ what: 'a pragma that returns rows', sql: "select name from pragma_table_info('schools') order by cid" }
];

async function withData(file: string, cacheStatements: boolean): Promise<Db> {
	const db = createDb(file, { cacheStatements });
	await migrateToLatest(db);
	for (const urn of [100001, 100002, 100003]) await addSchool(db, urn);
	return db;
}

describe('rows read through the app’s SQLite connection', () => {
	for (const cacheStatements of [false, true]) {
		describe(cacheStatements ? 'with statements kept for reuse (the server)' : 'with statements prepared each time (the CLI, imports)', () => {
			it.each(QUERIES)('are better-sqlite3’s own rows: $what', async ({ sql: text }) => {
				const file = join(tempDir(), 'rows.sqlite');
				const db = await withData(file, cacheStatements);
				const plain = new SQLite(file, { readonly: true });
				try {
					const expected = plain.prepare(text).all();
					// Twice: the second time a kept statement is reused.
					for (let i = 0; i < 2; i++) {
						const { rows } = await sql.raw(text).execute(db);
						expect(rows).toEqual(expected);
						rows.forEach((row, r) => expect(Object.keys(row as object)).toEqual(Object.keys(expected[r] as object)));
					}
				} finally {
					plain.close();
					await db.destroy();
				}
			});

			it('streams rows as objects', async () => {
				const db = await withData(join(tempDir(), 'rows.sqlite'), cacheStatements);
				try {
					const query = db.selectFrom('schools').select(['urn', 'name']).orderBy('urn');
					const streamed: unknown[] = [];
					for await (const row of query.stream()) streamed.push(row);
					expect(streamed).toEqual([
						{ urn: 100001, name: expect.any(String) },
						{ urn: 100002, name: expect.any(String) },
						{ urn: 100003, name: expect.any(String) }
					]);
					expect(streamed).toEqual(await query.execute());
				} finally {
					await db.destroy();
				}
			});

			it('returns the rows a write gives back, and still counts the write', async () => {
				const db = await withData(join(tempDir(), 'rows.sqlite'), cacheStatements);
				try {
					const before = await db.selectFrom('data_version').select('version').executeTakeFirstOrThrow();
					const rows = await db.updateTable('schools').set({ name: 'Renamed' }).where('urn', '=', 100002).returning(['urn', 'name']).execute();
					expect(rows).toEqual([{ urn: 100002, name: 'Renamed' }]);
					const after = await db.selectFrom('data_version').select('version').executeTakeFirstOrThrow();
					expect(Number(after.version)).toBe(Number(before.version) + 1);
				} finally {
					await db.destroy();
				}
			});
		});
	}
});

describe('rowBuilder', () => {
	it('makes one object from one array, by position, and shares the function between equal column lists', () => {
		const build = rowBuilder(['urn', 'name', 'urn']);
		expect(build([1, 'A', 2])).toEqual({ urn: 2, name: 'A' });
		expect(rowBuilder(['urn', 'name', 'urn'])).toBe(build);
		expect(rowBuilder(['urn', 'name'])).not.toBe(build);
	});
});
