import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { createDraft, listPolicyVersions } from '$lib/server/analysis';
import { policyChoices, knownLas } from '$lib/server/las';
import { field } from '$lib/server/forms';
import { servedLas } from '$lib/domain/access';
import { laLabel } from '$lib/domain/las';
import { NOT_FOUND } from '$lib/domain/refusal';

export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	const [versions, choices, known] = await Promise.all([listPolicyVersions(db()), policyChoices(db(), admin), knownLas(db())]);
	const served = servedLas(admin);
	const label = new Map(known.map((l) => [l.code, laLabel(l)]));
	return {
		title: 'Categorisation policy',
		/** Several LAs: each may have a policy of its own, and the page says whose each one is. */
		severalLas: known.length > 1,
		/** The LAs this admin may start a draft for, and whether the installation's policy is theirs to change. */
		draftFor: { las: choices.las.map((l) => ({ code: l.code, label: laLabel(l) })), everyLa: choices.everyLa },
		versions: versions
			// An admin who serves some LAs sees the installation's policy and their LAs' own.
			.filter((v) => v.laCode === null || served === null || served.includes(v.laCode))
			.map((v) => ({
				rowId: v.rowId,
				status: v.status,
				name: v.policy.name,
				id: v.policy.id,
				version: v.policy.version,
				updatedAt: v.updatedAt,
				adoptedAt: v.adoptedAt,
				adoptedBy: v.adoptedBy,
				adoptionReason: v.adoptionReason,
				for: v.laCode === null ? 'every LA without a policy of its own' : (label.get(v.laCode) ?? `LA ${v.laCode}`)
			}))
	};
};

export const actions: Actions = {
	draft: async (event) => {
		const admin = guard(event, 'service.manage');
		const asked = field(await event.request.formData(), 'la');
		const choices = await policyChoices(db(), admin);
		// With several LAs the form asks whose policy the draft is for; with one, it is the installation's.
		if (choices.las.length > 0 && asked === '') return fail(400, { laError: 'Choose whose policy the draft is for' });
		const la = asked === '' || asked === 'every' ? null : asked;
		if (la === null && !choices.everyLa) return fail(403, { laError: 'Only an admin who serves every LA can change the policy every LA uses' });
		if (la !== null && !choices.las.some((l) => l.code === la)) error(404, NOT_FOUND);
		const id = await createDraft(db(), admin.id, la);
		redirect(303, `/admin/policy/${id}`);
	}
};
