import type { Db } from './db';
import { servedLas, type Actor } from '../domain/access';

/*
 * Lists, exports and counts for a member of staff take in only the schools of the LAs they serve
 * (docs/roles.md). Queries that can filter in SQL use `servedLas(actor)` on `schools.la_code`; views
 * built from several lists (the overview, the schedule) keep the rows whose school is in `Served`.
 * For someone who serves every LA, as everyone in a one-LA installation does, both are no-ops.
 */

/** The URNs of the schools someone serves, or null for every school. */
export type Served = ReadonlySet<number> | null;

export async function servedUrns(db: Db, actor: Actor): Promise<Served> {
	return urnsOfLas(db, servedLas(actor));
}

/** The URNs of these LAs' schools, or null for every school (`las` null). */
export async function urnsOfLas(db: Db, las: readonly string[] | null): Promise<Served> {
	if (las === null) return null;
	if (las.length === 0) return new Set();
	const rows = await db.selectFrom('schools').select('urn').where('la_code', 'in', las).execute();
	return new Set(rows.map((r) => r.urn));
}

export const isServed = (served: Served, urn: number): boolean => served === null || served.has(urn);

/** The rows about schools someone serves. */
export function keepServed<T extends { urn: number }>(served: Served, rows: readonly T[]): T[] {
	return served === null ? [...rows] : rows.filter((r) => served.has(r.urn));
}

/**
 * The people (advisers, say) who serve at least one of these LAs, or every LA: those someone who
 * serves `las` works alongside. Null when `las` is null (everyone).
 */
export async function usersServing(db: Db, las: readonly string[] | null): Promise<ReadonlySet<number> | null> {
	if (las === null) return null;
	const [listed, within] = await Promise.all([
		db.selectFrom('user_las').select('user_id').distinct().execute(),
		db.selectFrom('user_las').select('user_id').distinct().where('la_code', 'in', las).execute()
	]);
	const anyListed = new Set(listed.map((r) => r.user_id));
	const users = await db.selectFrom('users').select('id').execute();
	const ok = new Set(within.map((r) => r.user_id));
	for (const u of users) if (!anyListed.has(u.id)) ok.add(u.id);
	return ok;
}

/** The rows about people `usersServing` kept. */
export function keepUsers<T extends { id: number }>(users: ReadonlySet<number> | null, rows: readonly T[]): T[] {
	return users === null ? [...rows] : rows.filter((r) => users.has(r.id));
}

/** An LA's name as the register gives it, or "LA 850" when it gives none. */
export async function laName(db: Db, code: string): Promise<string> {
	const row = await db.selectFrom('schools').select('la_name').where('la_code', '=', code).where('la_name', 'is not', null).limit(1).executeTakeFirst();
	return row?.la_name ?? `LA ${code}`;
}

/**
 * Whether someone sees more than one LA's schools: then they get the comparison of LAs. A
 * one-LA installation never does, so it looks as it always has.
 */
export async function seesSeveralLas(db: Db, actor: Actor): Promise<boolean> {
	const las = servedLas(actor);
	if (las !== null) return las.length > 1;
	// The first and last LA code, each one step into the index by LA: asked on every page, for the header.
	const row = await db
		.selectNoFrom((eb) => [
			eb
				.selectFrom('schools')
				.select((e) => e.fn.min('la_code').as('code'))
				.as('first'),
			eb
				.selectFrom('schools')
				.select((e) => e.fn.max('la_code').as('code'))
				.as('last')
		])
		.executeTakeFirstOrThrow();
	return row.first !== null && row.last !== null && row.first !== row.last;
}
