// The one CLI for analysts and scheduled jobs: npm run triage -- <command> [options]
import { CliError } from './lib/cli';
import { COMMANDS } from './commands';
import { closeDb } from '../src/lib/server/db';
import { Refusal } from '../src/lib/domain/refusal';

async function help(): Promise<string> {
	const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
	const lines = await Promise.all(Object.entries(COMMANDS).map(async ([name, load]) => `  ${name.padEnd(width)}  ${(await load()).summary}`));
	return `Usage: npm run triage -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nDATABASE_URL chooses the database (default db/triage.sqlite).`;
}

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === 'help' || name === '--help' || name === '-h') {
		console.log(await help());
		return name ? 0 : 1;
	}
	const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
	if (!load) {
		console.error(`Unknown command "${name}".\n\n${await help()}`);
		return 1;
	}
	const command = await load();
	if (rest.includes('--help') || rest.includes('-h')) {
		// Help only: nothing runs, and no database is opened or made.
		console.log(`${command.summary}.\n\nUsage: ${command.usage}`);
		return 0;
	}
	try {
		await command.run(rest);
		return 0;
	} catch (e) {
		// A refusal from the app (no KS2 results yet, an email already in use...) is said as it is.
		if (e instanceof CliError || e instanceof Refusal) console.error(e.message);
		else console.error(`Something went wrong: ${(e as Error).message ?? e}`);
		return 1;
	} finally {
		await closeDb();
	}
}

// A reader that stops early (`triage categorise | head`) closes the pipe: the output is no longer
// wanted, which is not an error. Stop at once, quietly, with the status the command has so far.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
	if (e.code !== 'EPIPE') throw e;
	process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
