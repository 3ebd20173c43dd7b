import type { Db } from '../db';
import { audit } from '../audit';
import { isLaCode, LA_CODE_HINT, tidyLas } from '../../domain/las';

/** The settings key for the LAs the installation serves: the register keeps only their schools. */
export const LA_SCOPE_KEY = 'import.la_scope';

/**
 * The LAs this installation serves, sorted; none: every LA, and every school in a file is imported.
 * Reads the setting as it is stored now (`{ laCodes: [...] }`) and as it was when an installation
 * served one LA at most (`{ laCode: '850' }` or `{ laCode: null }`), so older databases go on as they were.
 */
export async function getServedLas(db: Db): Promise<string[]> {
	const row = await db.selectFrom('settings').select('value_json').where('key', '=', LA_SCOPE_KEY).executeTakeFirst();
	if (!row) return [];
	const value = JSON.parse(row.value_json) as { laCodes?: string[]; laCode?: string | null };
	return tidyLas(value.laCodes ?? (value.laCode ? [value.laCode] : []));
}

export type LaScopeResult = { ok: true } | { ok: false; message: string };

/** Admin only (the caller checks). Each LA code is three digits, as in GIAS and the KS2 files; none: every LA. */
export async function setServedLas(db: Db, laCodes: readonly string[], userId: number | null): Promise<LaScopeResult> {
	const codes = tidyLas(laCodes);
	if (codes.some((c) => !isLaCode(c))) return { ok: false, message: LA_CODE_HINT };
	await db.transaction().execute(async (trx) => {
		const before = await getServedLas(trx);
		const value_json = JSON.stringify({ laCodes: codes });
		await trx
			.insertInto('settings')
			.values({ key: LA_SCOPE_KEY, value_json })
			.onConflict((oc) => oc.column('key').doUpdateSet({ value_json }))
			.execute();
		await audit(trx, { userId, action: 'setting.update', entity: 'setting', entityId: LA_SCOPE_KEY, before: { laCodes: before }, after: { laCodes: codes } });
	});
	return { ok: true };
}
