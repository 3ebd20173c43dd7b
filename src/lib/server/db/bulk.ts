// Changes here are on the import's hot path: check them with `npm run bench:import`.
import SQLite from 'better-sqlite3';
import { sql, type Compilable } from 'kysely';
import { versionBump } from './data-version';
import type { Db } from './index';

/**
 * Statements built with kysely (so the SQL stays portable) but run synchronously on one
 * connection, so an import's writes are one transaction with no await inside it.
 */
export interface SyncWriter {
	run(query: Compilable): number;
	all<R>(query: Compilable<R>): R[];
	/**
	 * Prepares a statement once, for many rows: the returned function runs it with new
	 * parameters, in the order of the compiled query's parameters. This is the fast path
	 * for bulk inserts: no SQL is built or parsed per row.
	 */
	prepare(query: Compilable): (params: unknown[]) => number;
}

/** The file behind a kysely SQLite instance ('' for an in-memory database). */
export async function databaseFile(db: Db): Promise<string> {
	const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
	return rows[0]?.file ?? '';
}

/**
 * Runs `work` in one IMMEDIATE transaction on a short-lived second connection to the same
 * database file. Why a second connection: kysely's SQLite driver prepares every statement
 * afresh and is promise based; an England-sized import needs statements prepared once and a
 * transaction no other code can interleave with. If `work` throws, nothing is written. The
 * transaction also adds one to the data version (data-version.ts), once, so every cache sees the import.
 */
export async function writeInOneTransaction<T>(db: Db, work: (w: SyncWriter) => T): Promise<T> {
	const file = await databaseFile(db);
	if (file === '') throw new Error('Imports need a database file; an in-memory database cannot be shared.');
	const raw = new SQLite(file, { fileMustExist: true });
	try {
		raw.pragma('foreign_keys = ON');
		raw.pragma('busy_timeout = 5000');
		const writer: SyncWriter = {
			run(query) {
				const c = query.compile();
				return raw.prepare(c.sql).run(...(c.parameters as unknown[])).changes;
			},
			all<R>(query: Compilable<R>) {
				const c = query.compile();
				return raw.prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
			},
			prepare(query) {
				const statement = raw.prepare(query.compile().sql);
				return (params) => statement.run(params).changes;
			}
		};
		const bump = versionBump(raw);
		return raw
			.transaction(() => {
				const result = work(writer);
				bump();
				return result;
			})
			.immediate();
	} finally {
		raw.close();
	}
}
