import type { Db } from './db';

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
export async function registerSummary(db: Db) {
	const byPhase = await db
		.selectFrom('schools')
		.select(['phase', db.fn.countAll<number>().as('count')])
		.groupBy('phase')
		.orderBy('phase')
		.execute();
	const unlinked = await db.selectFrom('schools').select(db.fn.countAll<number>().as('count')).where('link_adviser_id', 'is', null).executeTakeFirstOrThrow();
	const total = byPhase.reduce((n, p) => n + Number(p.count), 0);
	return { total, byPhase: byPhase.map((p) => ({ phase: p.phase ?? 'Not recorded', count: Number(p.count) })), withoutLinkAdviser: Number(unlinked.count) };
}
