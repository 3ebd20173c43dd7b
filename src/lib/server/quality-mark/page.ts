import type { Db } from '../db';
import { canTransition, nextStatuses, QM_STATUS_LABELS, type IsoDate, type Key, type StoredStatus } from '../../domain/quality-mark';
import { currentAudit } from './audits';
import { todayIso } from './dates';
import { ASSESSOR_ROLES, isAssessor, isOwnHeadteacher, requireSchoolVisible, type Actor } from './permissions';
import { findRow, requireSchoolAndFramework } from './records';
import { qualityMarkForSchool } from './queries';
import { nomineeChoices } from './self-audit';

/** Reached through their own forms, not the general status form. */
const NOT_IN_STATUS_FORM: readonly StoredStatus[] = ['audit_submitted', 'achieved', 'not_yet_achieved', 'assessment_visit_booked'];

/**
 * Everything the record page shows, and what this person may do on it. The assessor's review
 * reaches the school only once the decision is made, since it is the assessor's working until then.
 */
export async function recordPage(db: Db, actor: Actor, urn: number, frameworkKey: Key, today: IsoDate = todayIso()) {
	requireSchoolVisible(actor, urn);
	const { school, framework } = await requireSchoolAndFramework(db, urn, frameworkKey);
	const summary = (await qualityMarkForSchool(db, urn, today)).find((s) => s.frameworkKey === framework.key)!;
	const row = await findRow(db, urn, framework.key);
	const audit = await currentAudit(db, row?.id ?? null, framework);
	const assessor = isAssessor(actor);
	const ownHead = isOwnHeadteacher(actor, urn);
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
		startAudit: ownHead && canTransition(status, 'self_audit_in_progress') && status !== 'assessor_review',
		editAudit: ownHead && status === 'self_audit_in_progress' && auditOpen,
		takeBack: ownHead && status === 'audit_submitted',
		review: assessor && (status === 'assessor_review' || status === 'assessment_visit_booked') && auditOpen,
		decide: assessor && status === 'assessment_visit_booked' && auditOpen,
		nominate: ownHead && row !== undefined
	};
	const showReview = audit !== null && (assessor || actor.role !== 'headteacher' || audit.decision !== null);
	return {
		school,
		framework,
		summary,
		audit: audit && { ...audit, review: showReview ? audit.review : null },
		can,
		today,
		assessors: can.bookVisit
			? await db.selectFrom('users').select(['id', 'name']).where('role', 'in', [...ASSESSOR_ROLES]).where('disabled_at', 'is', null).orderBy('name').execute()
			: [],
		nominees: can.nominate ? await nomineeChoices(db, urn, actor.id) : [],
		nomineeId: row?.nominee_id ?? null,
		/** The visit's assessor, or whoever is looking, as the default choice when booking. */
		assessorId: row?.assessor_id ?? actor.id
	};
}

export type RecordPage = Awaited<ReturnType<typeof recordPage>>;
