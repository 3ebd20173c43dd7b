import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { requireSchoolAccess, requireUser } from '$lib/server/auth/guard';
import { getSchool } from '$lib/server/schools';
import { DisagreementError, decideDisagreement, latestCategory, listDisagreements, raiseDisagreement, reviewDisagreement } from '$lib/server/disagreements';
import { field } from '$lib/server/forms';

async function school(event: RequestEvent) {
	const user = requireUser(event);
	const urn = Number(event.params.urn);
	if (!Number.isInteger(urn)) error(404, 'Page not found');
	requireSchoolAccess(user, urn);
	const found = await getSchool(db(), urn);
	if (!found) error(404, 'Page not found');
	return { user, school: found };
}

export const load: PageServerLoad = async (event) => {
	const { user, school: s } = await school(event);
	const list = await listDisagreements(db(), s.urn);
	const current = await latestCategory(db(), s.urn, { agreedOnly: user.role === 'headteacher' });
	const open = list.some((d) => d.status !== 'decided' && d.year === current?.year);
	return {
		title: `Disagreements: ${s.name}`,
		school: { urn: s.urn, name: s.name },
		current: current ?? null,
		disagreements: list,
		can: {
			raise: user.role === 'headteacher' && current !== undefined && !open,
			review: user.role === 'lead_adviser' || (user.role === 'adviser' && s.link_adviser_id === user.id),
			decide: user.role === 'lead_adviser'
		}
	};
};

/** Runs one step, turning a refusal into a 400 shown beside the right field (or a 403/404). */
async function attempt(run: () => Promise<unknown>, done: string, values: Record<string, string>) {
	try {
		await run();
		return { done };
	} catch (e) {
		if (!(e instanceof DisagreementError)) throw e;
		if (e.status !== 400) error(e.status, e.message);
		return fail(400, { message: e.message, field: e.field, values });
	}
}

export const actions: Actions = {
	raise: async (event) => {
		const { user, school: s } = await school(event);
		const form = await event.request.formData();
		const values = { reasons: field(form, 'reasons'), evidence: field(form, 'evidence'), suggested: field(form, 'suggested') };
		return attempt(
			() => raiseDisagreement(db(), user, s.urn, values),
			'Your disagreement has been recorded. Your link adviser will review it and a lead adviser will decide.',
			values
		);
	},
	review: async (event) => {
		const { user, school: s } = await school(event);
		const form = await event.request.formData();
		const values = { review: field(form, 'review') };
		return attempt(
			() => reviewDisagreement(db(), user, s.urn, Number(field(form, 'id')), values),
			'Your review has been recorded. A lead adviser will decide.',
			values
		);
	},
	decide: async (event) => {
		const { user, school: s } = await school(event);
		const form = await event.request.formData();
		const values = { decision: field(form, 'decision'), category: field(form, 'category'), reason: field(form, 'reason') };
		return attempt(
			() => decideDisagreement(db(), user, s.urn, Number(field(form, 'id')), values),
			'The decision has been recorded and the school has been told.',
			values
		);
	}
};
