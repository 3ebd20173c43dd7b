import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';

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

/** Opens SQLite with the settings docs/architecture.md (Database) gives: WAL, foreign keys, a busy timeout. */
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
 * A function returning a mark that changes whenever anything is written to the database: by this
 * connection (SQLite's `total_changes()`, the rows it has inserted, updated or deleted) or by any
 * other (`PRAGMA data_version`, which moves when another connection commits). Reading it costs
 * two tiny statements, so it can be read on every request.
 */
export function writeMarker(sqlite: SQLite.Database): () => string {
	const totalChanges = sqlite.prepare<[], number>('SELECT total_changes()').pluck();
	return () => `${sqlite.pragma('data_version', { simple: true })}:${totalChanges.get()}`;
}

export function createDb(path: string): Kysely<Database> {
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(path) }) });
}
