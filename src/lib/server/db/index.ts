import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { databaseTarget, openPostgresPool, openSqlite, writeMarker } from './connection';
import { withStatementCache } from './statement-cache';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type { Database } from './schema';

let instance: { db: Db; writeVersion: () => string } | undefined;

function open() {
	if (!instance) {
		const target = databaseTarget();
		if (target.dialect === 'postgres') {
			// No cheap mark of writes by other servers yet: every read says "changed", so no page is kept.
			let reads = 0;
			instance = { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: openPostgresPool(target.url) }) }), writeVersion: () => `pg:${++reads}` };
		} else {
			const sqlite = openSqlite(target.path);
			instance = { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), writeVersion: writeMarker(sqlite) };
		}
	}
	return instance;
}

/** The app's single Kysely instance, opened on first use from DATABASE_URL. */
export function db(): Db {
	return open().db;
}

/** A mark that changes whenever anything at all is written to the app's database, by anyone. */
export function writeVersion(): string {
	return open().writeVersion();
}

export async function closeDb(): Promise<void> {
	await instance?.db.destroy();
	instance = undefined;
}
