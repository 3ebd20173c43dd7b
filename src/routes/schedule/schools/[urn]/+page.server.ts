import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { schoolFromUrl } from '$lib/server/access';
import { engagementsForSchool, today } from '$lib/server/schedule';
import { can } from '$lib/domain/access';
import { toSchool } from '$lib/server/schools';

/**
 * One school's engagements, AfIs and notes of visit. Staff see everything, drafts included; the
 * school's own headteacher sees published notes only; any other headteacher gets 404.
 */
export const load: PageServerLoad = async (event) => {
	const { user, school } = await schoolFromUrl(event);
	// The school sees published notes only; the LA's own working (drafts) is for staff.
	const isSchool = !can(user, 'school.seeWorking', toSchool(school));
	return {
		title: `Visits and notes: ${school.name}`,
		school: { urn: school.urn, name: school.name, linkAdviser: school.link_adviser_name },
		engagements: await engagementsForSchool(db(), school.urn, { publishedNotesOnly: isSchool }),
		isSchool,
		today: today()
	};
};
