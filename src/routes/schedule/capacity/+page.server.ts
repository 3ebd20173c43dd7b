import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import { can, servedLas } from '$lib/domain/access';
import { NOT_FOUND } from '$lib/domain/refusal';
import { laName } from '$lib/server/la-scope';
import { calendarLaOf, planScopeOf, capacityView, defaultScheduleYear, today, yearParam } from '$lib/server/schedule';
import { academicYearLabel } from '$lib/domain/ks2/types';

/** Days needed by category against days available: per adviser, for the LA, and the schools that go short. */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
	const year = yearParam(event.url.searchParams.get('year')) ?? (await defaultScheduleYear(db(), today()));
	// One LA's part of the plan, from the comparison of LAs.
	const la = event.url.searchParams.get('la') || null;
	const served = servedLas(user);
	if (la !== null && served !== null && !served.includes(la)) error(404, NOT_FOUND);
	const { summary, run, changedSince, inputsChanged, result } = await capacityView(db(), year, await planScopeOf(db(), user, la), calendarLaOf(user, la));
	return {
		title: 'Capacity summary',
		la: la && (await laName(db(), la)),
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
