import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { can, servedLas } from '$lib/domain/access';
import { summariesForYear } from '$lib/server/self-evaluation';
import { getSchools } from '$lib/server/schools';
import { schoolYearOf } from '$lib/domain/self-evaluation/summary';
import { today } from '$lib/server/clock';
import { narrowToMine, schoolsFilterFrom } from '$lib/domain/my-schools';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'selfEvaluation.list');
	const current = schoolYearOf(today());
	if (!can(user, 'schools.list')) {
		if (user.schoolUrns.length === 1) redirect(303, `/self-evaluation/${user.schoolUrns[0]}`);
		return { title: 'Self-evaluation', view: 'school' as const, year: current, schools: await getSchools(db(), user.schoolUrns) };
	}
	const year = Number(event.url.searchParams.get('year')) || current;
	const status = event.url.searchParams.get('status') ?? '';
	const canNarrow = can(user, 'schools.mine');
	const schoolsFilter = schoolsFilterFrom(event.url.searchParams.get('schools'), canNarrow);
	const { shown, total } = narrowToMine(await summariesForYear(db(), year, servedLas(user)), schoolsFilter, user.id);
	const rows = status === 'none' ? shown.filter((r) => !r.status) : status ? shown.filter((r) => r.status === status) : shown;
	return { title: 'Self-evaluation summaries', view: 'staff' as const, year, current, status, canNarrow, schoolsFilter, rows, total };
};
