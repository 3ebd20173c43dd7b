import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CliError, parseCommandArgs, type Command } from '../lib/cli';
import { databasePath } from '../../src/lib/server/db/connection';

const USAGE = 'npm run triage -- backup <file>';

export const backup: Command = {
	summary: "Copy the live database to a file with SQLite's online backup",
	usage: USAGE,
	async run(argv) {
		const { positionals } = parseCommandArgs(argv, {}, USAGE);
		const target = positionals[0];
		if (!target) throw new CliError(`Say where to write the backup.\nUsage: ${USAGE}`);
		const source = databasePath();
		if (!existsSync(source)) throw new CliError(`There is no database at ${source} to back up.`);
		if (existsSync(target)) throw new CliError(`${target} already exists. Choose a new file name.`);
		const sqlite = new SQLite(source, { readonly: true, fileMustExist: true });
		try {
			await sqlite.backup(resolve(target));
		} finally {
			sqlite.close();
		}
		console.log(`Backed up ${source} to ${resolve(target)}.`);
	}
};
