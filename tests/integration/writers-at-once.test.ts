// Writers at the same time, as two app servers on one database (or two people on one) make them:
// two imports, two plans and two bookings at once leave nothing duplicated and nothing lost.
// On PostgreSQL each writer has a connection of its own, as a second app server has. SQLite is one
// process's file with one writer: a second connection in this same process would wait on the first's
// lock, so there the two share the app server's one connection, as two requests to it do.
import { describe, expect, it } from 'vitest';
import { anotherConnection, freshDb } from '../helpers/db';
import { ks2File, school, tempDir, importFile } from './import-fixtures';
import { BEFORE_YEAR, scheduleWorld } from './schedule-fixtures';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { importHistory } from '../../src/lib/server/import/history';
import { rollbackImport } from '../../src/lib/server/import/rollback';
import { runImportOffThread } from '../../src/lib/server/import/off-thread';
import { planYear } from '../../src/lib/server/schedule';
import { Refusal } from '../../src/lib/domain/refusal';
import { runAnalysis } from '../../src/lib/server/analysis';
import { smallLa, URNS } from './analysis-fixtures';
import type { Db } from '../../src/lib/server/db';

function secondWriter(db: Db): Db {
	return dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
}

async function resultRows(db: Db) {
	return db.selectFrom('ks2_results').select(['urn', 'year', 'import_id']).orderBy('year').orderBy('urn').execute();
}

/** Two files of one year for the same 3,000 schools: enough that two writes overlap, as a county's files would. */
async function twoCountyFiles() {
	const dir = tempDir();
	const urns = Array.from({ length: 3000 }, (_, i) => 100001 + i);
	const schools = urns.map((urn) => school(urn));
	const [a, b] = await Promise.all([
		ks2File(dir, { year: 2019, schools, seed: 1, name: 'first_ks2final.csv' }),
		ks2File(dir, { year: 2019, schools, seed: 2, name: 'second_ks2final.csv' })
	]);
	return { urns, a, b };
}

describe('writers at the same time', () => {
	it('two imports of different years at once both land whole', async () => {
		const db = await freshDb();
		const other = secondWriter(db);
		const dir = tempDir();
		const schools = [school(100001), school(100002), school(100003)];
		const [a, b] = await Promise.all([
			ks2File(dir, { year: 2018, schools, name: '2017-2018_850_ks2final.csv' }),
			ks2File(dir, { year: 2019, schools, name: '2018-2019_850_ks2final.csv' })
		]);
		const outcomes = await Promise.all([importFile(db, a), importFile(other, b)]);
		expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported']);
		const rows = await resultRows(db);
		expect(rows.map((r) => `${r.year}:${r.urn}`)).toEqual(['2018:100001', '2018:100002', '2018:100003', '2019:100001', '2019:100002', '2019:100003']);
		expect((await importHistory(db)).filter((h) => h.rolledBackAt === null)).toHaveLength(2);
	});

	it('two imports of the same year and LA at once: one replaces the other, each school once, and the first kept for rollback', async () => {
		const db = await freshDb();
		const other = secondWriter(db);
		const { urns, a, b } = await twoCountyFiles();
		// As the web server runs them: each on a thread of its own.
		const outcomes = await Promise.all([
			runImportOffThread(db, { path: a, fileName: '2018-2019_850_ks2final.csv', userId: null }),
			runImportOffThread(other, { path: b, fileName: '2018-2019_850_ks2final.csv', userId: null })
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported']);
		const ids = outcomes.map((o) => (o.status === 'imported' ? o.importId : 0));
		const rows = await resultRows(db);
		expect(rows.map((r) => r.urn)).toEqual(urns);
		// Whichever wrote second holds every row; the first's rows wait in the replaced table for a rollback.
		const last = rows[0].import_id;
		expect(ids).toContain(last);
		expect(new Set(rows.map((r) => r.import_id))).toEqual(new Set([last]));
		const kept = await db.selectFrom('ks2_results_replaced').select(['urn', 'import_id', 'replaced_by']).orderBy('urn').execute();
		const first = ids.find((id) => id !== last);
		expect(kept).toEqual(urns.map((urn) => ({ urn, import_id: first, replaced_by: last })));
	});

	it('a rollback while a later import of the same data lands: either the rollback goes first, or it is refused; nothing comes back', async () => {
		const db = await freshDb();
		const other = secondWriter(db);
		const { urns, a, b } = await twoCountyFiles();
		const first = await importFile(db, a);
		if (first.status !== 'imported') throw new Error('the first import failed');
		const [second, rollback] = await Promise.all([
			runImportOffThread(db, { path: b, fileName: '2018-2019_850_ks2final.csv', userId: null }),
			rollbackImport(other, first.importId, null, 'Wrong file')
		]);
		expect(second.status).toBe('imported');
		const rows = await resultRows(db);
		expect(rows.map((r) => r.urn)).toEqual(urns);
		expect(new Set(rows.map((r) => r.import_id))).toEqual(new Set([second.status === 'imported' ? second.importId : 0]));
		const kept = await db.selectFrom('ks2_results_replaced').select('import_id').where('import_id', '=', first.importId).execute();
		const record = (await importHistory(db)).find((h) => h.id === first.importId)!;
		if (rollback.ok) {
			// Rolled back before the second import wrote: its rows are gone for good.
			expect(record.rolledBackAt).not.toBeNull();
			expect(kept).toEqual([]);
		} else {
			// The second import landed first: the rollback is refused and the first import's rows wait to come back.
			expect(rollback.message).toMatch(/came later and changed the same data/);
			expect(record.rolledBackAt).toBeNull();
			expect(kept).toHaveLength(urns.length);
		}
	});

	it('two plans of the same year at once: one plans it, the other is told, and no engagement is there twice', async () => {
		const db = await freshDb();
		const other = secondWriter(db);
		const w = await scheduleWorld(db);
		const outcomes = await Promise.allSettled([planYear(db, w.admin.id, w.year, BEFORE_YEAR), planYear(other, w.lead.id, w.year, BEFORE_YEAR)]);
		const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
		// Usually the second is refused; if the first had finished before the second began, the second re-planned it.
		for (const r of refused) {
			expect(r.reason).toBeInstanceOf(Refusal);
			expect((r.reason as Refusal).message).toBe(
				'2026/27 was planned by someone else while this plan was being made. Look at the schedule as it is now, and plan the year again if it still needs it.'
			);
		}
		const rows = await db.selectFrom('engagements').select(['plan_key', 'status']).where('year', '=', w.year).execute();
		const live = rows.filter((r) => r.status !== 'cancelled').map((r) => r.plan_key);
		expect(new Set(live).size).toBe(live.length);
		// As many as one plan alone makes (see schedule-planning.test.ts).
		expect(live).toHaveLength(32);
		const runs = await db.selectFrom('plan_runs').select('kind').where('year', '=', w.year).orderBy('id').execute();
		expect(runs.map((r) => r.kind)).toEqual(refused.length === 1 ? ['plan'] : ['plan', 'replan']);
	});

	it('two analysis runs of the same year at once: both are stored, one after the other, and each school has one category', async () => {
		const db = await freshDb();
		const other = secondWriter(db);
		const { analyst, lead } = await smallLa(db);
		const outcomes = await Promise.all([runAnalysis(db, { year: 2019, userId: analyst.id }), runAnalysis(other, { year: 2019, userId: lead.id })]);
		expect(outcomes.map((o) => o.run.year)).toEqual([2019, 2019]);
		const categories = await db.selectFrom('school_categories').select('urn').where('year', '=', 2019).execute();
		expect(categories).toHaveLength(Object.keys(URNS).length);
		const proposed = await db.selectFrom('category_history').select('urn').where('year', '=', 2019).where('action', '=', 'proposed').execute();
		expect(proposed).toHaveLength(Object.keys(URNS).length);
	});
});
