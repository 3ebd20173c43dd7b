import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { can } from '$lib/domain/access';
import { summariesForYear } from '$lib/server/self-evaluation';
import { getSchools } from '$lib/server/schools';
import { schoolYearOf } from '$lib/domain/self-evaluation/summary';
import { today } from '$lib/server/clock';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'selfEvaluation.list');
	const current = schoolYearOf(today());
	if (!can(user, 'schools.list')) {
		if (user.schoolUrns.length === 1) redirect(303, `/self-evaluation/${user.schoolUrns[0]}`);
		return { title: 'Self-evaluation', view: 'school' as const, year: current, schools: await getSchools(db(), user.schoolUrns) };
	}
	const year = Number(event.url.searchParams.get('year')) || current;
	const status = event.url.searchParams.get('status') ?? '';
	const all = await summariesForYear(db(), year);
	const rows = status === 'none' ? all.filter((r) => !r.status) : status ? all.filter((r) => r.status === status) : all;
	return { title: 'Self-evaluation summaries', view: 'staff' as const, year, current, status, rows, total: all.length };
};
