import type { Db } from '../db';
import type { Role } from '../../domain/roles';

/** Who is acting: enough of the session user for the checks below (the CLI passes null). */
export interface Actor {
	id: number;
	role: Role;
}

/** A refusal. `status` is 403 for "not allowed", 404 for "no such thing", 400 for a bad request. */
export class AnalysisError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 = 400,
		readonly field: string | null = null
	) {
		super(message);
	}
}

/** What a school-level action needs to know about the school: that it exists, and its link adviser. */
export async function schoolForAction(db: Db, urn: number): Promise<{ urn: number; name: string; linkAdviserId: number | null }> {
	const row = await db.selectFrom('schools').select(['urn', 'name', 'link_adviser_id']).where('urn', '=', urn).executeTakeFirst();
	if (!row) throw new AnalysisError(`There is no school with URN ${urn}`, 404);
	return { urn: row.urn, name: row.name, linkAdviserId: row.link_adviser_id };
}

/**
 * Advisers act for their own link schools; lead advisers for any school (docs/roles.md).
 * Admins do not: they run the service (users, term dates, policy), not a school's register or category.
 */
export function mayActForSchool(actor: Actor, linkAdviserId: number | null): boolean {
	if (actor.role === 'lead_adviser') return true;
	return actor.role === 'adviser' && linkAdviserId === actor.id;
}
