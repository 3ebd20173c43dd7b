import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CliError, parseCommandArgs, type Command } from '../lib/cli';
import { databaseTarget } from '../../src/lib/server/db/connection';

const USAGE = 'npm run triage -- backup <file>';

export const backup: Command = {
	summary: "Copy the live database to a file with SQLite's online backup (pg_dump on PostgreSQL)",
	usage: USAGE,
	async run(argv) {
		const { positionals } = parseCommandArgs(argv, {}, USAGE);
		const target = positionals[0];
		if (!target) throw new CliError(`Say where to write the backup.\nUsage: ${USAGE}`);
		if (existsSync(target)) throw new CliError(`${target} already exists. Choose a new file name.`);
		const folder = dirname(resolve(target));
		if (!existsSync(folder) || !statSync(folder).isDirectory()) {
			throw new CliError(`There is no folder ${folder} to write the backup in. Create the folder first, or give a file name in a folder that exists.`);
		}
		const database = databaseTarget();
		if (database.dialect === 'postgres') return pgDump(database.url, resolve(target));
		const source = database.path;
		if (!existsSync(source)) throw new CliError(`There is no database at ${source} to back up.`);
		const sqlite = new SQLite(source, { readonly: true, fileMustExist: true });
		try {
			await sqlite.backup(resolve(target));
		} finally {
			sqlite.close();
		}
		console.log(`Backed up ${source} to ${resolve(target)}.`);
	}
};

/**
 * PostgreSQL is backed up with its own tool, pg_dump, in its custom format (restore with
 * pg_restore). It runs when it is on the PATH; otherwise the command says how to run it.
 * A managed database's provider usually keeps backups and point-in-time recovery as well.
 */
function pgDump(url: string, target: string): void {
	const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
	const command = `pg_dump --format=custom --file ${target} '${shown}'`;
	const dump = spawnSync('pg_dump', ['--format=custom', '--file', target, url], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
	if (dump.error && (dump.error as NodeJS.ErrnoException).code === 'ENOENT') {
		throw new CliError(
			`DATABASE_URL is a PostgreSQL database: back it up with PostgreSQL's pg_dump, which is not installed here (Debian: apt-get install -y postgresql-client). Then run:\n  ${command}`
		);
	}
	if (dump.status !== 0) throw new CliError(`pg_dump could not back up ${shown}:\n${dump.stderr ?? dump.error?.message ?? ''}`.trim());
	console.log(`Backed up ${shown} to ${target} with pg_dump (restore it with pg_restore).`);
}
