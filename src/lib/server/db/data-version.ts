import type SQLite from 'better-sqlite3';
import type { CompiledQuery, PostgresPool, PostgresPoolClient, PostgresQueryResult, SqliteDatabase, SqliteStatement } from 'kysely';
import type { Db } from './index';
import { copyIn, CopyStream } from './pg-copy';

/*
 * How the in-memory caches (whole pages, the overview's figures) know that the data changed.
 *
 * The database keeps one number, in the one-row table `data_version`, and every transaction that
 * writes anything also adds one to it, in that same transaction. So the number moves exactly when
 * a change is committed, whichever process or thread made it, and a cache keeps its copy only while
 * the number is still the one it read before building that copy: one read of one row per request.
 *
 * Nobody who writes has to remember it, and no list of tables is kept:
 * - every kysely connection (the app's, the CLI's, an import thread's, the tests') is opened by
 *   createDb (connection.ts), which puts `countingWrites` between kysely and SQLite. SQLite itself
 *   says whether a statement writes (`readonly`), so a table added later is covered as it is made;
 * - the import's own bulk connection (bulk.ts) adds one in its single transaction, once, not per row,
 *   so an England-sized import costs one more statement;
 * - tests/integration/data-version.test.ts fails if code outside this folder opens a connection.
 *
 * A write made around the app altogether (the sqlite3 shell on the file) is not seen until the next
 * write through the app; after one, run `UPDATE data_version SET version = version + 1`.
 *
 * On PostgreSQL (several app servers on one database) the row and the read are the same, and
 * `countingPool` adds the one: pg reports each statement's command and row count, so a transaction
 * that wrote adds one just before its COMMIT. The row is locked only for that moment, not for the
 * whole transaction, so an import that takes a minute does not hold up everyone else's writes.
 */

/** The read, compiled once per database: it is made on every request, and building it costs as much as running it. */
const reads = new WeakMap<Db, CompiledQuery<{ version: number }>>();

/** A value that is different after any change committed to the database, by anyone. Compare with `===`. */
export async function dataVersion(db: Db): Promise<string> {
	let read = reads.get(db);
	if (!read) reads.set(db, (read = db.selectFrom('data_version').select('version').where('id', '=', 1).compile()));
	const { rows } = await db.executeQuery(read);
	if (rows.length === 0) throw new Error('The database has no data_version row: run the migrations (npm run triage -- migrate).');
	return String(rows[0].version);
}

/** Were the row ever deleted, `dataVersion` would fail on every request rather than miss a change. */
const BUMP = 'UPDATE data_version SET version = version + 1 WHERE id = 1';

/**
 * Adds one to the data version, in the transaction open on `sqlite`. Until the migration that makes
 * the table has run, there is nothing to count and it does nothing.
 */
export function versionBump(sqlite: SQLite.Database): () => void {
	let statement: SQLite.Statement | null = null;
	return () => {
		try {
			statement ??= sqlite.prepare(BUMP);
			statement.run();
		} catch (e) {
			// Before the migration that makes the table, or after it was undone: nothing to count.
			if (!(e instanceof Error && /no such table: data_version/.test(e.message))) throw e;
			statement = null;
		}
	};
}

/** Where statements come from: the connection itself or a cache of its prepared statements. */
export interface StatementSource {
	prepare(sql: string): SQLite.Statement;
	close(): void;
}

/** Statements that start a transaction, or cannot run in one, and change no table's rows. */
const NOT_IN_A_TRANSACTION = /^\s*(begin|vacuum|pragma|attach|detach)\b/i;

/** Statements that change rows, and so change something only when they changed a row. The rest (CREATE, DROP, ALTER) always do. */
const CHANGES_ROWS = /^\s*(with|insert|update|delete|replace)\b/i;

/**
 * SQLite as kysely's SqliteDialect sees it, with every write counted in the data version. Reads
 * are the connection's own statements, untouched. A statement that changed something (a row, by
 * itself or through a trigger, or the schema) adds one to the version after it runs: inside a
 * transaction, once per transaction (and again after a savepoint, which may be rolled back);
 * outside one, the statement and the count run in a transaction of their own. An UPDATE or DELETE
 * that matched no row changes nothing, so it keeps every cache.
 */
export function countingWrites(sqlite: SQLite.Database, statements: StatementSource = sqlite): SqliteDatabase {
	const bump = versionBump(sqlite);
	const totalChanges = sqlite.prepare<[], number>('SELECT total_changes()').pluck();
	/** Whether the transaction open now has been counted already. */
	let counted = false;
	/** Runs a statement, and says whether it changed anything. */
	function changed<R>(sql: string, run: () => R): { result: R; changed: boolean } {
		const before = totalChanges.get();
		const result = run();
		return { result, changed: !CHANGES_ROWS.test(sql) || totalChanges.get() !== before };
	}
	const alone = sqlite.transaction(<R>(sql: string, run: () => R): R => {
		const ran = changed(sql, run);
		if (ran.changed) bump();
		return ran.result;
	});
	function write<R>(sql: string, run: () => R): R {
		if (!sqlite.inTransaction) return alone.immediate(sql, run) as R;
		const ran = changed(sql, run);
		if (ran.changed && !counted) {
			bump();
			counted = true;
		}
		return ran.result;
	}
	return {
		close: () => statements.close(),
		prepare(sql: string): SqliteStatement {
			const statement = statements.prepare(sql);
			if (statement.readonly) {
				// BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE: whatever comes next is counted afresh.
				if (!statement.reader) counted = false;
				return statement;
			}
			if (NOT_IN_A_TRANSACTION.test(sql)) {
				counted = false;
				return statement;
			}
			return {
				reader: statement.reader,
				run: (parameters) => write(sql, () => statement.run(parameters)),
				all: (parameters) => write(sql, () => statement.all(parameters)),
				// Kysely streams only selects; a write is run whole and its rows handed out.
				iterate: (parameters) => write(sql, () => statement.all(parameters))[Symbol.iterator]()
			};
		}
	};
}

/** What pg reports for statements that change rows only when they matched one. */
const PG_ROW_WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);
/** What pg reports for statements that change nothing. The rest (CREATE, ALTER, DROP, TRUNCATE) change the schema or every row. */
const PG_NO_CHANGE = new Set(['SELECT', 'SHOW', 'SET', 'RESET', 'BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'EXPLAIN', 'LOCK', 'FETCH', 'DECLARE', 'CLOSE', 'LISTEN', 'NOTIFY']);

const PG_BUMP = `DO $$ BEGIN IF to_regclass('data_version') IS NOT NULL THEN ${BUMP}; END IF; END $$`;

type PgResult = PostgresQueryResult<unknown> & { command?: string };

/** Whether what pg answered says the statement changed something. Several statements sent at once answer with a list. */
function pgChanged(result: PgResult | PgResult[]): boolean {
	if (Array.isArray(result)) return result.some(pgChanged);
	const command = (result.command ?? '').toUpperCase();
	if (PG_ROW_WRITES.has(command)) return Number(result.rowCount ?? 0) > 0;
	return command !== '' && !PG_NO_CHANGE.has(command);
}

/**
 * A PostgreSQL pool as kysely's PostgresDialect sees it, with every committed write counted in the
 * data version. Each connection follows its own transaction from the BEGIN, COMMIT and ROLLBACK
 * kysely sends: a transaction that changed a row adds one to the version just before it commits,
 * and a write outside a transaction adds one straight after it (so a page built between the two is
 * only rebuilt once more, never kept stale). Until the migration that makes the table has run, there
 * is nothing to count.
 */
export function countingPool(pool: PostgresPool): PostgresPool {
	/**
	 * One statement that never fails, since a failed statement would abort the transaction it is in:
	 * before the migration that makes the table (or after it is undone) there is nothing to count.
	 */
	const bump = (client: PostgresPoolClient) => client.query(PG_BUMP, []);
	return {
		end: () => pool.end(),
		async connect(): Promise<PostgresPoolClient> {
			const client = await pool.connect();
			let inTransaction = false;
			let wrote = false;
			async function run(text: string, parameters: readonly unknown[]) {
				const first = /^\s*(\w+)/.exec(text)?.[1].toLowerCase() ?? '';
				if (first === 'begin' || first === 'start') {
					inTransaction = true;
					wrote = false;
				} else if (first === 'commit' || first === 'end') {
					if (inTransaction && wrote) await bump(client);
					inTransaction = false;
				} else if (first === 'rollback' && !/^\s*rollback\s+to\b/i.test(text)) {
					inTransaction = false;
				} else {
					const result = (
						parameters[0] instanceof CopyStream ? await copyIn(client, text, parameters[0]) : await client.query(text, parameters)
					) as PgResult | PgResult[];
					if (pgChanged(result)) {
						if (inTransaction) wrote = true;
						else await bump(client);
					}
					return result as PostgresQueryResult<unknown>;
				}
				return client.query(text, parameters);
			}
			return {
				query: ((textOrCursor: unknown, parameters?: readonly unknown[]) =>
					typeof textOrCursor === 'string' ? run(textOrCursor, parameters ?? []) : client.query(textOrCursor as never)) as PostgresPoolClient['query'],
				release: () => client.release()
			};
		}
	};
}
