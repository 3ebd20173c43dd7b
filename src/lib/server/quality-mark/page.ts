import type { Db } from '../db';
import { canTransition, nextStatuses, QM_STATUS_LABELS, type IsoDate, type Key, type StoredStatus } from '../../domain/quality-mark';
import { currentAudit } from './audits';
import * as clock from '../clock';
import { ADVISER_ROLES, can as allowed, type Actor } from '../../domain/access';
import { openRecord } from './records';
import { keepUsers, usersServing } from '../la-scope';
import { qualityMarkForSchool } from './queries';
import { nomineeChoices } from './self-audit';

/** Reached through their own forms, not the general status form. */
const NOT_IN_STATUS_FORM: readonly StoredStatus[] = ['audit_submitted', 'achieved', 'not_yet_achieved', 'assessment_visit_booked'];

/**
 * Everything the record page shows, and what this person may do on it. The assessor's review
 * reaches the school only once the decision is made, since it is the assessor's working until then.
 */
export async function recordPage(db: Db, actor: Actor, urn: number, frameworkKey: Key, today: IsoDate = clock.today()) {
	const { school, framework, row, mark } = await openRecord(db, actor, urn, frameworkKey);
	const summary = (await qualityMarkForSchool(db, urn, today)).find((s) => s.frameworkKey === framework.key)!;
	const audit = await currentAudit(db, row?.id ?? null, framework);
	const assessor = allowed(actor, 'qualityMark.manage', mark);
	const ownHead = allowed(actor, 'qualityMark.selfAudit', mark);
	const status = summary.status;
	const auditOpen = audit !== null && audit.decision === null;
	const can = {
		changeStatus: assessor,
		statusTargets: assessor
			? nextStatuses(status)
					.filter((s) => !NOT_IN_STATUS_FORM.includes(s))
					.map((s) => ({ value: s, label: QM_STATUS_LABELS[s] }))
			: [],
		bookVisit: assessor && canTransition(status, 'assessment_visit_booked'),
		// A submitted audit is taken back (takeBack), not started again; one under review stays with the assessor.
		startAudit: ownHead && canTransition(status, 'self_audit_in_progress') && status !== 'assessor_review' && status !== 'audit_submitted',
		editAudit: ownHead && status === 'self_audit_in_progress' && auditOpen,
		takeBack: ownHead && status === 'audit_submitted',
		review: assessor && (status === 'assessor_review' || status === 'assessment_visit_booked') && auditOpen,
		decide: assessor && status === 'assessment_visit_booked' && auditOpen,
		nominate: ownHead && row !== undefined
	};
	const showReview = audit !== null && (allowed(actor, 'school.seeWorking', mark) || audit.decision !== null);
	// Only advisers who serve the school's LA: another LA's adviser could not reach the visit or the record.
	const assessors = can.bookVisit
		? keepUsers(
				await usersServing(db, mark.laCode ? [mark.laCode] : null),
				await db
					.selectFrom('users')
					.select(['id', 'name'])
					.where('role', 'in', [...ADVISER_ROLES])
					.where('disabled_at', 'is', null)
					.orderBy('name')
					.execute()
			)
		: [];
	return {
		school,
		framework,
		summary,
		audit: audit && { ...audit, review: showReview ? audit.review : null },
		can,
		today,
		assessors,
		nominees: can.nominate ? await nomineeChoices(db, urn, actor.id) : [],
		nomineeId: row?.nominee_id ?? null,
		/** The default choice when booking: the last assessor, else whoever is looking if they can visit, else the link adviser. */
		assessorId: [row?.assessor_id, actor.id, mark.linkAdviserId].find((id) => assessors.some((a) => a.id === id)) ?? null,
		/** The latest visit in the schedule, to link to; null before one is booked. */
		visit: row ? await latestVisit(db, actor, row.id, mark.laCode ?? null) : null
	};
}

/** The record's most recent assessment visit in the schedule, whatever became of it. */
async function latestVisit(db: Db, actor: Actor, qualityMarkId: number, laCode: string | null) {
	const visit = await db
		.selectFrom('engagements')
		.select(['id', 'date', 'status', 'urn', 'adviser_id'])
		.where('quality_mark_id', '=', qualityMarkId)
		.orderBy('id', 'desc')
		.executeTakeFirst();
	if (!visit) return null;
	// Whether this person may move or cancel it there (its assessor, or a lead adviser), so the link says only what they can do.
	const mayChange = allowed(actor, 'engagement.change', { urn: visit.urn, laCode, adviserId: visit.adviser_id });
	return { id: visit.id, date: visit.date, status: visit.status, mayChange };
}

export type RecordPage = Awaited<ReturnType<typeof recordPage>>;
