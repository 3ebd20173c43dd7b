import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../../db/migrations', import.meta.url));

/** Reads every `*.ts` file in db/migrations, in name order, as a kysely migration. */
class FolderMigrationProvider implements MigrationProvider {
	constructor(private folder: string) {}

	async getMigrations(): Promise<Record<string, Migration>> {
		const files = (await fs.readdir(this.folder)).filter((f) => /^\d+_.*\.ts$/.test(f)).sort();
		const migrations: Record<string, Migration> = {};
		for (const file of files) {
			const mod = await import(/* @vite-ignore */ pathToFileURL(join(this.folder, file)).href);
			migrations[file.replace(/\.ts$/, '')] = mod;
		}
		return migrations;
	}
}

/** Runs every pending migration. Throws with kysely's own error if one fails. */
export async function migrateToLatest(db: Kysely<any>, folder = MIGRATIONS_FOLDER): Promise<string[]> {
	const migrator = new Migrator({ db, provider: new FolderMigrationProvider(folder) });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error');
		const where = failed ? ` (migration ${failed.migrationName})` : '';
		throw new Error(`The database could not be migrated${where}: ${String((error as Error).message ?? error)}`);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
