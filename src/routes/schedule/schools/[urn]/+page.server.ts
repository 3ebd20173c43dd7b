import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { engagementsForSchool, schoolFromParam, today } from '$lib/server/schedule';

/**
 * One school's engagements, AfIs and notes of visit. Staff see everything, drafts included; the
 * school's own headteacher sees published notes only; any other headteacher gets 404.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const school = await schoolFromParam(db(), user, event.params.urn);
	const isSchool = user.role === 'headteacher';
	return {
		title: `Visits and notes: ${school.name}`,
		school: { urn: school.urn, name: school.name, linkAdviser: school.link_adviser_name },
		engagements: await engagementsForSchool(db(), school.urn, { publishedNotesOnly: isSchool }),
		isSchool,
		today: today()
	};
};
