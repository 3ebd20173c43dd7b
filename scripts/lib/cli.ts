import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseAcademicYear } from '../../src/lib/domain/ks2/types';

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

/**
 * The options of a command that reads one analysis year: [--year 2018-19] [--la CODE ...] [--format F],
 * checked, with no other words. The LAs are as given (see las.ts askedLas to check them).
 */
export function yearCommandArgs<F extends string>(
	argv: string[],
	command: string,
	formats: readonly F[],
	usage: string
): { year: number | null; format: F; la: string[] | undefined } {
	const { values, positionals } = parseCommandArgs(
		argv,
		{ year: { type: 'string' }, format: { type: 'string' }, la: { type: 'string', multiple: true } },
		usage
	);
	if (positionals.length > 0) throw new CliError(`${command} takes no file or other words: "${positionals.join(' ')}".\nUsage: ${usage}`);
	const format = (values.format ?? formats[0]) as F;
	const named = formats.filter((f) => f !== 'table');
	if (!formats.includes(format)) throw new CliError(`--format must be ${named.join(' or ')}, not "${format}".\nUsage: ${usage}`);
	const year = values.year === undefined ? null : parseAcademicYear(values.year);
	if (values.year !== undefined && year === null) throw new CliError(`--year must be an academic year like 2018-19, not "${values.year}".\nUsage: ${usage}`);
	return { year, format, la: values.la };
}
