import type { Db } from '../db';
import { audit } from '../audit';
import { validateSelfAuditForSubmit, type AuditProblem, type IsoDate, type Key, type QualityMarkFramework, type SelfAudit } from '../../domain/quality-mark';
import { openAuditWhile } from './audits';
import * as clock from '../clock';
import { refuseOverLong } from './text';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { requireAllowed, type Actor } from '../../domain/access';
import { Refusal } from '../../domain/refusal';
import { findRow, openRecord, recordRef } from './records';
import { moveStatus } from './status';

export type SubmitResult = { ok: true } | { ok: false; problems: AuditProblem[] };

const NOT_EDITABLE = 'The self-audit can only be changed while it is in progress. Start it, or take it back if you have submitted it.';

async function writeAnswers(trx: Db, actor: Actor, framework: QualityMarkFramework, urn: number, answers: SelfAudit, today: IsoDate) {
	if (answers.kind !== framework.kind) throw new Refusal(`These answers do not match the ${framework.name}`);
	refuseOverLong(answers, TEXT_LIMITS.text);
	const { row, auditRow } = await openAuditWhile(trx, urn, framework.key, today, ['self_audit_in_progress'], NOT_EDITABLE);
	await trx
		.updateTable('quality_mark_audits')
		.set({ answers_json: JSON.stringify(answers), answers_updated_at: clock.nowIso(), answers_updated_by: actor.id })
		.where('id', '=', auditRow.id)
		.execute();
	await audit(trx, {
		userId: actor.id,
		action: 'quality_mark.self_audit.save',
		entity: 'quality_mark',
		entityId: recordRef(urn, framework.key),
		after: answers
	});
	return row;
}

/** Saves the headteacher's answers as a draft. Nothing has to be complete yet. */
export async function saveSelfAudit(db: Db, actor: Actor, urn: number, frameworkKey: Key, answers: SelfAudit, today: IsoDate = clock.today()): Promise<void> {
	const { framework, mark } = await openRecord(db, actor, urn, frameworkKey);
	requireAllowed(actor, 'qualityMark.selfAudit', mark);
	await db.transaction().execute((trx) => writeAnswers(trx, actor, framework, urn, answers, today));
}

/**
 * Saves the answers and, when every part is complete, submits them to the assessor. When
 * something is missing the answers are still saved as a draft, so nothing typed is lost, and the
 * problems come back to show beside their fields.
 */
export async function submitSelfAudit(
	db: Db,
	actor: Actor,
	urn: number,
	frameworkKey: Key,
	answers: SelfAudit,
	today: IsoDate = clock.today()
): Promise<SubmitResult> {
	const { framework, mark } = await openRecord(db, actor, urn, frameworkKey);
	requireAllowed(actor, 'qualityMark.selfAudit', mark);
	return db.transaction().execute(async (trx) => {
		const row = await writeAnswers(trx, actor, framework, urn, answers, today);
		const problems = validateSelfAuditForSubmit(framework, answers);
		if (problems.length > 0) return { ok: false, problems };
		await moveStatus(trx, actor, framework, urn, 'audit_submitted', { note: 'Self-audit submitted' }, today);
		await trx
			.updateTable('quality_mark_audits')
			.set({ submitted_at: clock.nowIso(), submitted_by: actor.id })
			.where('quality_mark_id', '=', row.id)
			.where('decision', 'is', null)
			.execute();
		return { ok: true };
	});
}

/** Headteacher-role accounts linked to the school, other than `exceptUserId`: the colleagues who can be named. */
export async function nomineeChoices(db: Db, urn: number, exceptUserId: number) {
	return db
		.selectFrom('users')
		.innerJoin('user_schools', 'user_schools.user_id', 'users.id')
		.select(['users.id', 'users.name', 'users.email'])
		.where('user_schools.urn', '=', urn)
		.where('users.role', '=', 'headteacher')
		.where('users.disabled_at', 'is', null)
		.where('users.id', '!=', exceptUserId)
		.orderBy('users.name')
		.execute();
}

/**
 * The headteacher names the colleague who leads the self-audit, or clears the name (null).
 * The colleague must already have a headteacher-role account linked to the school, so naming
 * them records who is responsible without widening who can see the school.
 */
export async function nominateColleague(db: Db, actor: Actor, urn: number, frameworkKey: Key, nomineeId: number | null): Promise<void> {
	const { framework, mark } = await openRecord(db, actor, urn, frameworkKey);
	requireAllowed(actor, 'qualityMark.selfAudit', mark);
	if (nomineeId !== null && !(await nomineeChoices(db, urn, actor.id)).some((u) => u.id === nomineeId)) {
		throw new Refusal('Choose a colleague whose account is linked to your school. An admin can add their account.');
	}
	await db.transaction().execute(async (trx) => {
		const row = await findRow(trx, urn, framework.key);
		if (!row) throw new Refusal('Your school is not registered for this Quality Mark yet');
		await trx.updateTable('quality_marks').set({ nominee_id: nomineeId, updated_at: clock.nowIso() }).where('id', '=', row.id).execute();
		await audit(trx, {
			userId: actor.id,
			action: 'quality_mark.nominate',
			entity: 'quality_mark',
			entityId: recordRef(urn, framework.key),
			before: { nomineeId: row.nominee_id },
			after: { nomineeId }
		});
	});
}
