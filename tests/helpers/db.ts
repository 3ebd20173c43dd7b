import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { dialectOf } from '../../src/lib/server/db/dialect';
import type { Db } from '../../src/lib/server/db';
import { TEMPLATE_DATABASE } from './postgres-cluster';

const open: { db: Db; drop: () => Promise<void> }[] = [];
/** Where each fresh database lives, so a test can open a second connection to it. */
const addresses = new WeakMap<Db, string>();

/** A unique index or constraint refused a row, in SQLite's words or PostgreSQL's. */
export const UNIQUE_VIOLATION = /UNIQUE constraint failed|duplicate key value violates unique constraint/;

/** The throwaway PostgreSQL cluster's address when this project runs on PostgreSQL (integration-pg), else undefined. */
export const postgresUrl: string | undefined = inject('postgresUrl');

let admin: pg.Client | undefined;
/** This worker's databases, made on first use; a test that needs a second fresh database gets the next. */
const databases: string[] = [];
/** How many of them the running test has taken. */
let taken = 0;

/**
 * A PostgreSQL database as fresh as a new one: every real migration, only the rows they add. Each
 * test worker copies the migrated template (CREATE DATABASE ... TEMPLATE) once for each database a
 * test uses at the same time and, when a test takes one, puts it back as the template is (see
 * resetScript in postgres-cluster.ts).
 */
async function freshPostgres(cluster: string): Promise<Db> {
	if (!admin) {
		admin = new pg.Client({ connectionString: `${cluster}postgres` });
		await admin.connect();
	}
	if (taken === databases.length) {
		const name = `test_worker_${process.env.VITEST_POOL_ID ?? process.pid}_${databases.length + 1}`;
		const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
		if (!rowCount) await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
		databases.push(name);
	}
	const url = `${cluster}${databases[taken++]}`;
	const db = createDb(url);
	addresses.set(db, url);
	await sql.raw(inject('postgresReset')).execute(db);
	open.push({ db, drop: async () => {} });
	return db;
}

/**
 * A new database with every real migration applied, on the project's dialect: a SQLite file, or
 * on PostgreSQL a database of its own. Closed and deleted after each test.
 */
export async function freshDb(): Promise<Db> {
	if (postgresUrl) return freshPostgres(postgresUrl);
	const dir = mkdtempSync(join(tmpdir(), 'triage-test-'));
	const db = createDb(join(dir, 'test.sqlite'));
	addresses.set(db, join(dir, 'test.sqlite'));
	await migrateToLatest(db);
	open.push({ db, drop: async () => rmSync(dir, { recursive: true, force: true }) });
	return db;
}

/** What DATABASE_URL would say for a database freshDb made: for the CLI, which opens it in a process of its own. */
export function databaseUrlOf(db: Db): string {
	const address = addresses.get(db);
	if (!address) throw new Error('databaseUrlOf takes a database made by freshDb');
	return address;
}

/**
 * A second connection to a database freshDb made, as the CLI or another app server on the same
 * database opens one. Closed after the test.
 */
export function anotherConnection(db: Db): Db {
	const other = createDb(databaseUrlOf(db));
	open.unshift({ db: other, drop: async () => {} });
	return other;
}

/** After each test (tests/helpers/per-file.ts): closes and deletes the databases it made, and gives their PostgreSQL databases back. */
export async function closeFreshDbs(): Promise<void> {
	taken = 0;
	for (const { db, drop } of open.splice(0)) {
		await db.destroy();
		await drop();
	}
}

/** After each test file (tests/helpers/per-file.ts): ends the connection that makes PostgreSQL databases. */
export async function endPostgresAdmin(): Promise<void> {
	await admin?.end();
	admin = undefined;
}

/**
 * Starts `work` while another connection holds `locked` (a row, FOR UPDATE) for half a second, on
 * PostgreSQL, so that two writers started together have both read before either may write: each
 * then waits for the row, and writes after the other has. A write that checks nothing it read is
 * then lost, or made twice. On SQLite, one process's writes are one after the other anyway.
 */
export async function whileHeld<T>(db: Db, locked: ReturnType<typeof sql>, work: () => Promise<T>): Promise<T> {
	if (dialectOf(db) !== 'postgres') return work();
	let started!: Promise<T>;
	await anotherConnection(db)
		.transaction()
		.execute(async (trx) => {
			await locked.execute(trx);
			started = work();
			await new Promise((resolve) => setTimeout(resolve, 500));
		});
	return started;
}
