import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError, parseCommandArgs, type Command } from '../lib/cli';
import type { Db } from '../../src/lib/server/db';
import { parseImportOptions } from '../../src/lib/domain/import/options';
import { longDate } from '../../src/lib/domain/format';
import { dialectOf } from '../../src/lib/server/db/dialect';

const USAGE =
	'npm run triage -- import <file> [--kind ks2|gias|ofsted] [--year 2018-19] [--version provisional|revised|final]\n' +
	'  Imports a DfE KS2 performance table (ks2final), a KS2 data set from Explore Education Statistics\n' +
	'  (school or LA performance, school or LA information; one import per year it holds), a GIAS file\n' +
	"  (establishments or links) or Ofsted's monthly management information.\n" +
	'  The kind, year and version are read from the file when not given.';

/**
 * Starts the migrations when one is pending, or returns null. Loading them costs more than a small
 * import, and scheduled jobs run this command against a database that is nearly always up to date.
 * `whileReading` says they may run while the file is read: a PostgreSQL database with no table at
 * all (see ImportRequest.newDatabase). On SQLite the migrations would run on this thread,
 * overlapping nothing, so they run first there, as on any database that has tables.
 */
async function pendingMigrations(db: Db): Promise<{ migrated: Promise<unknown>; whileReading: boolean } | null> {
	const { migrateToLatest } = await import('../../src/lib/server/db/migrate');
	const files = Object.keys((await import('../../db/migrations')).migrations);
	const done = await db
		.selectFrom('kysely_migration' as never)
		.select('name' as never)
		.execute()
		.catch(() => null);
	const applied = new Set((done ?? []).map((r) => (r as { name: string }).name));
	if (files.every((f) => applied.has(f))) return null;
	const whileReading = done === null && dialectOf(db) === 'postgres' && (await db.introspection.getTables()).length === 0;
	const migrated = migrateToLatest(db);
	// Awaited by the caller, possibly after reading the file: until then a failure must not count as unhandled.
	migrated.catch(() => {});
	return { migrated, whileReading };
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
		if (statSync(file).isDirectory()) {
			throw new CliError(`${file} is a folder, not a file. Give the path of one file in it: each import reads one file.`);
		}

		// Loaded here, not at the top, so other commands do not pay for the importer.
		const [{ db }, { runImport }, text] = await Promise.all([
			import('../../src/lib/server/db'),
			import('../../src/lib/server/import/pipeline'),
			import('../../src/lib/domain/import/report-text')
		]);
		// On a new PostgreSQL database the server migrates it while node reads the file.
		const migrations = await pendingMigrations(db());
		const overlap = migrations?.whileReading === true;
		if (migrations && !overlap) await migrations.migrated;
		const outcome = await runImport(db(), {
			path: file,
			fileName: basename(file),
			...options.value,
			userId: null,
			newDatabase: overlap ? { migrated: migrations!.migrated } : undefined
		});
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
