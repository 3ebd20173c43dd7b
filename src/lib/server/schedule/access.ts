import type { Role } from '../../domain/roles';

/**
 * Who may run "Plan the year": admins (who run the service and own term dates, capacity and
 * templates) and lead advisers (who moderate and manage the advisers' work). Analysts produce the
 * categories but do not commit advisers' time; advisers work within the plan they are given.
 */
export const PLANNER_ROLES: readonly Role[] = ['admin', 'lead_adviser'];

export function mayPlan(role: Role): boolean {
	return PLANNER_ROLES.includes(role);
}

/**
 * An adviser confirms, moves, cancels and completes only their own engagements; a lead adviser
 * may act on anyone's. Admins and analysts read the schedule but do not change engagements.
 */
export function mayActOnEngagement(user: { id: number; role: Role }, engagement: { adviserId: number }): boolean {
	if (user.role === 'lead_adviser') return true;
	return user.role === 'adviser' && engagement.adviserId === user.id;
}
