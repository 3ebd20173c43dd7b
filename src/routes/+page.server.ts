import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { signedIn } from '$lib/server/access';
import { can, servedLas } from '$lib/domain/access';
import { staffOverview } from '$lib/server/overview';
import { supportCounts } from '$lib/server/brokerage';
import { mySchools } from '$lib/server/school-profile';
import { today, yearParam } from '$lib/server/schedule/years';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const day = today();
	if (!can(user, 'schools.list')) {
		return { title: 'My school', view: 'headteacher' as const, today: day, schools: await mySchools(db(), user, day) };
	}
	// `attention` is what `attentionGroups` says in words and links; only those are shown.
	const [{ scatter, attention: _attention, ...overview }, support] = await Promise.all([
		staffOverview(db(), { scatterYear: yearParam(event.url.searchParams.get('year')), today: day, las: servedLas(user) }),
		supportCounts(db(), servedLas(user))
	]);
	// The scatter as drawn, without its schools: their figures are on the chart's data page, so the
	// overview stays the same size however many schools the LA has.
	const drawn = scatter && { year: scatter.year, years: scatter.years, categoryYear: scatter.categoryYear, note: scatter.note, drawing: scatter.drawing };
	return { title: 'Overview', view: 'staff' as const, today: day, overview: { ...overview, scatter: drawn, support } };
};
