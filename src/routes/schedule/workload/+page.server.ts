import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { can } from '$lib/domain/access';
import { calendarLaOf, planScopeOf, capacityView, defaultScheduleYear, today, yearParam } from '$lib/server/schedule';
import { academicYearLabel } from '$lib/domain/ks2/types';
import { HALF_TERM_LABELS } from '$lib/domain/calendar/half-terms';
import type { AdviserLoad } from '$lib/components/charts/workload';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Each adviser's work against their capacity, per half term. The chart counts the work the
 * agreed categories need (planned, plus what could not be placed), so a shortfall shows as
 * over capacity rather than hiding behind a plan that stopped at the limit.
 */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
	const year = yearParam(event.url.searchParams.get('year')) ?? (await defaultScheduleYear(db(), today()));
	// Days available are counted as on the capacity summary: on the term dates of the one LA someone serves.
	const { summary, run } = await capacityView(db(), year, await planScopeOf(db(), user), calendarLaOf(user));
	const loads: AdviserLoad[] = summary.byAdviser.map((a) => ({
		adviser: a.adviserName,
		halfTerms: a.halfTerms.map((h) => ({ label: capital(HALF_TERM_LABELS[h.halfTerm]), planned: h.needed, capacity: h.available }))
	}));
	const over = summary.byAdviser.reduce((n, a) => n + a.halfTerms.filter((h) => h.needed > h.available).length, 0);
	const chartSummary =
		over === 0
			? 'Every adviser has the days their schools need in every half term.'
			: `In ${over} ${over === 1 ? 'half term an adviser’s' : 'half terms, advisers’'} schools need more days than the adviser has.`;
	return {
		title: 'Adviser workload',
		chartSummary,
		year,
		yearLabel: academicYearLabel(year),
		planned: run !== null,
		canPlan: can(user, 'year.plan'),
		loads,
		advisers: summary.byAdviser
	};
};
