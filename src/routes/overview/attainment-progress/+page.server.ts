import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { servedLas } from '$lib/domain/access';
import { staffOverview } from '$lib/server/overview';
import { today, yearParam } from '$lib/server/schedule/years';
import { scatterTable } from '$lib/components/charts/scatter-drawing';
import { academicYearLabel } from '$lib/domain/ks2/types';

/** The overview's attainment against progress chart as a table: every school's figures, linked to its profile. */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
	const year = yearParam(event.url.searchParams.get('year'));
	const { scatter } = await staffOverview(db(), { scatterYear: year, today: today(), las: servedLas(user) });
	const title = 'Attainment against progress';
	return {
		title: scatter ? `${title}, ${academicYearLabel(scatter.year)}` : title,
		scatter: scatter && {
			year: scatter.year,
			categoryYear: scatter.categoryYear,
			note: scatter.note,
			table: scatterTable(scatter.schools, { title, year: scatter.year })
		}
	};
};
