import { fileURLToPath } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrations as allMigrations } from '../../../../db/migrations';
import { dialectOf, PostgresSchemaPlugin } from './dialect';

/** Where the migration files live, for tools that look at the files themselves. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../../db/migrations', import.meta.url));

/**
 * The migrations listed in db/migrations/index.ts. A static list rather than a folder read at
 * run time, so the compiled CLI (one bundled file) carries every migration with it.
 */
class StaticMigrationProvider implements MigrationProvider {
	constructor(private migrations: Record<string, Migration>) {}

	async getMigrations(): Promise<Record<string, Migration>> {
		return this.migrations;
	}
}

/** Runs every pending migration. Throws with kysely's own error if one fails. */
export async function migrateToLatest(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not as it is now
	db: Kysely<any>,
	migrations: Record<string, Migration> = allMigrations
): Promise<string[]> {
	const onDialect = dialectOf(db) === 'postgres' ? db.withPlugin(new PostgresSchemaPlugin()) : db;
	const migrator = new Migrator({ db: onDialect, provider: new StaticMigrationProvider(migrations) });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error');
		const where = failed ? ` (migration ${failed.migrationName})` : '';
		throw new Error(`The database could not be migrated${where}: ${String((error as Error).message ?? error)}`);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
