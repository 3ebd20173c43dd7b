import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { importHistory, importReport } from '$lib/server/import/history';
import { NOT_FOUND } from '$lib/domain/refusal';
import { seesImport } from '$lib/domain/access';
import { isRowId } from '$lib/domain/ids';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'data.import');
	const id = Number(event.params.id);
	const record = isRowId(id) ? (await importHistory(db())).find((r) => r.id === id) : undefined;
	const report = record ? await importReport(db(), id) : null;
	if (!record || !report || !seesImport(user, record.laCodes)) error(404, NOT_FOUND);
	return { title: `Import ${id}`, record, report };
};
