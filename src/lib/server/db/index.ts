import type { Kysely } from 'kysely';
import { createDb } from './connection';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type { Database } from './schema';
export { dataVersion } from './data-version';

let instance: Db | undefined;

/** The app's single Kysely instance, opened on first use from DATABASE_URL. */
export function db(): Db {
	instance ??= createDb(process.env.DATABASE_URL ?? '', { cacheStatements: true });
	return instance;
}

export async function closeDb(): Promise<void> {
	await instance?.destroy();
	instance = undefined;
}
