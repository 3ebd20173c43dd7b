import type { Db } from '../../src/lib/server/db';
import { audit } from '../../src/lib/server/audit';
import { addYearsIso, subMonthsIso } from '../../src/lib/domain/quality-mark/iso-date';
import type { IsoDate, StoredStatus } from '../../src/lib/domain/quality-mark';
import * as clock from '../../src/lib/server/clock';
import { insertRecord, recordRef } from '../../src/lib/server/quality-mark/records';

/**
 * Demo Quality Marks, as an LA would bring them over from its spreadsheet: some awards held, some
 * due for renewal or lapsed, some schools part-way through. Deterministic, so demo screenshots
 * and tests see the same picture. Schools with a headteacher account are left alone, so the demo
 * headteacher starts from "not engaged" and can walk through the whole self-audit.
 * seed.ts calls it after the users are created. No record is left with a visit
 * booked, so the demo has no assessment visit that is not also in the schedule.
 */
export async function seedDemoQualityMarks(db: Db, urns: readonly number[], today: IsoDate = clock.today()): Promise<number> {
	const linked = new Set((await db.selectFrom('user_schools').select('urn').execute()).map((r) => r.urn));
	// Only statuses that need no self-audit behind them, so every demo record is consistent.
	const plan: { key: string; status: StoredStatus; awardMonthsAgo?: number }[] = [
		{ key: 'basic_skills', status: 'achieved', awardMonthsAgo: 8 },
		{ key: 'basic_skills', status: 'achieved', awardMonthsAgo: 32 },
		{ key: 'basic_skills', status: 'achieved', awardMonthsAgo: 38 },
		{ key: 'basic_skills', status: 'registered' },
		{ key: 'basic_skills', status: 'interested' },
		{ key: 'professional_development', status: 'achieved', awardMonthsAgo: 20 },
		{ key: 'professional_development', status: 'registered' },
		{ key: 'professional_development', status: 'interested' }
	];
	const chosen = urns.filter((urn) => !linked.has(urn)).filter((_, i) => i % 4 === 0);
	let count = 0;
	await db.transaction().execute(async (trx) => {
		for (const [i, urn] of chosen.entries()) {
			const item = plan[i % plan.length];
			const awardDate = item.awardMonthsAgo === undefined ? null : subMonthsIso(today, item.awardMonthsAgo + (i % 3));
			const changedOn = awardDate ?? subMonthsIso(today, 1 + (i % 5));
			const expiryDate = awardDate ? addYearsIso(awardDate, 3) : null;
			const record = { urn, frameworkKey: item.key, status: item.status, statusChangedOn: changedOn, awardDate, expiryDate, visitDate: null, feedback: null };
			const id = await insertRecord(trx, record);
			const note = 'Brought over from the Quality Mark spreadsheet';
			await trx
				.insertInto('quality_mark_history')
				.values({ quality_mark_id: id, from_status: 'not_engaged', to_status: item.status, changed_on: changedOn, at: clock.nowIso(), user_id: null, note })
				.execute();
			await audit(trx, {
				userId: null,
				action: 'quality_mark.status',
				entity: 'quality_mark',
				entityId: recordRef(urn, item.key),
				after: { status: item.status, awardDate, note }
			});
			count++;
		}
	});
	return count;
}
