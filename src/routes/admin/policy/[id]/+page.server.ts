import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { adoptDraft, adoptedPolicy, analysisYears, discardDraft, getPolicyVersion, saveDraft, whatIf } from '$lib/server/analysis';
import { NOT_FOUND } from '$lib/domain/refusal';
import { policyFromForm } from '$lib/server/analysis/policy-form';
import { field } from '$lib/server/forms';
import { checkReason } from '$lib/domain/reason';

async function stored(event: RequestEvent) {
	const rowId = Number(event.params.id);
	const found = Number.isInteger(rowId) ? await getPolicyVersion(db(), rowId) : null;
	if (!found) error(404, NOT_FOUND);
	return found;
}

export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	const version = await stored(event);
	const adopted = await adoptedPolicy(db());
	const years = await analysisYears(db());
	const asked = Number(event.url.searchParams.get('year'));
	const year = years.includes(asked) ? asked : (years[0] ?? null);
	const comparison = version.status === 'draft' && year !== null ? (await whatIf(db(), version.policy, { year })).comparison : null;
	const title = version.status === 'draft' ? `Draft: ${version.policy.name}` : `${version.policy.name}, version ${version.policy.version}`;
	return { title, version, adopted: adopted.policy, years, year, comparison };
};

export const actions: Actions = {
	save: async (event) => {
		const admin = guard(event, 'service.manage');
		const version = await stored(event);
		const raw = policyFromForm(await event.request.formData(), version.policy.rules);
		return act(
			async () => {
				await saveDraft(db(), version.rowId, raw, admin.id);
				return { saved: true };
			},
			{ values: raw }
		);
	},
	adopt: async (event) => {
		const admin = guard(event, 'service.manage');
		const version = await stored(event);
		const given = field(await event.request.formData(), 'reason');
		const reason = checkReason(given, 'Enter why you are adopting this draft');
		if (!reason.ok) return fail(400, { reasonError: reason.message, reason: given });
		return act(async () => {
			await adoptDraft(db(), version.rowId, admin.id, reason.value);
			redirect(303, `/admin/policy/${version.rowId}?adopted=1`);
		});
	},
	discard: async (event) => {
		const admin = guard(event, 'service.manage');
		const version = await stored(event);
		return act(async () => {
			await discardDraft(db(), version.rowId, admin.id);
			redirect(303, '/admin/policy');
		});
	}
};
