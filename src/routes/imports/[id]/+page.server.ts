import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guard';
import { importHistory, importReport } from '$lib/server/import/history';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'importData');
	const id = Number(event.params.id);
	const record = Number.isInteger(id) ? (await importHistory(db())).find((r) => r.id === id) : undefined;
	const report = record ? await importReport(db(), id) : null;
	if (!record || !report) error(404, 'Page not found');
	return { title: `Import ${id}`, record, report };
};
