import { CliError } from './cli';
import { inLas, isLaCode, lasWords, tidyLas } from '../../src/lib/domain/las';
import type { Db } from '../../src/lib/server/db';

/** The LAs given with --la (repeatable), each checked to be an LA code. */
export function askedLas(given: string[] | undefined, usage: string): string[] {
	const asked = tidyLas(given ?? []);
	const wrong = asked.find((code) => !isLaCode(code));
	if (wrong !== undefined) throw new CliError(`--la must be an LA code of three digits, such as 850, not "${wrong}".\nUsage: ${usage}`);
	return asked;
}

/**
 * The LAs a command runs for: those asked for, each one the installation serves, or without --la
 * every LA the installation serves; null for every LA (an installation that lists none).
 */
export async function commandLas(db: Db, asked: readonly string[]): Promise<string[] | null> {
	const { getServedLas } = await import('../../src/lib/server/import/settings');
	const served = await getServedLas(db);
	const outside = asked.filter((code) => !inLas(served, code));
	if (outside.length > 0) throw new CliError(`This installation does not serve ${lasWords(outside)}. It serves ${lasWords(served)}.`);
	return asked.length > 0 ? [...asked] : served.length > 0 ? served : null;
}
