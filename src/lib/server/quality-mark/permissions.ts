import type { Role } from '../../domain/roles';
import type { Key } from '../../domain/quality-mark';
import type { SessionUser } from '../auth/session';
import { QualityMarkError } from './errors';

/** Who is acting: the signed-in user, as the guard returns it. */
export type Actor = Pick<SessionUser, 'id' | 'role' | 'schoolUrns'>;

/** The roles that assess a self-audit and move a Quality Mark on (DESIGN.md section 5 and 6). */
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

export function requireAssessor(actor: Actor): void {
	if (!isAssessor(actor)) throw new QualityMarkError('Only an adviser, lead adviser or admin can do this', 'forbidden');
}

export function requireOwnHeadteacher(actor: Actor, urn: number): void {
	requireSchoolVisible(actor, urn);
	if (!isOwnHeadteacher(actor, urn)) throw new QualityMarkError("Only the school's headteacher can fill in its self-audit", 'forbidden');
}

/** The identifying text used in the audit log and messages: "190031/basic_skills". */
export function recordRef(urn: number, frameworkKey: Key): string {
	return `${urn}/${frameworkKey}`;
}
