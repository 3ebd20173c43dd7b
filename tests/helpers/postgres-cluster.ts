import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { sql } from 'kysely';
import { createDb } from '../../src/lib/server/db/connection';
import type { Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { freePort } from './ports';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The throwaway cluster, as postgres://triage@127.0.0.1:<port>/ (add a database name). */
		postgresUrl: string;
		/** SQL that puts a copy of the template back as it was: every table emptied, the migrations' rows back, ids from 1. */
		postgresReset: string;
	}
}

/** What to run when PostgreSQL is missing; the pretest step runs it itself when it can. */
export const POSTGRES_INSTALL = 'apt-get update && apt-get install -y postgresql';

/** The database every test's database is copied from: every migration applied, no rows of its own. */
export const TEMPLATE_DATABASE = 'triage_migrated';

/** Debian's server binaries (/usr/lib/postgresql/<version>/bin), the newest version installed, or PG_BIN. */
export function postgresBinDir(): string | null {
	if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

function fail(reason: string): never {
	// Fail, never skip: a suite that passes without PostgreSQL proves nothing about it.
	throw new Error(
		`The PostgreSQL tests could not start a throwaway PostgreSQL: ${reason}\nInstall it with:\n  sudo sh -c '${POSTGRES_INSTALL}'\nor set PG_BIN to a folder holding initdb, pg_ctl and postgres.`
	);
}

/**
 * Starts a throwaway PostgreSQL cluster: initdb into a temporary folder, a free port on 127.0.0.1,
 * settings for speed rather than durability. PostgreSQL refuses to run as root, so as root the
 * folder belongs to the `postgres` user (made by Debian's package) and every command runs as it.
 */
export async function startCluster(): Promise<{ url: string; stop: () => void }> {
	const bin = postgresBinDir();
	if (!bin) fail('no initdb under /usr/lib/postgresql/*/bin.');
	const asRoot = process.getuid?.() === 0;
	const dir = mkdtempSync(join(tmpdir(), 'triage-pg-'));
	const data = join(dir, 'data');
	const sockets = join(dir, 'sockets');
	mkdirSync(sockets);
	if (asRoot) {
		const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (ids.status !== 0) fail("running as root, and there is no postgres user to run PostgreSQL as (Debian's postgresql package makes one).");
		for (const path of [dir, sockets]) chownSync(path, Number(ids.stdout), Number(gid.stdout));
	}
	const run = (tool: string, args: string[]) => {
		const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
		const result = spawnSync(command, argv, { cwd: dir, encoding: 'utf8' });
		if (result.status !== 0) {
			const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
			throw new Error(`${tool} failed: ${result.error?.message ?? ''}${result.stderr}${result.stdout}${log}`);
		}
	};
	const port = await freePort();
	try {
		run('initdb', ['-D', data, '-U', 'triage', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
		const options = `-p ${port} -h 127.0.0.1 -k ${sockets} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
		run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		fail((e as Error).message);
	}
	return {
		url: `postgres://triage@127.0.0.1:${port}/`,
		stop() {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}

/**
 * One script, one round trip, that makes a database copied from the template fresh again for the
 * next test: quicker than copying the template for every test (CREATE DATABASE writes every
 * catalog page again). Foreign keys are not checked while it runs (replica role), so tables empty in
 * any order; the rows the migrations added go back; every identity restarts where the template's does.
 */
async function resetScript(db: Db): Promise<string> {
	const { rows: tables } = await sql<{
		name: string;
	}>`select tablename as name from pg_tables where schemaname = 'public' and tablename not like 'kysely_migration%' order by tablename`.execute(db);
	const { rows: identities } = await sql<{ table: string; column: string }>`
		select table_name as table, column_name as column from information_schema.columns where table_schema = 'public' and is_identity = 'YES'`.execute(db);
	const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
	const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
	const lines = ['set session_replication_role = replica;'];
	for (const { name } of tables) {
		lines.push(`delete from ${ident(name)};`);
		const { rows } = await sql<{ rows: unknown[] | null }>`select json_agg(t) as rows from ${sql.table(name)} t`.execute(db);
		if (rows[0].rows)
			lines.push(`insert into ${ident(name)} select * from json_populate_recordset(null::${ident(name)}, ${literal(JSON.stringify(rows[0].rows))});`);
	}
	for (const { table, column } of identities) {
		lines.push(
			`select setval(pg_get_serial_sequence(${literal(ident(table))}, ${literal(column)}), coalesce(max(${ident(column)}), 0) + 1, false) from ${ident(table)};`
		);
	}
	lines.push('reset session_replication_role;');
	return lines.join('\n');
}

/** vitest globalSetup of the integration-pg project: one cluster and one migrated template for the whole run. */
export default async function setup(project: TestProject) {
	const cluster = await startCluster();
	try {
		const admin = new pg.Client({ connectionString: `${cluster.url}postgres` });
		await admin.connect();
		await admin.query(`create database ${TEMPLATE_DATABASE}`);
		await admin.end();
		const db = createDb(`${cluster.url}${TEMPLATE_DATABASE}`);
		try {
			await migrateToLatest(db);
			project.provide('postgresReset', await resetScript(db));
		} finally {
			await db.destroy();
		}
	} catch (e) {
		cluster.stop();
		throw e;
	}
	project.provide('postgresUrl', cluster.url);
	return () => cluster.stop();
}
