import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError, parseCommandArgs, type Command } from '../lib/cli';
import type { Db } from '../../src/lib/server/db';
import { parseImportOptions } from '../../src/lib/domain/import/options';
import { longDate } from '../../src/lib/domain/format';

const USAGE =
	'npm run triage -- import <file> [--kind ks2|gias|ofsted] [--year 2018-19] [--version provisional|revised|final]\n' +
	'  Imports a DfE KS2 performance table (ks2final), a KS2 data set from Explore Education Statistics\n' +
	'  (school or LA performance, school or LA information; one import per year it holds), a GIAS file\n' +
	"  (establishments or links) or Ofsted's monthly management information.\n" +
	'  The kind, year and version are read from the file when not given.';

/**
 * Runs the migrations only when one is pending. Loading them costs more than a small import,
 * and scheduled jobs run this command against a database that is nearly always up to date.
 */
async function migrateIfPending(db: Db): Promise<void> {
	const { migrateToLatest } = await import('../../src/lib/server/db/migrate');
	const files = Object.keys((await import('../../db/migrations')).migrations);
	const done = await db
		.selectFrom('kysely_migration' as never)
		.select('name' as never)
		.execute()
		.catch(() => []);
	const applied = new Set(done.map((r) => (r as { name: string }).name));
	if (files.some((f) => !applied.has(f))) await migrateToLatest(db);
}

export const importCommand: Command = {
	summary: 'Import a KS2 file (ks2final or Explore Education Statistics), a GIAS file or Ofsted MI (all or nothing)',
	usage: USAGE,
	async run(argv) {
		const { values, positionals } = parseCommandArgs(argv, { kind: { type: 'string' }, year: { type: 'string' }, version: { type: 'string' } }, USAGE);
		const file = positionals[0];
		if (!file || positionals.length > 1) throw new CliError(`Give one file to import.\nUsage: ${USAGE}`);
		const options = parseImportOptions(values);
		if (!options.ok) throw new CliError(`${Object.values(options.errors).join('.\n')}.\nUsage: ${USAGE}`);
		if (!existsSync(file)) throw new CliError(`There is no file at ${file}.`);

		// Loaded here, not at the top, so other commands do not pay for the importer.
		const [{ db }, { runImport }, text] = await Promise.all([
			import('../../src/lib/server/db'),
			import('../../src/lib/server/import/pipeline'),
			import('../../src/lib/domain/import/report-text')
		]);
		await migrateIfPending(db());
		const outcome = await runImport(db(), { path: file, fileName: basename(file), ...options.value, userId: null });
		const what = text.describeFile(outcome.report);
		if (outcome.status === 'rejected') {
			throw new CliError(`Nothing was imported from ${file}: it has problems.\n${text.problemsText(outcome.report)}`);
		}
		if (outcome.status === 'unchanged') {
			console.log(`${file} is already imported (import ${outcome.importId}, ${longDate(outcome.importedAt)}). Nothing has changed.`);
			return;
		}
		const ids = outcome.importIds.length > 1 ? `imports ${outcome.importIds.join(', ')}` : `import ${outcome.importId}`;
		console.log(`Imported ${file}: ${what} (${ids}).\n${text.reportText(outcome.report)}`);
	}
};
