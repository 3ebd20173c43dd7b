import type { Role } from '../../domain/roles';
import type { Db } from '../db';
import type { Key } from '../../domain/quality-mark';
import type { SessionUser } from '../auth/session';
import { QualityMarkError } from './errors';

/** Who is acting: the signed-in user, as the guard returns it. */
export type Actor = Pick<SessionUser, 'id' | 'role' | 'schoolUrns'>;

/** The staff roles that may be given a Quality Mark to manage (see mayManageQualityMark). */
export const ASSESSOR_ROLES: readonly Role[] = ['admin', 'lead_adviser', 'adviser'];

/**
 * Who may carry out an assessment visit: advisers and lead advisers, who have a schedule and a
 * capacity for the visit to go in. Admins assess and decide, but visits are booked to an adviser.
 */
export const VISIT_ASSESSOR_ROLES: readonly Role[] = ['lead_adviser', 'adviser'];

export function isAssessor(actor: Actor): boolean {
	return ASSESSOR_ROLES.includes(actor.role);
}

/** A headteacher of this school: the only people who fill in its self-audit. */
export function isOwnHeadteacher(actor: Actor, urn: number): boolean {
	return actor.role === 'headteacher' && actor.schoolUrns.includes(urn);
}

/** Staff see every school; a headteacher asking about another school gets "not found". */
export function requireSchoolVisible(actor: Actor, urn: number): void {
	if (actor.role === 'headteacher' && !actor.schoolUrns.includes(urn)) throw new QualityMarkError('Page not found', 'not_found');
}

/**
 * Who moves a school's Quality Mark on (statuses, visits, the assessor's review and the award):
 * lead advisers and admins, who run the Quality Mark for the LA, for any school; an adviser for
 * their own link schools, and for a record they have been made the assessor of. Any other adviser
 * reads and comments, as for everything else about a school that is not theirs (docs/roles.md).
 */
export async function mayManageQualityMark(db: Db, actor: Actor, urn: number, frameworkKey: Key): Promise<boolean> {
	if (actor.role === 'lead_adviser' || actor.role === 'admin') return true;
	if (actor.role !== 'adviser') return false;
	const school = await db.selectFrom('schools').select('link_adviser_id').where('urn', '=', urn).executeTakeFirst();
	if (school?.link_adviser_id === actor.id) return true;
	const record = await db.selectFrom('quality_marks').select('assessor_id').where('urn', '=', urn).where('framework_key', '=', frameworkKey).executeTakeFirst();
	return record?.assessor_id === actor.id;
}

export async function requireManager(db: Db, actor: Actor, urn: number, frameworkKey: Key): Promise<void> {
	if (!(await mayManageQualityMark(db, actor, urn, frameworkKey))) {
		throw new QualityMarkError("Only the school's link adviser, the Quality Mark's assessor, a lead adviser or an admin can do this", 'forbidden');
	}
}

export function requireOwnHeadteacher(actor: Actor, urn: number): void {
	requireSchoolVisible(actor, urn);
	if (!isOwnHeadteacher(actor, urn)) throw new QualityMarkError("Only the school's headteacher can fill in its self-audit", 'forbidden');
}

/** The identifying text used in the audit log and messages: "190031/basic_skills". */
export function recordRef(urn: number, frameworkKey: Key): string {
	return `${urn}/${frameworkKey}`;
}
