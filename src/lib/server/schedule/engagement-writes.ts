import type { Db } from '../db';
import type { EngagementRowStatus } from '../db/schema/schedule';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { dayAndDate } from '../../domain/format';
import type { HalfTermId } from '../../domain/calendar/half-terms';
import type { IsoDate } from '../../domain/calendar/iso-date';

/*
 * Writes that change one engagement, each with its audit entry, inside the caller's transaction.
 * Shared by the schedule's own actions and by Quality Mark visits kept in step with their record,
 * so an engagement is cancelled or moved the same way whichever page it is done from.
 *
 * Each write changes the engagement only as it was read (`read`): still open (planned or
 * confirmed), and with the status and date read when given. If someone else cancelled, completed,
 * confirmed or moved it in between, nothing is written and they are told what happened (a
 * Refusal), rather than overwriting it unseen or failing on the database's own checks.
 */

/** What the caller read of an engagement before changing it. */
export interface EngagementRead {
	status?: EngagementRowStatus;
	date?: IsoDate;
}

const OPEN: EngagementRowStatus[] = ['planned', 'confirmed'];

/** What is being done to the engagement, in the words a refusal uses. */
export type EngagementChange = 'move' | 'confirm' | 'cancel' | 'publish';

const WORDS: Record<EngagementChange, { cannot: string; before: string }> = {
	move: { cannot: 'it cannot be moved', before: 'move it' },
	confirm: { cannot: 'it cannot be confirmed', before: 'confirm it' },
	cancel: { cannot: 'it cannot be cancelled', before: 'cancel it' },
	publish: { cannot: 'its note of visit cannot be published', before: 'publish its note of visit' }
};

const SINCE = 'by someone else after you opened the page';

/**
 * Refused when an engagement is no longer as the caller read it: says what happened to it since,
 * in plain words; null if it is still as read.
 */
export async function changedSince(db: Db, id: number, read: EngagementRead, doing: EngagementChange): Promise<Refusal | null> {
	const row = await db.selectFrom('engagements').select(['status', 'date']).where('id', '=', id).executeTakeFirst();
	if (!row) return new Refusal('There is no such engagement.', { status: 404 });
	const words = WORDS[doing];
	if (row.status === 'cancelled') {
		return doing === 'cancel'
			? new Refusal(`This engagement was already cancelled ${SINCE}.`)
			: new Refusal(`This engagement was cancelled ${SINCE}, so ${words.cannot}.`);
	}
	if (row.status === 'completed') return new Refusal(`This engagement was completed ${SINCE}, so ${words.cannot}.`);
	if (read.date !== undefined && row.date !== read.date) {
		return new Refusal(`This engagement was moved to ${dayAndDate(row.date)} ${SINCE}. Look at it again before you ${words.before}.`);
	}
	if (read.status !== undefined && row.status !== read.status) {
		return doing === 'confirm'
			? new Refusal(`This engagement was confirmed ${SINCE}.`)
			: new Refusal(`This engagement was ${row.status} ${SINCE}. Look at it again before you ${words.before}.`);
	}
	return null;
}

/** Throws the refusal for an engagement changed since it was read, when a write guarded by `read` changed no row. */
export async function requireUpdated(db: Db, done: { numUpdatedRows: bigint }, id: number, read: EngagementRead, doing: EngagementChange): Promise<void> {
	if (Number(done.numUpdatedRows) === 1) return;
	throw (await changedSince(db, id, read, doing)) ?? new Refusal(`This engagement was changed ${SINCE}. Look at it again before you ${WORDS[doing].before}.`);
}

/** Cancels an engagement, with the reason, if it is still as `read`. `before` is what the audit log records it was. */
export async function writeCancel(trx: Db, userId: number, id: number, before: EngagementRead, reason: string): Promise<void> {
	const now = nowIso();
	const done = await trx
		.updateTable('engagements')
		.set({ status: 'cancelled', cancel_reason: reason, cancelled_at: now, cancelled_by: userId, updated_at: now })
		.where('id', '=', id)
		.where('status', 'in', before.status ? [before.status] : OPEN)
		.$if(before.date !== undefined, (q) => q.where('date', '=', before.date!))
		.executeTakeFirst();
	await requireUpdated(trx, done, id, before, 'cancel');
	await audit(trx, { userId, action: 'engagement.cancel', entity: 'engagement', entityId: id, before, after: { status: 'cancelled', reason } });
}

/** Moves an engagement from `before.date` to `to`, in `halfTerm`, confirmed: whoever moves it has chosen the date. */
export async function writeMove(
	trx: Db,
	userId: number,
	id: number,
	before: EngagementRead & { date: IsoDate },
	to: IsoDate,
	halfTerm: HalfTermId | null
): Promise<void> {
	const now = nowIso();
	const done = await trx
		.updateTable('engagements')
		.set({ date: to, half_term: halfTerm, status: 'confirmed', confirmed_at: now, confirmed_by: userId, updated_at: now })
		.where('id', '=', id)
		.where('status', 'in', before.status ? [before.status] : OPEN)
		.where('date', '=', before.date)
		.executeTakeFirst();
	await requireUpdated(trx, done, id, before, 'move');
	await audit(trx, { userId, action: 'engagement.move', entity: 'engagement', entityId: id, before, after: { date: to, status: 'confirmed' } });
}
