import type { Db } from '../db';

/*
 * The overview and the list's filter choices are built from most of the database, but change only
 * when someone imports, analyses, moderates, plans or records something. Every one of those writes
 * leaves a mark below (a new id, a later timestamp, a different count), so one small query tells
 * whether anything the overview reads has changed since it was last built. The marks are portable
 * aggregates, not SQLite's data_version pragma, so they hold on any database kysely speaks to.
 */

/** One value that changes whenever anything the overview reads is written. */
export async function dataVersion(db: Db): Promise<string> {
	const row = await db
		.selectNoFrom((eb) => [
			eb
				.selectFrom('schools')
				.select((s) => [s.fn.max('updated_at').as('v')])
				.as('schools_updated'),
			eb
				.selectFrom('schools')
				.select((s) => [s.fn.countAll().as('v')])
				.as('schools'),
			eb
				.selectFrom('schools')
				.select((s) => [s.fn.sum('link_adviser_id').as('v')])
				.as('links'),
			eb
				.selectFrom('users')
				.select((s) => [s.fn.max('updated_at').as('v')])
				.as('users'),
			eb
				.selectFrom('imports')
				.select((s) => [s.fn.max('id').as('v')])
				.as('imports'),
			eb
				.selectFrom('imports')
				.select((s) => [s.fn.max('rolled_back_at').as('v')])
				.as('rollbacks'),
			eb
				.selectFrom('analysis_runs')
				.select((s) => [s.fn.max('id').as('v')])
				.as('runs'),
			eb
				.selectFrom('policy_versions')
				.select((s) => [s.fn.max('updated_at').as('v')])
				.as('policies'),
			eb
				.selectFrom('category_history')
				.select((s) => [s.fn.max('id').as('v')])
				.as('history'),
			eb
				.selectFrom('school_categories')
				.select((s) => [s.fn.max('updated_at').as('v')])
				.as('categories'),
			eb
				.selectFrom('soft_intelligence')
				.select((s) => [s.fn.max('id').as('v')])
				.as('soft'),
			eb
				.selectFrom('soft_intelligence')
				.select((s) => [s.fn.max('ended_at').as('v')])
				.as('soft_ended'),
			eb
				.selectFrom('soft_intelligence')
				.select((s) => [s.fn.max('corrected_at').as('v')])
				.as('soft_corrected'),
			eb
				.selectFrom('quality_marks')
				.select((s) => [s.fn.max('updated_at').as('v')])
				.as('quality_marks'),
			eb
				.selectFrom('plan_runs')
				.select((s) => [s.fn.max('id').as('v')])
				.as('plans'),
			eb
				.selectFrom('engagements')
				.select((s) => [s.fn.max('updated_at').as('v')])
				.as('engagements'),
			eb
				.selectFrom('engagements')
				.select((s) => [s.fn.countAll().as('v')])
				.as('engagement_count'),
			eb
				.selectFrom('category_disagreements')
				.select((s) => [s.fn.max('id').as('v')])
				.as('disagreements'),
			eb
				.selectFrom('category_disagreements')
				.select((s) => [s.fn.max('reviewed_at').as('v')])
				.as('reviewed'),
			eb
				.selectFrom('category_disagreements')
				.select((s) => [s.fn.max('decided_at').as('v')])
				.as('decided')
		])
		.executeTakeFirstOrThrow();
	return JSON.stringify(Object.values(row));
}

interface Entry<T> {
	version: string;
	at: number;
	value: T;
}

/**
 * A cache of values built from the database, each kept while `dataVersion` is unchanged (and at
 * most `maxAgeMs`, in case a write ever slips past the marks). Kept per database handle, so tests
 * on fresh databases never see each other's values.
 */
export class VersionedCache<T> {
	readonly #byDb = new WeakMap<Db, Map<string, Entry<T>>>();

	constructor(
		private readonly maxEntries = 8,
		private readonly maxAgeMs = 5 * 60_000
	) {}

	async get(db: Db, key: string, build: () => Promise<T>): Promise<T> {
		const version = await dataVersion(db);
		let entries = this.#byDb.get(db);
		if (!entries) this.#byDb.set(db, (entries = new Map()));
		const hit = entries.get(key);
		if (hit && hit.version === version && Date.now() - hit.at < this.maxAgeMs) return hit.value;
		const value = await build();
		entries.delete(key);
		entries.set(key, { version, at: Date.now(), value });
		// Oldest first in a Map: drop the oldest when full.
		while (entries.size > this.maxEntries) entries.delete(entries.keys().next().value as string);
		return value;
	}
}
