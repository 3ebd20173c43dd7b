import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import type { HalfTermId } from '../../domain/calendar/half-terms';
import type { IsoDate } from '../../domain/calendar/iso-date';

/*
 * Writes that change one engagement, each with its audit entry, inside the caller's transaction.
 * Shared by the schedule's own actions and by Quality Mark visits kept in step with their record,
 * so an engagement is cancelled or moved the same way whichever page it is done from.
 */

/** Cancels an engagement, with the reason. `before` is what the audit log records it was. */
export async function writeCancel(trx: Db, userId: number, id: number, before: Record<string, unknown>, reason: string): Promise<void> {
	const now = nowIso();
	await trx
		.updateTable('engagements')
		.set({ status: 'cancelled', cancel_reason: reason, cancelled_at: now, cancelled_by: userId, updated_at: now })
		.where('id', '=', id)
		.execute();
	await audit(trx, { userId, action: 'engagement.cancel', entity: 'engagement', entityId: id, before, after: { status: 'cancelled', reason } });
}

/** Moves an engagement to `to`, in `halfTerm`, confirmed: whoever moves it has chosen the date. */
export async function writeMove(trx: Db, userId: number, id: number, before: Record<string, unknown>, to: IsoDate, halfTerm: HalfTermId | null): Promise<void> {
	const now = nowIso();
	await trx
		.updateTable('engagements')
		.set({ date: to, half_term: halfTerm, status: 'confirmed', confirmed_at: now, confirmed_by: userId, updated_at: now })
		.where('id', '=', id)
		.execute();
	await audit(trx, { userId, action: 'engagement.move', entity: 'engagement', entityId: id, before, after: { date: to, status: 'confirmed' } });
}
