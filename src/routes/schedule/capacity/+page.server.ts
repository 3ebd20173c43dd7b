import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireStaff } from '$lib/server/auth/guard';
import { capacityView, defaultScheduleYear, mayPlan, today, yearParam } from '$lib/server/schedule';
import { academicYearLabel } from '$lib/domain/ks2/types';

/** Days needed by category against days available: per adviser, for the LA, and the schools that go short. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const year = yearParam(event.url.searchParams.get('year')) ?? (await defaultScheduleYear(db(), today()));
	const { summary, run, changedSince, inputsChanged, result } = await capacityView(db(), year);
	return {
		title: 'Capacity summary',
		year,
		yearLabel: academicYearLabel(year),
		planned: run !== null,
		canPlan: mayPlan(user.role),
		summary,
		shortfalls: result.shortfalls,
		changedSince: changedSince.length,
		inputsChanged
	};
};
