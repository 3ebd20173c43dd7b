import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { servedUrns } from '$lib/server/la-scope';
import { signedIn } from '$lib/server/access';
import { can } from '$lib/domain/access';
import { getSchools } from '$lib/server/schools';
import { listFrameworks, parseFilters, qualityMarkDashboard, qualityMarkForSchool, qualityMarkTable, todayIso } from '$lib/server/quality-mark';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const today = todayIso();
	if (!can(user, 'schools.list')) {
		const schools = await getSchools(db(), user.schoolUrns);
		const marks = await Promise.all(schools.map(async (s) => ({ urn: s.urn, name: s.name, marks: await qualityMarkForSchool(db(), s.urn, today) })));
		return { title: 'Quality Mark', view: 'headteacher' as const, schools: marks };
	}
	const frameworks = await listFrameworks(db());
	const filters = parseFilters(event.url.searchParams, frameworks);
	const served = await servedUrns(db(), user);
	return {
		title: 'Quality Mark',
		view: 'staff' as const,
		today,
		frameworks: frameworks.map((f) => ({ key: f.key, name: f.name, shortName: f.shortName })),
		filters,
		dashboard: await qualityMarkDashboard(db(), today, undefined, served),
		rows: await qualityMarkTable(db(), filters, today, served)
	};
};
