// The data version moves for every way an import writes (src/lib/server/db/data-version.ts): the
// import's bulk connection, a file imported as the CLI imports it, and one imported on its own thread.
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { ks2File, school, tempDir, importFile } from './import-fixtures';
import { dataVersion, type Db } from '../../src/lib/server/db';
import { writeInOneTransaction } from '../../src/lib/server/db/bulk';
import { runImportOffThread } from '../../src/lib/server/import/off-thread';

/** How far the data version moves while `write` runs. */
async function moves(db: Db, write: () => Promise<unknown>): Promise<number> {
	const before = Number(await dataVersion(db));
	await write();
	return Number(await dataVersion(db)) - before;
}

describe('the data version during imports', () => {
	it('moves once for an import written through the bulk connection, whatever its size; not at all if it fails', async () => {
		const db = await freshDb();
		const bulk = () =>
			writeInOneTransaction(db, async (w) => {
				const add = w.prepare(db.insertInto('settings').values({ key: 'k', value_json: 'v' }));
				for (let i = 0; i < 5000; i++) await add([`key ${i}`, String(i)]);
			});
		expect(await moves(db, bulk)).toBe(1);
		const failing = () =>
			writeInOneTransaction(db, async (w) => {
				await w.run(db.insertInto('settings').values({ key: 'lost', value_json: '1' }));
				throw new Error('stop');
			});
		expect(await moves(db, () => failing().catch(() => {}))).toBe(0);
	});

	it('moves for a file imported here, as the CLI imports it, and for one imported on its own thread, as the web does', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const here = await ks2File(dir, { year: 2018, schools: [school(100001), school(100002)] });
		expect(await moves(db, async () => expect(await importFile(db, here)).toMatchObject({ status: 'imported' }))).toBeGreaterThan(0);
		const thread = await ks2File(dir, { year: 2019, schools: [school(100001), school(100002)] });
		const offThread = async () =>
			expect(await runImportOffThread(db, { path: thread, fileName: 'thread_ks2final.csv', userId: null })).toMatchObject({ status: 'imported' });
		expect(await moves(db, offThread)).toBeGreaterThan(0);
	});
});
