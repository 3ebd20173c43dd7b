import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, schoolFromUrl } from '$lib/server/access';
import { toSchool } from '$lib/server/schools';
import { can } from '$lib/domain/access';
import { decideDisagreement, latestCategory, listDisagreements, raiseDisagreement, reviewDisagreement } from '$lib/server/disagreements';
import { field } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	const { user, school: s } = await schoolFromUrl(event);
	const ref = toSchool(s);
	const list = await listDisagreements(db(), s.urn);
	// The school disagrees with its agreed category; staff see a proposal too.
	const current = await latestCategory(db(), s.urn, { agreedOnly: !can(user, 'school.seeWorking', ref) });
	const open = list.some((d) => d.status !== 'decided' && d.year === current?.year);
	return {
		title: `Disagreements: ${s.name}`,
		school: { urn: s.urn, name: s.name },
		current: current ?? null,
		disagreements: list,
		can: {
			raise: can(user, 'disagreement.raise', ref) && current !== undefined && !open,
			review: can(user, 'disagreement.review', ref),
			decide: can(user, 'disagreement.decide', ref)
		}
	};
};

/** Runs one step; a refusal comes back with its message beside the right field. */
function step(run: () => Promise<unknown>, done: string, values: Record<string, string>) {
	return act(
		async () => {
			await run();
			return { done };
		},
		{ values }
	);
}

export const actions: Actions = {
	raise: async (event) => {
		const { user, school: s } = await schoolFromUrl(event);
		const form = await event.request.formData();
		const values = { reasons: field(form, 'reasons'), evidence: field(form, 'evidence'), suggested: field(form, 'suggested') };
		return step(
			() => raiseDisagreement(db(), user, s.urn, values),
			'Your disagreement has been recorded. Your link adviser will review it and a lead adviser will decide.',
			values
		);
	},
	review: async (event) => {
		const { user, school: s } = await schoolFromUrl(event);
		const form = await event.request.formData();
		const values = { review: field(form, 'review') };
		return step(
			() => reviewDisagreement(db(), user, s.urn, Number(field(form, 'id')), values),
			'Your review has been recorded. A lead adviser will decide.',
			values
		);
	},
	decide: async (event) => {
		const { user, school: s } = await schoolFromUrl(event);
		const form = await event.request.formData();
		const values = { decision: field(form, 'decision'), category: field(form, 'category'), reason: field(form, 'reason') };
		return step(
			() => decideDisagreement(db(), user, s.urn, Number(field(form, 'id')), values),
			'The decision has been recorded and the school has been told.',
			values
		);
	}
};
