import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { servedUrns } from '$lib/server/la-scope';
import { guard } from '$lib/server/access';
import { listFrameworks, parseFilters, qualityMarkCsv, qualityMarkTable, todayIso } from '$lib/server/quality-mark';

/** The Quality Mark table as CSV, with the same filters as the page. Staff only. */
export const GET: RequestHandler = async (event) => {
	const user = guard(event, 'schools.list');
	const today = todayIso();
	const filters = parseFilters(event.url.searchParams, await listFrameworks(db()));
	const csv = qualityMarkCsv(await qualityMarkTable(db(), filters, today, await servedUrns(db(), user)));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="quality-marks-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
