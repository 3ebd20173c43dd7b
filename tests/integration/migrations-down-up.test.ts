import { Migrator, NO_MIGRATIONS } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { freshDb } from '../helpers/db';

// Runs in both integration projects: on SQLite, and on PostgreSQL where 0009, 0010 and 0012 alter
// tables in place rather than rebuild them.
describe('db/migrations on the project database', () => {
	it('every migration goes down, newest first, and up again in name order', async () => {
		const db = await freshDb();
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		const down = await migrator.migrateTo(NO_MIGRATIONS);
		expect(down.error).toBeUndefined();
		expect(down.results?.map((r) => `${r.direction} ${r.migrationName} ${r.status}`)).toEqual(
			Object.keys(migrations)
				.reverse()
				.map((name) => `Down ${name} Success`)
		);
		expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
		const policies = await db.selectFrom('policy_versions').select('status').execute();
		expect(policies).toEqual([{ status: 'adopted' }]);
	});
});
