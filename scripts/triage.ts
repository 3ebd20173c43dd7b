// The one CLI for analysts and scheduled jobs: npm run triage -- <command> [options]
import { CliError } from './lib/cli';
import { COMMANDS } from './commands';
import { closeDb } from '../src/lib/server/db';

function help(): string {
	const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
	const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
	return `Usage: npm run triage -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nDATABASE_URL chooses the database (default db/triage.sqlite).`;
}

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === 'help' || name === '--help' || name === '-h') {
		console.log(help());
		return name ? 0 : 1;
	}
	const command = COMMANDS[name];
	if (!command) {
		console.error(`Unknown command "${name}".\n\n${help()}`);
		return 1;
	}
	try {
		await command.run(rest);
		return 0;
	} catch (e) {
		if (e instanceof CliError) console.error(e.message);
		else console.error(`Something went wrong: ${(e as Error).message ?? e}`);
		return 1;
	} finally {
		await closeDb();
	}
}

process.exitCode = await main(process.argv.slice(2));
