/**
 * "My link schools": an adviser's or lead adviser's view of a list narrowed to the schools they are
 * link adviser for, and, in the schedule, to the engagements booked to them wherever they are.
 *
 * This is a view, not an access rule: it only ever leaves out what the person may already see. Who
 * is offered it is the access policy's `schools.mine`; the route asks `can(user, 'schools.mine')` and
 * passes the answer in as `offered`.
 */

/** The `schools` query parameter: every school, or only the person's own. */
export type SchoolsFilter = 'all' | 'mine';

/** The parameter's value for "My link schools". */
export const MINE = 'mine';

/** The filter a `schools` query parameter asks for: `mine` for those offered it, otherwise every school. */
export function schoolsFilterFrom(param: string | null, offered: boolean): SchoolsFilter {
	return offered && param === MINE ? 'mine' : 'all';
}

/** A row of a list about schools: the school's link adviser, and for an engagement, the adviser it is booked to. */
export interface AboutSchool {
	linkAdviserId: number | null;
	adviserId?: number | null;
}

/** Whether a row is the person's own: at one of their link schools, or booked to them. */
export function isMine(row: AboutSchool, me: number): boolean {
	return row.linkAdviserId === me || (row.adviserId != null && row.adviserId === me);
}

/** The rows the filter keeps, in their order, and how many there were before it: for "Showing 12 of 140". */
export function narrowToMine<T extends AboutSchool>(rows: readonly T[], filter: SchoolsFilter, me: number): { shown: T[]; total: number } {
	return { shown: filter === 'mine' ? rows.filter((r) => isMine(r, me)) : [...rows], total: rows.length };
}

/** "Showing 12 of 140 engagements": how much of a list a filter shows, in words. */
export function showingCount(shown: number, total: number, noun: { one: string; many: string }): string {
	return `Showing ${shown} of ${total} ${total === 1 ? noun.one : noun.many}`;
}
