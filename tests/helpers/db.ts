import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { Db } from '../../src/lib/server/db';

const open: { db: Db; dir: string }[] = [];

/** A new SQLite file with every real migration applied. Closed and deleted after each test. */
export async function freshDb(): Promise<Db> {
	const dir = mkdtempSync(join(tmpdir(), 'triage-test-'));
	const db = createDb(join(dir, 'test.sqlite'));
	await migrateToLatest(db);
	open.push({ db, dir });
	return db;
}

afterEach(async () => {
	for (const { db, dir } of open.splice(0)) {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
});
