import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { countingWrites } from './data-version';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

export const DEFAULT_DATABASE_PATH = 'db/triage.sqlite';

/**
 * Where the SQLite file lives. `DATABASE_URL` may be a plain path or a `file:` URL
 * (`file:db/x.sqlite`, `file:///abs/x.sqlite`). Anything else is refused with a plain message.
 */
export function databasePath(url: string | undefined = process.env.DATABASE_URL): string {
	if (!url || url.trim() === '') return resolve(DEFAULT_DATABASE_PATH);
	const value = url.trim();
	if (value === ':memory:') return value;
	if (value.startsWith('file://')) return fileURLToPath(value);
	if (value.startsWith('file:')) return resolve(value.slice('file:'.length));
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
		throw new Error(
			`DATABASE_URL "${value}" is not supported yet. Use a file path such as db/triage.sqlite.`
		);
	}
	return resolve(value);
}

/** Opens SQLite with the settings the brief asks for: WAL, foreign keys, a busy timeout. */
export function openSqlite(path: string): SQLite.Database {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SQLite(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return sqlite;
}

/**
 * A kysely instance on the SQLite file at `path`: the only way the app, the CLI, an import thread
 * and the tests open one, so that every write through it is counted in the data version (see
 * data-version.ts). `cacheStatements` keeps prepared statements for reuse, for the long-lived server.
 */
export function createDb(path: string, options: { cacheStatements?: boolean } = {}): Kysely<Database> {
	const sqlite = openSqlite(path);
	const statements = options.cacheStatements ? withStatementCache(sqlite) : sqlite;
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: countingWrites(sqlite, statements) }) });
}
