import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Who assessed the award a school holds, kept apart from the assessor of the visit now booked:
 * booking a renewal's visit replaced assessor_id, so the certificate of the award still held
 * named the new visit's assessor.
 *
 * A record whose status is achieved takes assessor_id: no visit has been booked since the award.
 * A record holding an award part-way through a renewal takes the assessor the audit log recorded
 * when that award was made. Awards brought over without an assessor stay without one.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('quality_marks')
		.addColumn('award_assessor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.execute();
	await db
		.updateTable('quality_marks')
		.set((eb) => ({ award_assessor_id: eb.ref('assessor_id') }))
		.where('award_date', 'is not', null)
		.where('status', '=', 'achieved')
		.execute();

	const renewing: { id: number; urn: number; framework_key: string; award_date: string }[] = await db
		.selectFrom('quality_marks')
		.select(['id', 'urn', 'framework_key', 'award_date'])
		.where('award_date', 'is not', null)
		.where('status', '!=', 'achieved')
		.execute();
	if (renewing.length === 0) return;
	const awardedBy = new Map<string, number>();
	const entries: { entity_id: string | null; after_json: string | null }[] = await db
		.selectFrom('audit_log')
		.select(['entity_id', 'after_json'])
		.where('action', '=', 'quality_mark.status')
		.where('entity', '=', 'quality_mark')
		.orderBy('id')
		.execute();
	for (const e of entries) {
		if (!e.entity_id || !e.after_json) continue;
		let after: { status?: unknown; awardDate?: unknown; assessorId?: unknown };
		try {
			after = JSON.parse(e.after_json);
		} catch {
			continue;
		}
		if (after.status === 'achieved' && typeof after.awardDate === 'string' && typeof after.assessorId === 'number') {
			awardedBy.set(`${e.entity_id}@${after.awardDate}`, after.assessorId);
		}
	}
	for (const r of renewing) {
		const assessor = awardedBy.get(`${r.urn}/${r.framework_key}@${r.award_date}`);
		if (assessor === undefined) continue;
		const user = await db.selectFrom('users').select('id').where('id', '=', assessor).executeTakeFirst();
		if (user) await db.updateTable('quality_marks').set({ award_assessor_id: assessor }).where('id', '=', r.id).execute();
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('quality_marks').dropColumn('award_assessor_id').execute();
}
