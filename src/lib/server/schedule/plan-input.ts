import type { Db } from '../db';
import { currentCategories } from '../analysis/categories';
import { loadCalendar, closuresFor, INSTALLATION } from './calendar';
import type { AcademicCalendar } from '../../domain/calendar/half-terms';
import { listAdvisers, toPlannerAdvisers } from './advisers';
import { loadTemplates } from './templates';
import type { IsoDate } from '../../domain/calendar/iso-date';
import type { Engagement, FixedEngagement, PlanInput, PlanSchool } from '../../domain/planner/plan-types';
import type { EngagementsTable } from '../db/schema/schedule';
import type { Selectable } from 'kysely';

/**
 * The schools to plan for a school year, with the category a lead adviser agreed from the results
 * of the year before: the 2018/19 results (year 2019) set the support planned for 2019/20 (year
 * 2020). Schools still awaiting agreement are left out until they are agreed.
 */
export async function planSchools(db: Db, summerYear: number, la: string | null = null): Promise<PlanSchool[]> {
	const categories = await currentCategories(db, summerYear - 1);
	if (categories.size === 0) return [];
	const rows = await db
		.selectFrom('schools')
		.select(['urn', 'name', 'link_adviser_id'])
		.where('urn', 'in', [...categories.keys()])
		.$if(la !== null, (q) => q.where('la_code', '=', la!))
		.orderBy('urn')
		.execute();
	return rows.map((s) => ({
		urn: s.urn,
		name: s.name,
		category: categories.get(s.urn)!,
		linkAdviserId: s.link_adviser_id
	}));
}

type EngagementRow = Selectable<EngagementsTable>;

/**
 * Engagements a new plan must leave where they are: confirmed and completed ones (docs/scheduling.md),
 * and also planned ones that have a note being written or whose date has passed, so work an
 * adviser has started or still owes a school never disappears from the schedule on re-planning
 * (overdue ones stay overdue until done or cancelled).
 */
export function isFixed(row: Pick<EngagementRow, 'status' | 'date'>, hasNote: boolean, notBefore: IsoDate | null): boolean {
	if (row.status === 'confirmed' || row.status === 'completed') return true;
	return row.status === 'planned' && (hasNote || (notBefore !== null && row.date < notBefore));
}

/** A stored engagement as the planner takes it when it must stay where it is. */
export function toFixed(row: EngagementRow): FixedEngagement {
	const { halfTerm: _halfTerm, fulfils: _fulfils, ...engagement } = toEngagement(row);
	return { ...engagement, status: row.status === 'completed' ? 'completed' : 'confirmed' };
}

/** A stored engagement in the planner's own shape, so checkMove, checkBooking and capacitySummary can read it. */
export function toEngagement(row: EngagementRow): Engagement {
	return {
		id: row.plan_key,
		urn: row.urn,
		adviserId: row.adviser_id,
		templateId: row.template_id,
		category: row.category,
		activity: row.activity,
		label: row.label,
		mode: row.mode,
		date: row.date,
		days: row.days,
		halfTerm: row.half_term,
		sequence: row.sequence,
		status: row.status === 'cancelled' ? 'planned' : row.status,
		fulfils: row.fulfils_template_id === null || row.fulfils_sequence === null ? null : { templateId: row.fulfils_template_id, sequence: row.fulfils_sequence }
	};
}

/** Live (not cancelled) engagements of a year, with whether each has a note and the LA of its school. */
export async function liveEngagementRows(db: Db, summerYear: number): Promise<(EngagementRow & { has_note: boolean; la_code: string | null })[]> {
	const rows = await db
		.selectFrom('engagements')
		.innerJoin('schools', 'schools.urn', 'engagements.urn')
		.leftJoin('visit_notes', 'visit_notes.engagement_id', 'engagements.id')
		.selectAll('engagements')
		.select(['visit_notes.engagement_id as note_id', 'schools.la_code'])
		.where('engagements.year', '=', summerYear)
		.where('engagements.status', '!=', 'cancelled')
		.orderBy('engagements.id')
		.execute();
	return rows.map(({ note_id, ...row }) => ({ ...row, has_note: note_id !== null }));
}

/** The LA a school belongs to, as a settings scope: its code, or '' (the installation's settings) when it has none. */
export async function schoolScope(db: Db, urn: number): Promise<string> {
	const row = await db.selectFrom('schools').select('la_code').where('urn', '=', urn).executeTakeFirst();
	return row?.la_code ?? INSTALLATION;
}

/** The term dates and closure days a school's engagements are planned and checked against: its LA's. */
export async function schoolCalendar(db: Db, summerYear: number, urn: number): Promise<{ calendar: AcademicCalendar; closures: IsoDate[] }> {
	const scope = await schoolScope(db, urn);
	const [{ calendar }, closures] = await Promise.all([loadCalendar(db, summerYear, scope), closuresFor(db, summerYear, scope)]);
	return { calendar, closures: closures.map((c) => c.date) };
}

/**
 * Everything the planner needs for one school year, read from the database: term dates (saved or
 * default), closure days, advisers with capacity and days off, agreed categories, the templates,
 * and the engagements that must stay where they are.
 *
 * With `la`, for that LA's schools alone, on its own term dates, closures and templates. Every
 * live engagement of another LA's school is fixed too, whatever day it is on (another LA may be
 * open when this one is closed), so an adviser who serves several LAs is never given more than
 * their days a week across them all.
 */
export async function buildPlanInput(db: Db, summerYear: number, notBefore: IsoDate | null, la: string | null = null): Promise<PlanInput> {
	const scope = la ?? INSTALLATION;
	const [{ calendar }, closures, advisers, schools, templates, rows] = await Promise.all([
		loadCalendar(db, summerYear, scope),
		closuresFor(db, summerYear, scope),
		listAdvisers(db),
		planSchools(db, summerYear, la),
		loadTemplates(db, scope),
		liveEngagementRows(db, summerYear)
	]);
	const closureDays = closures.map((c) => c.date);
	// Another LA's work stays where it is and counts in its adviser's week, even on a day this LA is closed.
	const fixed = rows.filter((r) => (la === null || r.la_code === la ? isFixed(r, r.has_note, notBefore) : true));
	return {
		calendar,
		closures: closureDays,
		advisers: toPlannerAdvisers(advisers),
		schools,
		templates,
		fixed: fixed.map(toFixed),
		notBefore
	};
}
