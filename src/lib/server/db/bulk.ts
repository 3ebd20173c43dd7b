// Changes here are on the import's hot path: check them with `npm run bench:import`.
import SQLite from 'better-sqlite3';
import { CompiledQuery, InsertQueryNode, sql, ValueListNode, ValueNode, ValuesNode, type Compilable, type RootOperationNode, type Transaction } from 'kysely';
import { CopyRows, CopyStream } from './pg-copy';
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
	 * for bulk inserts: no SQL is built per row. On SQLite none is parsed either; on PostgreSQL
	 * a plain INSERT's rows are sent with COPY as they come, without waiting for the server, and may
	 * fail only when the next other statement runs or the work ends: either way inside the one transaction.
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
 * On PostgreSQL it is an ordinary transaction on one of the pool's connections, that first waits
 * for any other import's (or rollback's) to end; its bulk inserts are sent with COPY, streamed
 * to the server as they are made (see postgresWriter). On SQLite it is an
 * IMMEDIATE transaction on a short-lived second connection to the same file, whose statements
 * are prepared once for every row: kysely's SQLite driver prepares each statement afresh, which an
 * England-sized import cannot afford. Every statement there runs
 * synchronously, so the transaction never waits on anything but itself.
 */
export async function writeInOneTransaction<T>(db: Db, work: (w: BulkWriter) => Promise<T>): Promise<T> {
	if (dialectOf(db) === 'postgres') {
		return db.transaction().execute(async (trx) => {
			await oneAtATime(trx, 'imports');
			const { writer, flush } = postgresWriter(trx);
			const result = await work(writer);
			await flush();
			return result;
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

/** How much COPY text (in UTF-16 code units) the PostgreSQL writer gathers before it sends it: a quarter of a megabyte. */
const COPY_SIZE = 1 << 18;

/**
 * The PostgreSQL writer, and `flush`, to run before the transaction commits. A prepared plain INSERT
 * of parameters (see copyStatement) sends its rows with COPY (pg-copy.ts) rather than the callers'
 * batches of ROWS_PER_INSERT: COPY parses each value once and plans nothing. One COPY stays open
 * for as long as no other statement comes between, and its rows are sent as they come, a piece of
 * COPY_SIZE at a time, without waiting for the server: it stores each piece while node makes the
 * next. Any other statement first ends the COPY and waits for it, so statements still run in the
 * order they were given and see what was written before them; a COPY that fails does so at the
 * next statement, at the next row once the server has said so, or at `flush`, failing the import
 * all the same.
 */
function postgresWriter(trx: Transaction<Database>): { writer: BulkWriter; flush: () => Promise<void> } {
	const changes = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);
	/** The COPY being written: its rows not sent yet, and once the first piece is sent, its input and its answer. */
	let pending: { sql: string; rows: CopyRows; stream: CopyStream | null; done: Promise<unknown> | null } | null = null;
	const send = (copy: NonNullable<typeof pending>) => {
		if (copy.stream === null) {
			copy.stream = new CopyStream();
			copy.done = trx.executeQuery(CompiledQuery.raw(copy.sql, [copy.stream]));
			// Awaited by flush; until then a failure must not count as unhandled.
			copy.done.catch(() => {});
		}
		const rows = copy.rows;
		copy.rows = new CopyRows();
		return copy.stream.write(rows);
	};
	const flush = async () => {
		if (pending === null) return;
		const copy = pending;
		pending = null;
		// Its only row was INSERTed instead (see CopyRows.add): there is no COPY to end.
		if (copy.stream === null && copy.rows.rows === 0) return;
		await send(copy);
		copy.stream!.end();
		await copy.done;
	};
	const execute = async <R>(query: CompiledQuery<R>) => {
		await flush();
		return trx.executeQuery(query);
	};
	const writer: BulkWriter = {
		async run(query) {
			return changes(await execute(query.compile()));
		},
		async all<R>(query: Compilable<R>) {
			return (await execute(query.compile())).rows;
		},
		prepare(query) {
			const compiled = query.compile();
			// A copy: kysely freezes the parameters it is given, and callers fill one array again for each batch.
			const insert = async (params: unknown[]) => changes(await execute(CompiledQuery.raw(compiled.sql, [...params])));
			const copy = copyStatement(compiled.query);
			if (copy === null) return insert;
			return async (params) => {
				// Another statement's COPY ends first; so does one the server has refused, failing the import now.
				if (pending !== null && (pending.sql !== copy.sql || pending.stream?.failed)) await flush();
				pending ??= { sql: copy.sql, rows: new CopyRows(), stream: null, done: null };
				const into = pending.rows;
				const before = into.rows;
				if (!into.add(params, copy.columns)) return insert(params);
				const added = into.rows - before;
				if (into.size >= COPY_SIZE) await send(pending);
				return added;
			};
		}
	};
	return { writer, flush };
}

/** What a plain INSERT of rows has; any other part (RETURNING, ON CONFLICT, WITH...) makes it more than COPY can do. */
const PLAIN_INSERT = new Set(['kind', 'into', 'columns', 'values']);

/**
 * The COPY that does what `query` does, when it is a plain INSERT of rows of parameters (no
 * RETURNING, no ON CONFLICT, no DEFAULT, no expressions), each row binding every column in order;
 * null for any other statement.
 */
function copyStatement(query: RootOperationNode): { sql: string; columns: number } | null {
	if (!InsertQueryNode.is(query) || !query.into || !query.columns || !query.values || !ValuesNode.is(query.values)) return null;
	if (Object.entries(query).some(([part, value]) => value !== undefined && !PLAIN_INSERT.has(part))) return null;
	const n = query.columns.length;
	for (const row of query.values.values) {
		if (row.values.length !== n) return null;
		if (ValueListNode.is(row) && !row.values.every((v) => ValueNode.is(v) && !v.immediate)) return null;
	}
	const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
	const { schema, identifier } = query.into.table;
	const table = schema ? `${ident(schema.name)}.${ident(identifier.name)}` : ident(identifier.name);
	return { sql: `copy ${table} (${query.columns.map((c) => ident(c.column.name)).join(', ')}) from stdin`, columns: n };
}
