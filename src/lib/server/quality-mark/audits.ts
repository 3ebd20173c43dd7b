import type { Selectable } from 'kysely';
import type { Db } from '../db';
import type { QualityMarkAuditsTable } from '../db/schema/quality-mark';
import {
	effectiveStatus,
	emptyReview,
	emptySelfAudit,
	type AssessorReview,
	type IsoDate,
	type Key,
	type QmStatus,
	type QualityMarkFramework,
	type SelfAudit
} from '../../domain/quality-mark';
import { Refusal } from '../../domain/refusal';
import { findRow, toRecord } from './records';

/**
 * The self-audits behind a Quality Mark: one row per attempt at the award. The latest row is the
 * current one. It stays open (no decision) while the school fills it in, takes it back, or the
 * assessor returns it, and is closed by the award decision; the next attempt (a resubmission or
 * a renewal) starts a new row from the answers of the last one.
 */

export type AuditRow = Selectable<QualityMarkAuditsTable>;

export interface CurrentAudit {
	id: number;
	startedOn: IsoDate;
	answers: SelfAudit;
	answersUpdatedAt: string | null;
	answersUpdatedBy: string | null;
	submittedAt: string | null;
	submittedBy: string | null;
	review: AssessorReview;
	/** True once the assessor has saved anything. */
	reviewStarted: boolean;
	reviewUpdatedAt: string | null;
	reviewUpdatedBy: string | null;
	decision: AuditRow['decision'];
	decidedAt: string | null;
	decidedBy: string | null;
}

export async function latestAuditRow(db: Db, qualityMarkId: number): Promise<AuditRow | undefined> {
	return db.selectFrom('quality_mark_audits').selectAll().where('quality_mark_id', '=', qualityMarkId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Answers saved under another framework kind (which cannot happen through the app) start again empty. */
export function parseAnswers(json: string, framework: QualityMarkFramework): SelfAudit {
	const value = JSON.parse(json) as SelfAudit;
	return value?.kind === framework.kind ? value : emptySelfAudit(framework);
}

export function parseReview(json: string | null, framework: QualityMarkFramework): AssessorReview {
	const value = json === null ? null : (JSON.parse(json) as AssessorReview);
	return value?.kind === framework.kind ? value : emptyReview(framework);
}

/** The current self-audit with names for who did what, or null before the school first starts one. */
export async function currentAudit(db: Db, qualityMarkId: number | null, framework: QualityMarkFramework): Promise<CurrentAudit | null> {
	if (qualityMarkId === null) return null;
	const row = await latestAuditRow(db, qualityMarkId);
	if (!row) return null;
	const ids = [row.answers_updated_by, row.submitted_by, row.review_updated_by, row.decided_by].filter((id): id is number => id !== null);
	const users = ids.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute() : [];
	const nameOf = (id: number | null) => users.find((u) => u.id === id)?.name ?? null;
	return {
		id: row.id,
		startedOn: row.started_on,
		answers: parseAnswers(row.answers_json, framework),
		answersUpdatedAt: row.answers_updated_at,
		answersUpdatedBy: nameOf(row.answers_updated_by),
		submittedAt: row.submitted_at,
		submittedBy: nameOf(row.submitted_by),
		review: parseReview(row.review_json, framework),
		reviewStarted: row.review_json !== null,
		reviewUpdatedAt: row.review_updated_at,
		reviewUpdatedBy: nameOf(row.review_updated_by),
		decision: row.decision,
		decidedAt: row.decided_at,
		decidedBy: nameOf(row.decided_by)
	};
}

/**
 * Called as a record enters self-audit in progress: reopens the open audit (taken back or
 * returned), or starts a new one from the last attempt's answers, so a school resubmitting or
 * renewing edits what it wrote before rather than starting from nothing.
 */
export async function openAudit(db: Db, qualityMarkId: number, framework: QualityMarkFramework, today: IsoDate): Promise<void> {
	const latest = await latestAuditRow(db, qualityMarkId);
	if (latest && latest.decision === null) {
		await db.updateTable('quality_mark_audits').set({ submitted_at: null, submitted_by: null }).where('id', '=', latest.id).execute();
		return;
	}
	const answers = latest ? parseAnswers(latest.answers_json, framework) : emptySelfAudit(framework);
	await db
		.insertInto('quality_mark_audits')
		.values({
			quality_mark_id: qualityMarkId,
			started_on: today,
			answers_json: JSON.stringify(answers),
			answers_updated_at: null,
			answers_updated_by: null,
			submitted_at: null,
			submitted_by: null,
			review_json: null,
			review_updated_at: null,
			review_updated_by: null,
			decision: null,
			decided_at: null,
			decided_by: null
		})
		.execute();
}

/**
 * The record and its open audit, while the record shows one of `statuses` today; otherwise the
 * refusal, so answers and reviews are only written at the stage they belong to.
 */
export async function openAuditWhile(db: Db, urn: number, frameworkKey: Key, today: IsoDate, statuses: readonly QmStatus[], refusal: string) {
	const row = await findRow(db, urn, frameworkKey);
	const status = row ? effectiveStatus(toRecord(row), today) : 'not_engaged';
	const auditRow = row ? await latestAuditRow(db, row.id) : undefined;
	if (!row || !statuses.includes(status) || !auditRow || auditRow.decision !== null) throw new Refusal(refusal);
	return { row, auditRow, status };
}
