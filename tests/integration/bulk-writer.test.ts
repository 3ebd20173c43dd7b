// The import's writer (src/lib/server/db/bulk.ts) on either database: on PostgreSQL its prepared
// INSERTs travel as COPY, which has a text format of its own, gathers rows across calls, and
// reports a failure later than an INSERT would. The rows, their order and the one transaction stay
// as they are on SQLite.
import { describe, expect, it } from 'vitest';
import { dataVersion, type Db } from '../../src/lib/server/db';
import { writeInOneTransaction } from '../../src/lib/server/db/bulk';
import { freshDb, UNIQUE_VIOLATION } from '../helpers/db';

/** Text that COPY's format escapes or could mistake for something else, and some that it need not. */
const AWKWARD = ['a\tb', 'two\nlines', 'cr\r\nlf', 'back\\slash', '\\N', '\\.', '', ' ', 'null', 'ünïcödé ✓ 😀', '"quoted", with a comma'];

const settings = async (db: Db) => db.selectFrom('settings').select(['key', 'value_json']).where('key', 'like', 'bulk %').orderBy('key').execute();

describe('the import writer', () => {
	it('stores text exactly as given, in batches and one by one, and reads its own rows in order', async () => {
		const db = await freshDb();
		const counted = await writeInOneTransaction(db, async (w) => {
			const batch = w.prepare(db.insertInto('settings').values(AWKWARD.map(() => ({ key: '', value_json: '' }))));
			expect(await batch(AWKWARD.flatMap((v, i) => [`bulk ${String(i).padStart(2, '0')}`, v]))).toBe(AWKWARD.length);
			const one = w.prepare(db.insertInto('settings').values({ key: '', value_json: '' }));
			for (const [i, v] of AWKWARD.entries()) expect(await one([`bulk one ${String(i).padStart(2, '0')}`, v])).toBe(1);
			// A statement after the inserts sees every row they gave.
			return w.all(
				db
					.selectFrom('settings')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('key', 'like', 'bulk %')
			);
		});
		expect(Number(counted[0].n)).toBe(2 * AWKWARD.length);
		const stored = await settings(db);
		expect(stored.filter((r) => !r.key.startsWith('bulk one')).map((r) => r.value_json)).toEqual(AWKWARD);
		expect(stored.filter((r) => r.key.startsWith('bulk one')).map((r) => r.value_json)).toEqual(AWKWARD);
	});

	it('writes nothing, and leaves the data version, when an insert fails, even after other statements ran', async () => {
		const db = await freshDb();
		const before = await dataVersion(db);
		const failing = writeInOneTransaction(db, async (w) => {
			await w.run(db.insertInto('settings').values({ key: 'bulk first', value_json: '1' }));
			const add = w.prepare(db.insertInto('settings').values({ key: '', value_json: '' }));
			for (let i = 0; i < 1000; i++) await add([`bulk ${i}`, String(i)]);
			await add(['bulk 7', 'again']);
		});
		await expect(failing).rejects.toThrow(UNIQUE_VIOLATION);
		expect(await settings(db)).toEqual([]);
		expect(await dataVersion(db)).toBe(before);
	});

	it('sends many rows while they are still coming, sees them all, and writes nothing when one fails part-way', async () => {
		const db = await freshDb();
		// Several hundred thousand characters: on PostgreSQL the COPY is under way long before the last row.
		const long = 'x'.repeat(200);
		const count = await writeInOneTransaction(db, async (w) => {
			const add = w.prepare(db.insertInto('settings').values({ key: '', value_json: '' }));
			for (let i = 0; i < 3000; i++) await add([`bulk ${String(i).padStart(4, '0')}`, long]);
			return w.all(
				db
					.selectFrom('settings')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('key', 'like', 'bulk %')
			);
		});
		expect(Number(count[0].n)).toBe(3000);
		const before = await dataVersion(db);
		const failing = writeInOneTransaction(db, async (w) => {
			const add = w.prepare(db.insertInto('settings').values({ key: '', value_json: '' }));
			for (let i = 0; i < 3000; i++) await add([i === 1500 ? 'bulk 0007' : `bulk again ${i}`, long]);
		});
		await expect(failing).rejects.toThrow(UNIQUE_VIOLATION);
		expect((await settings(db)).filter((r) => r.key.startsWith('bulk again'))).toEqual([]);
		expect(await dataVersion(db)).toBe(before);
	});
});
