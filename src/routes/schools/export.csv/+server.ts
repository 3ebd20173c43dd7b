import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { servedLas } from '$lib/domain/access';
import { today } from '$lib/server/schedule/years';
import { allMatchingSchools, parseListQuery, schoolListCsv } from '$lib/server/school-list';

/** The school list as CSV, with the same search, filters and sort as the page (every page of it). Staff only. */
export const GET: RequestHandler = async (event) => {
	const user = guard(event, 'schools.list');
	const day = today();
	const { year, rows } = await allMatchingSchools(db(), { ...parseListQuery(event.url.searchParams), served: servedLas(user) }, day);
	return new Response(schoolListCsv(rows, year), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="schools-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
