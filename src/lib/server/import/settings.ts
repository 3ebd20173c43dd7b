import type { Db } from '../db';
import { audit } from '../audit';

/** The settings key for the LA the register is limited to. */
export const LA_SCOPE_KEY = 'import.la_scope';

/** The LA code the register is limited to, or null to import every school in a file. */
export async function getLaScope(db: Db): Promise<string | null> {
	const row = await db.selectFrom('settings').select('value_json').where('key', '=', LA_SCOPE_KEY).executeTakeFirst();
	if (!row) return null;
	const value = JSON.parse(row.value_json) as { laCode: string | null };
	return value.laCode ?? null;
}

export type LaScopeResult = { ok: true } | { ok: false; message: string };

/** Admin only (the caller checks). An LA code is three digits, as in GIAS and the KS2 files. */
export async function setLaScope(db: Db, laCode: string | null, userId: number | null): Promise<LaScopeResult> {
	const code = laCode?.trim() || null;
	if (code !== null && !/^\d{3}$/.test(code)) return { ok: false, message: 'Enter the LA code as three digits, for example 850' };
	await db.transaction().execute(async (trx) => {
		const before = await getLaScope(trx);
		const value_json = JSON.stringify({ laCode: code });
		await trx
			.insertInto('settings')
			.values({ key: LA_SCOPE_KEY, value_json })
			.onConflict((oc) => oc.column('key').doUpdateSet({ value_json }))
			.execute();
		await audit(trx, { userId, action: 'setting.update', entity: 'setting', entityId: LA_SCOPE_KEY, before: { laCode: before }, after: { laCode: code } });
	});
	return { ok: true };
}
