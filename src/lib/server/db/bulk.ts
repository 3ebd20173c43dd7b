// Changes here are on the import's hot path: check them with `npm run bench:import`.
import SQLite from 'better-sqlite3';
import { CompiledQuery, sql, type Compilable, type Transaction } from 'kysely';
import { versionBump } from './data-version';
import { dialectOf, oneAtATime } from './dialect';
import { postgresUrlOf } from './connection';
import type { Database, Db } from './index';

/**
 * Statements built with kysely (so the SQL stays portable) and run inside an import's one
 * transaction, on whichever database the app uses.
 */
export interface BulkWriter {
	/** Runs a statement; resolves to the number of rows it changed. */
	run(query: Compilable): Promise<number>;
	all<R>(query: Compilable<R>): Promise<R[]>;
	/**
	 * Prepares a statement once, for many rows: the returned function runs it with new
	 * parameters, in the order of the compiled query's parameters. This is the fast path
	 * for bulk inserts: no SQL is built per row (and on SQLite none is parsed either).
	 */
	prepare(query: Compilable): (params: unknown[]) => Promise<number>;
}

/** The file behind a kysely SQLite instance ('' for an in-memory database). */
export async function databaseFile(db: Db): Promise<string> {
	const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
	return rows[0]?.file ?? '';
}

/**
 * What another thread opens (with createDb) to reach the same database: the SQLite file, or the
 * PostgreSQL URL. '' for an in-memory SQLite database, which no other connection can share.
 */
export async function databaseLocation(db: Db): Promise<string> {
	if (dialectOf(db) === 'postgres') {
		const url = postgresUrlOf(db);
		if (url === null) throw new Error('This PostgreSQL database was not opened by createDb, so another thread cannot open it.');
		return url;
	}
	return databaseFile(db);
}

/**
 * Runs `work` in one transaction: if it throws, nothing is written. The transaction also adds one
 * to the data version (data-version.ts), once, so every cache sees the import.
 *
 * On PostgreSQL it is an ordinary transaction on one of the pool's connections, with multi-row
 * inserts, that first waits for any other import's (or rollback's) to end. On SQLite it is an
 * IMMEDIATE transaction on a short-lived second connection to the same file, whose statements
 * are prepared once for every row: kysely's SQLite driver prepares each statement afresh, which an
 * England-sized import cannot afford. Every statement there runs
 * synchronously, so the transaction never waits on anything but itself.
 */
export async function writeInOneTransaction<T>(db: Db, work: (w: BulkWriter) => Promise<T>): Promise<T> {
	if (dialectOf(db) === 'postgres') {
		return db.transaction().execute(async (trx) => {
			await oneAtATime(trx, 'imports');
			return work(postgresWriter(trx));
		});
	}
	const turn = sqliteWriters.then(() => inSqlite(db, work));
	sqliteWriters = turn.then(
		() => undefined,
		() => undefined
	);
	return turn;
}

/** Imports in this process wait their turn here on SQLite (for imports on other threads, see importTurn). */
let sqliteWriters: Promise<unknown> = Promise.resolve();

/** The end of the queue of imports on threads of their own waiting to write. */
let threadWriters: Promise<void> = Promise.resolve();

/**
 * For an import that will write on a thread of its own (import/off-thread.ts): waits for its turn,
 * and returns what ends it. On SQLite one import writes at a time, since two write transactions on
 * two threads would make the later wait on SQLite's busy timeout, and fail if the first took longer
 * than that (England's EES data set takes seconds to write). PostgreSQL queues imports itself,
 * across app servers (see writeInOneTransaction), so there the turn comes at once.
 */
export function importTurn(db: Db): Promise<() => void> {
	if (dialectOf(db) === 'postgres') return Promise.resolve(() => {});
	let end!: () => void;
	const turn = new Promise<void>((resolve) => (end = resolve));
	const start = threadWriters.then(() => end);
	threadWriters = threadWriters.then(() => turn);
	return start;
}

async function inSqlite<T>(db: Db, work: (w: BulkWriter) => Promise<T>): Promise<T> {
	const file = await databaseFile(db);
	if (file === '') throw new Error('Imports need a database file; an in-memory database cannot be shared.');
	const raw = new SQLite(file, { fileMustExist: true });
	try {
		raw.pragma('foreign_keys = ON');
		raw.pragma('busy_timeout = 5000');
		const bump = versionBump(raw);
		raw.prepare('BEGIN IMMEDIATE').run();
		try {
			const result = await work(sqliteWriter(raw));
			bump();
			raw.prepare('COMMIT').run();
			return result;
		} catch (e) {
			if (raw.inTransaction) raw.prepare('ROLLBACK').run();
			throw e;
		}
	} finally {
		raw.close();
	}
}

function sqliteWriter(raw: SQLite.Database): BulkWriter {
	return {
		async run(query) {
			const c = query.compile();
			return raw.prepare(c.sql).run(...(c.parameters as unknown[])).changes;
		},
		async all<R>(query: Compilable<R>) {
			const c = query.compile();
			return raw.prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
		},
		prepare(query) {
			const statement = raw.prepare(query.compile().sql);
			return async (params) => statement.run(params).changes;
		}
	};
}

function postgresWriter(trx: Transaction<Database>): BulkWriter {
	const changes = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);
	return {
		async run(query) {
			return changes(await trx.executeQuery(query.compile()));
		},
		async all<R>(query: Compilable<R>) {
			return (await trx.executeQuery(query.compile())).rows;
		},
		prepare(query) {
			const compiled = query.compile();
			// A copy: kysely freezes the parameters it is given, and callers fill one array again for each batch.
			return async (params) => changes(await trx.executeQuery(CompiledQuery.raw(compiled.sql, [...params])));
		}
	};
}
