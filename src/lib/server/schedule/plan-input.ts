import type { Db } from '../db';
import { currentCategories } from '../analysis/categories';
import { loadCalendar, closuresFor } from './calendar';
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
export async function planSchools(db: Db, summerYear: number): Promise<PlanSchool[]> {
	const categories = await currentCategories(db, summerYear - 1);
	if (categories.size === 0) return [];
	const rows = await db
		.selectFrom('schools')
		.select(['urn', 'name', 'link_adviser_id'])
		.where('urn', 'in', [...categories.keys()])
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

/** Live (not cancelled) engagements of a year, with whether each has a note. */
export async function liveEngagementRows(db: Db, summerYear: number): Promise<(EngagementRow & { has_note: boolean })[]> {
	const rows = await db
		.selectFrom('engagements')
		.leftJoin('visit_notes', 'visit_notes.engagement_id', 'engagements.id')
		.selectAll('engagements')
		.select('visit_notes.engagement_id as note_id')
		.where('engagements.year', '=', summerYear)
		.where('engagements.status', '!=', 'cancelled')
		.orderBy('engagements.id')
		.execute();
	return rows.map(({ note_id, ...row }) => ({ ...row, has_note: note_id !== null }));
}

/**
 * Everything the planner needs for one school year, read from the database: term dates (saved or
 * default), closure days, advisers with capacity and days off, agreed categories, the templates,
 * and the engagements that must stay where they are.
 */
export async function buildPlanInput(db: Db, summerYear: number, notBefore: IsoDate | null): Promise<PlanInput> {
	const [{ calendar }, closures, advisers, schools, templates, rows] = await Promise.all([
		loadCalendar(db, summerYear),
		closuresFor(db, summerYear),
		listAdvisers(db),
		planSchools(db, summerYear),
		loadTemplates(db),
		liveEngagementRows(db, summerYear)
	]);
	return {
		calendar,
		closures: closures.map((c) => c.date),
		advisers: toPlannerAdvisers(advisers),
		schools,
		templates,
		fixed: rows.filter((r) => isFixed(r, r.has_note, notBefore)).map(toFixed),
		notBefore
	};
}
