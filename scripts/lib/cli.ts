import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An error the person at the shell can act on. Printed as-is to stderr; the exit status is 1. */
export class CliError extends Error {}

export interface Command {
	summary: string;
	usage: string;
	run(argv: string[]): Promise<void>;
}

/** node:util parseArgs, with its errors turned into plain words. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
	try {
		return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
	} catch (e) {
		throw new CliError(`${(e as Error).message.replace(/^TypeError.*?: /, '')}\nUsage: ${usage}`);
	}
}

/** Reads all of standard input, for passwords piped in by scripts. */
export async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
