import { CliError, type Command } from '../lib/cli';
import { db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

export const migrate: Command = {
	summary: 'Create the database if needed and run every pending migration',
	usage: 'npm run triage -- migrate',
	async run(argv) {
		if (argv.length > 0) throw new CliError(`migrate takes no options.\nUsage: ${this.usage}`);
		const applied = await migrateToLatest(db());
		console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
	}
};
