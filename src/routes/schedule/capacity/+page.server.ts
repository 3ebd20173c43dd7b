import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { can } from '$lib/domain/access';
import { planScopeOf, capacityView, defaultScheduleYear, today, yearParam } from '$lib/server/schedule';
import { academicYearLabel } from '$lib/domain/ks2/types';

/** Days needed by category against days available: per adviser, for the LA, and the schools that go short. */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
	const year = yearParam(event.url.searchParams.get('year')) ?? (await defaultScheduleYear(db(), today()));
	const { summary, run, changedSince, inputsChanged, result } = await capacityView(db(), year, await planScopeOf(db(), user));
	return {
		title: 'Capacity summary',
		year,
		yearLabel: academicYearLabel(year),
		planned: run !== null,
		canPlan: can(user, 'year.plan'),
		summary,
		shortfalls: result.shortfalls,
		changedSince: changedSince.length,
		inputsChanged
	};
};
