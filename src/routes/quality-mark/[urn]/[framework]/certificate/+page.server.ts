import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { orPageError, schoolFromUrl } from '$lib/server/access';
import { recordPage } from '$lib/server/quality-mark';
import { certificateFor } from '$lib/domain/quality-mark';

/** A printable certificate for an award the school holds today; 404 when there is none to print. */
export const load: PageServerLoad = async (event) => {
	const { user, school } = await schoolFromUrl(event);
	const page = await orPageError(() => recordPage(db(), user, school.urn, event.params.framework));
	const certificate = certificateFor({
		...page.summary,
		assessorName: page.summary.awardAssessorName,
		schoolName: page.school.name,
		urn: school.urn,
		frameworkName: page.framework.name
	});
	if (!certificate) error(404, 'This school does not hold this award today, so there is no certificate to print.');
	return { title: `Certificate: ${page.framework.name}, ${page.school.name}`, certificate, recordHref: `/quality-mark/${school.urn}/${page.framework.key}` };
};
