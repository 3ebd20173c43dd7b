import type { Db } from '../db';
import type { Category } from '../../domain/analysis/categories';
import type { HalfTermId } from '../../domain/calendar/half-terms';
import type { IsoDate } from '../../domain/calendar/iso-date';
import type { EngagementActivity, EngagementMode } from '../../domain/planner/templates';
import type { EngagementRowStatus, VisitNoteStatus } from '../db/schema/schedule';

/** One engagement as the schedule pages show it. `id` is the row id used in links. */
export interface EngagementView {
	id: number;
	planKey: string;
	year: number;
	urn: number;
	schoolName: string;
	/** The school's LA code. */
	laCode: string | null;
	/** The school's link adviser today, for "My link schools". */
	linkAdviserId: number | null;
	adviserId: number;
	adviserName: string;
	templateId: string;
	/** Null for a Quality Mark assessment visit, which no support category asks for. */
	category: Category | null;
	activity: EngagementActivity;
	label: string;
	mode: EngagementMode;
	date: IsoDate;
	days: number;
	halfTerm: HalfTermId | null;
	sequence: number;
	status: EngagementRowStatus;
	cancelReason: string | null;
	noteStatus: VisitNoteStatus | null;
	/** The Quality Mark record a Quality Mark assessment visit belongs to; null for planned support. */
	qualityMark: { id: number; frameworkKey: string } | null;
	/** When the row was made, and last changed (moved, confirmed, cancelled...): for calendars to tell a changed event. */
	createdAt: string;
	updatedAt: string;
}

export interface EngagementFilter {
	year?: number;
	adviserId?: number | null;
	urn?: number;
	from?: IsoDate;
	to?: IsoDate;
	/** Leave cancelled engagements out (the calendar views); the default keeps them. */
	live?: boolean;
	/** Only these LAs' schools (access.ts `servedLas`); null or absent for every LA. */
	las?: readonly string[] | null;
}

function baseQuery(db: Db) {
	return db
		.selectFrom('engagements as e')
		.innerJoin('schools as s', 's.urn', 'e.urn')
		.innerJoin('users as a', 'a.id', 'e.adviser_id')
		.leftJoin('visit_notes as n', 'n.engagement_id', 'e.id')
		.leftJoin('quality_marks as qm', 'qm.id', 'e.quality_mark_id')
		.select([
			'e.id',
			'e.plan_key',
			'e.year',
			'e.urn',
			's.name as school_name',
			's.la_code',
			's.link_adviser_id',
			'e.adviser_id',
			'a.name as adviser_name',
			'e.template_id',
			'e.category',
			'e.activity',
			'e.label',
			'e.mode',
			'e.date',
			'e.days',
			'e.half_term',
			'e.sequence',
			'e.status',
			'e.cancel_reason',
			'n.status as note_status',
			'e.quality_mark_id',
			'qm.framework_key as quality_mark_framework',
			'e.created_at',
			'e.updated_at'
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toView(r: Row): EngagementView {
	return {
		id: r.id,
		planKey: r.plan_key,
		year: r.year,
		urn: r.urn,
		schoolName: r.school_name,
		laCode: r.la_code,
		linkAdviserId: r.link_adviser_id,
		adviserId: r.adviser_id,
		adviserName: r.adviser_name,
		templateId: r.template_id,
		category: r.category,
		activity: r.activity,
		label: r.label,
		mode: r.mode,
		date: r.date,
		days: r.days,
		halfTerm: r.half_term,
		sequence: r.sequence,
		status: r.status,
		cancelReason: r.cancel_reason,
		noteStatus: r.note_status,
		qualityMark: r.quality_mark_id !== null && r.quality_mark_framework !== null ? { id: r.quality_mark_id, frameworkKey: r.quality_mark_framework } : null,
		createdAt: r.created_at,
		updatedAt: r.updated_at
	};
}

/** Engagements by date, then adviser, then school. */
export async function listEngagements(db: Db, filter: EngagementFilter): Promise<EngagementView[]> {
	let q = baseQuery(db);
	if (filter.year !== undefined) q = q.where('e.year', '=', filter.year);
	if (filter.adviserId != null) q = q.where('e.adviser_id', '=', filter.adviserId);
	if (filter.urn !== undefined) q = q.where('e.urn', '=', filter.urn);
	if (filter.from) q = q.where('e.date', '>=', filter.from);
	if (filter.to) q = q.where('e.date', '<=', filter.to);
	if (filter.live) q = q.where('e.status', '!=', 'cancelled');
	if (filter.las) q = q.where('s.la_code', 'in', filter.las);
	const rows = await q.orderBy('e.date').orderBy('a.name').orderBy('s.name').orderBy('e.id').execute();
	return rows.map(toView);
}

export async function getEngagement(db: Db, id: number): Promise<EngagementView | null> {
	const row = await baseQuery(db).where('e.id', '=', id).executeTakeFirst();
	return row ? toView(row) : null;
}

/**
 * Engagements whose date has passed but that are neither completed nor cancelled, oldest first:
 * the overview's "needs attention". Pass `adviserId` for one adviser's.
 */
export async function overdueEngagements(
	db: Db,
	today: IsoDate,
	options: { adviserId?: number; las?: readonly string[] | null } = {}
): Promise<EngagementView[]> {
	let q = baseQuery(db).where('e.date', '<', today).where('e.status', 'in', ['planned', 'confirmed']);
	if (options.adviserId !== undefined) q = q.where('e.adviser_id', '=', options.adviserId);
	if (options.las) q = q.where('s.la_code', 'in', options.las);
	const rows = await q.orderBy('e.date').orderBy('s.name').orderBy('e.id').execute();
	return rows.map(toView);
}
