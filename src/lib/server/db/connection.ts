import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { countingPool, countingWrites } from './data-version';
import { withObjectRows } from './object-rows';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

export const DEFAULT_DATABASE_PATH = 'db/triage.sqlite';

/** The database `DATABASE_URL` names: a SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/**
 * What `DATABASE_URL` names. A plain path or a `file:` URL (`file:db/x.sqlite`, `file:///abs/x.sqlite`)
 * is a SQLite file; `postgres://` or `postgresql://` is a PostgreSQL database. Anything else is
 * refused with a plain message.
 */
export function databaseTarget(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
	if (!url || url.trim() === '') return { dialect: 'sqlite', path: resolve(DEFAULT_DATABASE_PATH) };
	const value = url.trim();
	if (value === ':memory:') return { dialect: 'sqlite', path: value };
	if (value.startsWith('file://')) return { dialect: 'sqlite', path: fileURLToPath(value) };
	if (value.startsWith('file:')) return { dialect: 'sqlite', path: resolve(value.slice('file:'.length)) };
	if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: 'postgres', url: value };
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
		throw new Error(`DATABASE_URL "${value}" is not supported. Use a file path such as db/triage.sqlite, or postgres://user@host:5432/triage.`);
	}
	return { dialect: 'sqlite', path: resolve(value) };
}

/** Where the SQLite file lives; refused with a plain message when `DATABASE_URL` is a PostgreSQL database. */
export function databasePath(url: string | undefined = process.env.DATABASE_URL): string {
	const target = databaseTarget(url);
	if (target.dialect !== 'sqlite') throw new Error(`DATABASE_URL names a PostgreSQL database, not a SQLite file.`);
	return target.path;
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
 * The PostgreSQL driver, loaded the first time a `postgres://` database is opened: most
 * installations run on SQLite, and loading it costs every CLI command about a tenth of a second.
 */
let loadedDriver: typeof pg | undefined;
function pgDriver(): typeof pg {
	loadedDriver ??= createRequire(import.meta.url)('pg') as typeof pg;
	return loadedDriver;
}

/**
 * How PostgreSQL values come back: as SQLite gives them. `count(*)` and `sum()` of integers are
 * bigint, and `avg()` is numeric, which pg returns as strings to keep every digit; the app's counts
 * and averages fit a JavaScript number, so they are numbers, as on SQLite.
 */
function pgTypes(driver: typeof pg): pg.CustomTypesConfig {
	return {
		getTypeParser(oid: number, format?: 'text' | 'binary') {
			if (oid === driver.types.builtins.INT8 || oid === driver.types.builtins.NUMERIC) return (value: string) => Number(value);
			return driver.types.getTypeParser(oid, format);
		}
	} as pg.CustomTypesConfig;
}

/** A pool of connections to a PostgreSQL database, returning values as the app expects them. */
export function openPostgresPool(url: string, max = 10): pg.Pool {
	const driver = pgDriver();
	const pool = new driver.Pool({ connectionString: url, max, types: pgTypes(driver) });
	// An idle connection the server closed (a restart, a failover) is dropped and replaced by the pool, not a crash.
	pool.on('error', () => {});
	return pool;
}

/** The URL each PostgreSQL database was opened with, for another thread to open it again. */
const postgresUrls = new WeakMap<Kysely<Database>, string>();

/** The PostgreSQL URL `db` was opened with by createDb, or null for SQLite. */
export function postgresUrlOf(db: Kysely<Database>): string | null {
	return postgresUrls.get(db) ?? null;
}

/**
 * Opens the database at a SQLite path or a `postgres://` URL, as `DATABASE_URL` would name it: the
 * only way the app, the CLI, an import thread and the tests open one, so that every write through
 * it is counted in the data version (see data-version.ts). `cacheStatements` keeps SQLite's prepared
 * statements for reuse, for the long-lived server. On SQLite, rows are read as arrays and made
 * into objects in JavaScript (object-rows.ts): several times quicker for rows of many columns.
 */
export function createDb(pathOrUrl: string, options: { cacheStatements?: boolean } = {}): Kysely<Database> {
	const target = databaseTarget(pathOrUrl);
	if (target.dialect === 'postgres') {
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: countingPool(openPostgresPool(target.url)) }) });
		postgresUrls.set(db, target.url);
		return db;
	}
	const sqlite = openSqlite(target.path);
	const statements = withObjectRows(options.cacheStatements ? withStatementCache(sqlite) : sqlite);
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: countingWrites(sqlite, statements) }) });
}
