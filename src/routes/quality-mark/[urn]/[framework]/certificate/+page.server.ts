import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireSchoolAccess, requireUser } from '$lib/server/auth/guard';
import { QualityMarkError, recordPage } from '$lib/server/quality-mark';
import { certificateFor } from '$lib/domain/quality-mark';

/** A printable certificate for an award the school holds today; 404 when there is none to print. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const urn = Number(event.params.urn);
	if (!Number.isInteger(urn) || urn <= 0) error(404, 'Page not found');
	requireSchoolAccess(user, urn);
	const page = await recordPage(db(), user, urn, event.params.framework).catch((e) => {
		if (e instanceof QualityMarkError) error(404, 'Page not found');
		throw e;
	});
	const certificate = certificateFor({ ...page.summary, schoolName: page.school.name, urn, frameworkName: page.framework.name });
	if (!certificate) error(404, 'This school does not hold this award today, so there is no certificate to print.');
	return { title: `Certificate: ${page.framework.name}, ${page.school.name}`, certificate, recordHref: `/quality-mark/${urn}/${page.framework.key}` };
};
