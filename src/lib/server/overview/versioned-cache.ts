import { dataVersion, type Db } from '../db';

interface Entry<T> {
	version: string;
	value: Promise<T>;
}

/**
 * A cache of values built from the database, such as the overview's figures: each is kept while the
 * database's data version is the one read before it was built, so any change committed since, by
 * anyone, rebuilds it on the next request. Kept per database handle, so tests on fresh databases
 * never see each other's values, and at most `maxEntries` per handle (the oldest goes first).
 *
 * A build in progress is shared: when 20 people open the overview just after a change, it is built
 * once and all 20 wait for that one, rather than each building it (20 builds of the overview at
 * 700 schools held the server up for two seconds).
 *
 * With the page cache off (PAGE_CACHE=off) nothing is kept either: once a build is done, the next
 * request builds again, as the first view after a change, or on another app server, does. So what is
 * measured with the cache off is what a page costs rendered afresh, this cache's build included. A
 * build in progress is still shared, at the same data version: people who open the page while it
 * is being built get the figures as they are now, and the server builds them once, not once each.
 */
export class VersionedCache<T> {
	readonly #byDb = new WeakMap<Db, Map<string, Entry<T>>>();

	constructor(private readonly maxEntries = 8) {}

	async get(db: Db, key: string, build: () => Promise<T>): Promise<T> {
		const keep = process.env.PAGE_CACHE !== 'off';
		const version = await dataVersion(db);
		let entries = this.#byDb.get(db);
		if (!entries) this.#byDb.set(db, (entries = new Map()));
		const hit = entries.get(key);
		if (hit && hit.version === version) return hit.value;
		const entry: Entry<T> = { version, value: build() };
		entries.delete(key);
		entries.set(key, entry);
		// A failed build is not kept: the next request tries again. With the cache off, nor is one that worked.
		const drop = () => {
			if (entries.get(key) === entry) entries.delete(key);
		};
		entry.value.then(keep ? undefined : drop, drop);
		// Oldest first in a Map: drop the oldest when full.
		while (entries.size > this.maxEntries) entries.delete(entries.keys().next().value as string);
		return entry.value;
	}
}
