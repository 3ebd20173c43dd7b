// The page cache and the overview's cache trust the data version to move on every committed write,
// whoever makes it, and on nothing else (src/lib/server/db/data-version.ts). So it is tested on real
// databases with the real migrations, on SQLite and on PostgreSQL, through the app's kysely connection
// and another process's. data-version-imports.test.ts covers the import's own ways of writing.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { anotherConnection, freshDb } from '../helpers/db';
import { addSchool } from '../helpers/fixtures';
import { dataVersion, type Db } from '../../src/lib/server/db';
import { staffOverview } from '../../src/lib/server/overview';
import { PageCache } from '../../src/lib/server/page-cache';

/** A second connection to the same database, as the CLI or another app server opens it. */
const anotherProcess = async (db: Db): Promise<Db> => anotherConnection(db);

/** How far the data version moves while `write` runs. */
async function moves(db: Db, write: () => Promise<unknown>): Promise<number> {
	const before = Number(await dataVersion(db));
	await write();
	return Number(await dataVersion(db)) - before;
}

const renamed = (db: Db, urn: number, name: string) => db.updateTable('schools').set({ name }).where('urn', '=', urn).execute();

describe('the data version', () => {
	it('moves once for each change through the app’s connection: insert, update, delete, returning, raw SQL', async () => {
		const db = await freshDb();
		expect(await moves(db, () => addSchool(db, 100001))).toBe(1);
		expect(await moves(db, () => renamed(db, 100001, 'Renamed'))).toBe(1);
		expect(await moves(db, () => db.insertInto('settings').values({ key: 'x', value_json: '1' }).returning('key').execute())).toBe(1);
		expect(await moves(db, () => sql`update settings set value_json = '2' where key = 'x'`.execute(db))).toBe(1);
		expect(await moves(db, () => db.deleteFrom('settings').where('key', '=', 'x').execute())).toBe(1);
	});

	it('moves for a table made after this code was written, with no list to add it to', async () => {
		const db = await freshDb();
		expect(
			await moves(db, () =>
				db.schema
					.createTable('brokerage_offers')
					.addColumn('id', 'integer', (c) => c.primaryKey())
					.execute()
			)
		).toBe(1);
		expect(
			await moves(db, () =>
				db
					.insertInto('brokerage_offers' as never)
					.values({ id: 1 } as never)
					.execute()
			)
		).toBe(1);
		await db.schema.dropTable('brokerage_offers').execute();
	});

	it('moves once for a whole transaction, not for each row; not at all when it is rolled back or only reads', async () => {
		const db = await freshDb();
		const many = () =>
			db.transaction().execute(async (trx) => {
				for (let urn = 100001; urn <= 100050; urn++) await addSchool(trx, urn);
				await renamed(trx, 100001, 'First');
			});
		expect(await moves(db, many)).toBe(1);
		const failing = () =>
			db.transaction().execute(async (trx) => {
				await addSchool(trx, 100051);
				throw new Error('stop');
			});
		expect(await moves(db, () => failing().catch(() => {}))).toBe(0);
		expect(await db.selectFrom('schools').select('urn').where('urn', '=', 100051).execute()).toEqual([]);
		expect(await moves(db, () => db.transaction().execute((trx) => trx.selectFrom('schools').selectAll().execute()))).toBe(0);
	});

	it('still moves when the first write of a transaction is undone back to a savepoint and a later one is kept', async () => {
		const db = await freshDb();
		const change = async () => {
			const trx = await db.startTransaction().execute();
			const inner = await trx.savepoint('first').execute();
			await addSchool(inner, 100001);
			const undone = await inner.rollbackToSavepoint('first').execute();
			await addSchool(undone, 100002);
			await undone.commit().execute();
		};
		expect(await moves(db, change)).toBeGreaterThan(0);
		expect((await db.selectFrom('schools').select('urn').execute()).map((s) => s.urn)).toEqual([100002]);
	});

	it('does not move when a write fails or matches no row, in a transaction or not', async () => {
		const db = await freshDb();
		await addSchool(db, 100001);
		expect(await moves(db, () => addSchool(db, 100001).catch(() => {}))).toBe(0);
		expect(await moves(db, () => renamed(db, 999999, 'Nobody'))).toBe(0);
		expect(await moves(db, () => db.deleteFrom('sessions').where('expires_at', '<', 0).execute())).toBe(0);
		expect(await moves(db, () => db.transaction().execute((trx) => renamed(trx, 999999, 'Nobody')))).toBe(0);
		expect(await moves(db, () => db.transaction().execute(async (trx) => (await renamed(trx, 999999, 'Nobody'), renamed(trx, 100001, 'Someone'))))).toBe(1);
	});

	it('stays the same while the database is only read, by this connection or another', async () => {
		const db = await freshDb();
		await addSchool(db, 100001);
		const other = await anotherProcess(db);
		const read = async () => {
			await db.selectFrom('schools').selectAll().execute();
			await other.selectFrom('schools').selectAll().execute();
			await staffOverview(db, { scatterYear: null, today: '2026-11-22' });
		};
		expect(await moves(db, read)).toBe(0);
	});

	it('moves for a write committed by another process on the same database, in both directions', async () => {
		const db = await freshDb();
		const other = await anotherProcess(db);
		const seenHere = Number(await dataVersion(db));
		await addSchool(other, 100001);
		expect(Number(await dataVersion(db))).toBe(seenHere + 1);
		await renamed(db, 100001, 'Renamed here');
		expect(await dataVersion(other)).toBe(String(seenHere + 2));
	});
});

describe('the caches that use it', () => {
	it('the page cache renders again on the next request after another process writes', async () => {
		const db = await freshDb();
		const other = await anotherProcess(db);
		const pages = new PageCache();
		let renders = 0;
		const serve = () =>
			pages.serve(
				'/',
				() => dataVersion(db),
				() => new Response(`render ${++renders}`, { headers: { 'content-type': 'text/html' } }),
				false
			);
		expect((await serve()).hit).toBe(false);
		expect((await serve()).hit).toBe(true);
		await addSchool(other, 100001);
		const after = await serve();
		expect(after.hit).toBe(false);
		expect(await after.response.text()).toBe('render 2');
	});

	it('the overview shows a change on the next request, even to a column nothing used to watch', async () => {
		const db = await freshDb();
		for (const urn of [100001, 100002, 100003]) await addSchool(db, urn);
		const overview = () => staffOverview(db, { scatterYear: null, today: '2026-11-22' });
		const first = await overview();
		expect(await overview()).toBe(first);
		expect(first.register.byPhase).toEqual([{ phase: 'Primary', count: 3 }]);
		// Another process corrects one school's phase and nothing else: no timestamp, no count, no id moves.
		const other = await anotherProcess(db);
		await other.updateTable('schools').set({ phase: 'Middle deemed primary' }).where('urn', '=', 100003).execute();
		expect((await overview()).register.byPhase).toEqual([
			{ phase: 'Middle deemed primary', count: 1 },
			{ phase: 'Primary', count: 2 }
		]);
	});
});

describe('connections to the database', () => {
	const root = join(import.meta.dirname, '../..');
	const files = (dir: string): string[] =>
		readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
			.filter((f) => f.isFile() && /\.(ts|mjs|js)$/.test(f.name))
			.map((f) => relative(root, join(f.parentPath, f.name)));

	it('are opened only in src/lib/server/db, so no write can go round the data version', () => {
		// The backup command opens the live database read only, to copy it.
		const allowed = (f: string) => f.startsWith('src/lib/server/db/') || f === 'scripts/commands/backup.ts';
		const opening = [...files('src'), ...files('scripts').filter((f) => !f.startsWith('scripts/bench/'))].filter((f) => {
			const source = readFileSync(join(root, f), 'utf8');
			return /import\s+(?!type\b)[^;]*from\s*['"]better-sqlite3['"]|\bSqliteDialect\b|\bPostgresDialect\b|new\s+pg\.(Pool|Client)\b|new\s+Kysely\b/.test(
				source
			);
		});
		expect(opening.filter((f) => !allowed(f))).toEqual([]);
	});
});
