import { sql } from 'kysely';
import { ADVISER_ROLES } from '../domain/access';
import type { Db } from './db';
import { lockingRows } from './db/dialect';
import type { School } from '../domain/access';
import { Refusal } from '../domain/refusal';
import { isRowId } from '../domain/ids';

/** A condition on a schools row's GIAS status column (`column`): the school is open, or not yet closed. */
export function stillOpen(column: string) {
	return sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} not like 'Closed%')`;
}

/** The same test as `stillOpen`, on a row already read: GIAS says "Closed" (or "Closed, but ..."). */
export function isClosed(status: string | null): boolean {
	return status?.startsWith('Closed') ?? false;
}

/**
 * A school with no link adviser who can act as one: none is set, or the one set has had their
 * account disabled or is no longer an adviser. Such schools need an admin to give them one.
 */
export function withoutActiveLinkAdviser(column: string) {
	const adviser = sql`select 1 from users as la_u where la_u.id = ${sql.ref(column)} and la_u.disabled_at is null and la_u.role in (${sql.join(ADVISER_ROLES)})`;
	return sql<boolean>`(${sql.ref(column)} is null or not exists (${adviser}))`;
}

/** Holds a school's row until the transaction ends (on PostgreSQL), so two writers about that school go one after the other, on any app server. */
export async function lockSchool(trx: Db, urn: number): Promise<void> {
	await lockingRows(trx, trx.selectFrom('schools').select('urn').where('urn', '=', urn)).execute();
}

/** What the access policy needs to know of a school row. */
export function toSchool(row: { urn: number; name?: string; link_adviser_id: number | null; la_code: string | null }): School {
	return { urn: row.urn, name: row.name, linkAdviserId: row.link_adviser_id, laCode: row.la_code };
}

/** A school as the access policy sees it, or undefined when there is no such school. */
export async function schoolRef(db: Db, urn: number): Promise<School | undefined> {
	if (!isRowId(urn)) return undefined;
	const row = await db.selectFrom('schools').select(['urn', 'name', 'link_adviser_id', 'la_code']).where('urn', '=', urn).executeTakeFirst();
	return row && toSchool(row);
}

/** The school a change is about, for the access policy: a refusal (404) when there is no such school. */
export async function existingSchool(db: Db, urn: number): Promise<School> {
	const school = await schoolRef(db, urn);
	if (!school) throw new Refusal(`There is no school with URN ${urn}`, { status: 404 });
	return school;
}

export async function getSchool(db: Db, urn: number) {
	return db
		.selectFrom('schools')
		.leftJoin('users as adviser', 'adviser.id', 'schools.link_adviser_id')
		.selectAll('schools')
		.select('adviser.name as link_adviser_name')
		.where('schools.urn', '=', urn)
		.executeTakeFirst();
}

export async function getSchools(db: Db, urns: number[]) {
	if (urns.length === 0) return [];
	return db.selectFrom('schools').selectAll().where('urn', 'in', urns).orderBy('name').execute();
}

/** Numbers for the overview: schools by phase, and how many have no link adviser. */
/** `las`: the LAs whose schools it counts (access.ts `servedLas`), null for every LA. */
export async function registerSummary(db: Db, las: readonly string[] | null = null) {
	// Open schools only: GIAS keeps closed ones in the register.
	const byPhase = await db
		.selectFrom('schools')
		.select(['phase', db.fn.countAll<number>().as('count')])
		.where(stillOpen('status'))
		.$if(las !== null, (qb) => qb.where('la_code', 'in', las!))
		.groupBy('phase')
		.orderBy('phase')
		.execute();
	const unlinked = await db
		.selectFrom('schools')
		.select(db.fn.countAll<number>().as('count'))
		.where(stillOpen('status'))
		.where(withoutActiveLinkAdviser('link_adviser_id'))
		.$if(las !== null, (qb) => qb.where('la_code', 'in', las!))
		.executeTakeFirstOrThrow();
	const total = byPhase.reduce((n, p) => n + Number(p.count), 0);
	return { total, byPhase: byPhase.map((p) => ({ phase: p.phase ?? 'Not recorded', count: Number(p.count) })), withoutLinkAdviser: Number(unlinked.count) };
}
