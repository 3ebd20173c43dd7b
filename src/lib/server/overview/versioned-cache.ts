import { dataVersion, type Db } from '../db';

interface Entry<T> {
	version: string;
	value: T;
}

/**
 * A cache of values built from the database, such as the overview's figures: each is kept while the
 * database's data version is the one read before it was built, so any change committed since, by
 * anyone, rebuilds it on the next request. Kept per database handle, so tests on fresh databases
 * never see each other's values, and at most `maxEntries` per handle (the oldest goes first).
 */
export class VersionedCache<T> {
	readonly #byDb = new WeakMap<Db, Map<string, Entry<T>>>();

	constructor(private readonly maxEntries = 8) {}

	async get(db: Db, key: string, build: () => Promise<T>): Promise<T> {
		const version = await dataVersion(db);
		let entries = this.#byDb.get(db);
		if (!entries) this.#byDb.set(db, (entries = new Map()));
		const hit = entries.get(key);
		if (hit && hit.version === version) return hit.value;
		const value = await build();
		entries.delete(key);
		entries.set(key, { version, value });
		// Oldest first in a Map: drop the oldest when full.
		while (entries.size > this.maxEntries) entries.delete(entries.keys().next().value as string);
		return value;
	}
}
