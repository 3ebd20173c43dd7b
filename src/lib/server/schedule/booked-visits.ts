import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';

import { listAdvisers, toPlannerAdvisers } from './advisers';
import { liveEngagementRows, schoolCalendar, toEngagement } from './plan-input';
import { schoolYearOf } from './years';
import { writeCancel, writeMove } from './engagement-writes';
import { isIsoDate, type IsoDate } from '../../domain/calendar/iso-date';
import { halfTermOf } from '../../domain/calendar/working-days';
import { checkBooking, type BookingCheck } from '../../domain/planner/booking';

/**
 * Quality Mark assessment visits in the schedule (docs/scheduling.md). They are engagements like any other:
 * on the assessor's calendar and ICS feed, in the school's engagements, and in the assessor's
 * planned days. They are booked from the Quality Mark record rather than planned from a category,
 * so they have no category, and they are confirmed from the start: the planner keeps them where
 * they are and plans around them. The Quality Mark side (src/lib/server/quality-mark/visits.ts)
 * keeps its record and these rows in step; nothing here changes a Quality Mark record.
 */

/** Adviser time for one assessment visit: the whole day, with the report written up after it. */
export const ASSESSMENT_VISIT_DAYS = 1;

/** The template id a framework's visits carry: it matches no category's template, so they meet no requirement. */
export function visitTemplateId(frameworkKey: string): string {
	return `quality_mark.${frameworkKey}`;
}

/**
 * Whether an assessment visit can go in `adviserId`'s schedule on `date` (see checkBooking), read
 * against the term dates, closure days, advisers and live engagements of the school year the date
 * falls in. `engagementPlanKey` is the visit's own key when it is being moved.
 */
export async function checkVisitDate(
	db: Db,
	visit: { engagementPlanKey: string | null; urn: number; adviserId: number; date: string; today: IsoDate }
): Promise<BookingCheck> {
	if (!isIsoDate(visit.date)) return { ok: false, reasons: ['Enter the visit date as a real date, like 2026-11-13.'] };
	const year = schoolYearOf(visit.date);
	const [{ calendar, closures }, advisers, rows] = await Promise.all([schoolCalendar(db, year, visit.urn), listAdvisers(db), liveEngagementRows(db, year)]);
	return checkBooking({ calendar, closures, advisers: toPlannerAdvisers(advisers) }, rows.map(toEngagement), {
		id: visit.engagementPlanKey,
		adviserId: visit.adviserId,
		date: visit.date,
		days: ASSESSMENT_VISIT_DAYS,
		today: visit.today
	});
}

export interface NewVisit {
	qualityMarkId: number;
	urn: number;
	frameworkKey: string;
	/** "Basic Skills Quality Mark assessment visit". */
	label: string;
	adviserId: number;
	date: IsoDate;
}

/**
 * Puts a booked visit in the schedule, confirmed, inside the caller's transaction, and returns its
 * engagement id. Check the date with checkVisitDate first. Its key counts the school's visits under
 * the framework, so a rebooked or renewal visit never takes the key of an earlier one.
 */
export async function insertVisit(trx: Db, userId: number, visit: NewVisit): Promise<number> {
	const year = schoolYearOf(visit.date);
	const templateId = visitTemplateId(visit.frameworkKey);
	const { calendar } = await schoolCalendar(trx, year, visit.urn);
	const earlier = await trx
		.selectFrom('engagements')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('urn', '=', visit.urn)
		.where('template_id', '=', templateId)
		.executeTakeFirstOrThrow();
	const sequence = Number(earlier.n) + 1;
	const now = nowIso();
	const { id } = await trx
		.insertInto('engagements')
		.values({
			year,
			plan_key: `${visit.urn}/${templateId}/${sequence}`,
			urn: visit.urn,
			adviser_id: visit.adviserId,
			template_id: templateId,
			category: null,
			activity: 'quality_mark_visit',
			label: visit.label,
			mode: 'on_site',
			date: visit.date,
			days: ASSESSMENT_VISIT_DAYS,
			half_term: halfTermOf(calendar, visit.date),
			sequence,
			status: 'confirmed',
			fulfils_template_id: null,
			fulfils_sequence: null,
			confirmed_at: now,
			confirmed_by: userId,
			cancelled_at: null,
			cancelled_by: null,
			cancel_reason: null,
			completed_at: null,
			completed_by: null,
			created_at: now,
			updated_at: now,
			quality_mark_id: visit.qualityMarkId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await audit(trx, { userId, action: 'engagement.book', entity: 'engagement', entityId: id, after: { ...visit, status: 'confirmed' } });
	return id;
}

/** The visit of a Quality Mark record that is still to be held (confirmed, not completed or cancelled), if any. */
export async function openVisit(db: Db, qualityMarkId: number): Promise<{ id: number; date: IsoDate; adviserId: number } | null> {
	const row = await db
		.selectFrom('engagements')
		.select(['id', 'date', 'adviser_id'])
		.where('quality_mark_id', '=', qualityMarkId)
		.where('status', 'in', ['planned', 'confirmed'])
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return row ? { id: row.id, date: row.date, adviserId: row.adviser_id } : null;
}

/** Calls a visit off in the schedule, with the reason, inside the caller's transaction. */
export async function cancelVisit(trx: Db, userId: number, engagementId: number, reason: string): Promise<void> {
	await writeCancel(trx, userId, engagementId, { status: 'confirmed' }, reason);
}

/** Marks a visit held once its award decision is recorded, inside the caller's transaction. */
export async function completeVisit(trx: Db, userId: number, engagementId: number): Promise<void> {
	const now = nowIso();
	await trx
		.updateTable('engagements')
		.set({ status: 'completed', completed_at: now, completed_by: userId, updated_at: now })
		.where('id', '=', engagementId)
		.execute();
	await audit(trx, {
		userId,
		action: 'engagement.complete',
		entity: 'engagement',
		entityId: engagementId,
		before: { status: 'confirmed' },
		after: { status: 'completed' }
	});
}

/** Moves a visit to another day of the same school year, confirmed, inside the caller's transaction. */
export async function moveVisit(trx: Db, userId: number, engagementId: number, urn: number, from: IsoDate, to: IsoDate): Promise<void> {
	const { calendar } = await schoolCalendar(trx, schoolYearOf(to), urn);
	await writeMove(trx, userId, engagementId, { date: from }, to, halfTermOf(calendar, to));
}
