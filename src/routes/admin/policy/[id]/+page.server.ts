import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { adoptDraft, adoptedPolicy, analysisYears, discardDraft, draftBasis, getPolicyVersion, saveDraft, whatIf } from '$lib/server/analysis';
import { NOT_FOUND } from '$lib/domain/refusal';
import { servedLas, type Actor } from '$lib/domain/access';
import { laLabel } from '$lib/domain/las';
import { knownLas } from '$lib/server/las';
import { policyFromForm } from '$lib/server/analysis/policy-form';
import { field } from '$lib/server/forms';
import { checkReason } from '$lib/domain/reason';
import { isRowId } from '$lib/domain/ids';

/**
 * The policy version in the address, if this admin may see it: the installation's, or an LA's they
 * serve. `change`: they mean to change it, which the installation's is only to an admin of every LA.
 */
async function stored(event: RequestEvent, admin: Actor, change = false) {
	const rowId = Number(event.params.id);
	const found = isRowId(rowId) ? await getPolicyVersion(db(), rowId) : null;
	const served = servedLas(admin);
	if (!found || (found.laCode !== null && served !== null && !served.includes(found.laCode))) error(404, NOT_FOUND);
	if (change && found.laCode === null && served !== null) error(403, 'Only an admin who serves every LA can change the policy every LA uses');
	return found;
}

export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	const version = await stored(event, admin);
	const adopted = await adoptedPolicy(db(), version.laCode);
	const years = await analysisYears(db());
	const asked = Number(event.url.searchParams.get('year'));
	const year = years.includes(asked) ? asked : (years[0] ?? null);
	const comparison =
		version.status === 'draft' && year !== null
			? (await whatIf(db(), version.policy, { year, la: version.laCode, served: servedLas(admin) })).comparison
			: null;
	const title = version.status === 'draft' ? `Draft: ${version.policy.name}` : `${version.policy.name}, version ${version.policy.version}`;
	const known = await knownLas(db());
	const la = known.find((l) => l.code === version.laCode);
	// Whose policy it is, said only where there are several LAs.
	const forWhom = known.length <= 1 ? null : la ? laLabel(la) : version.laCode === null ? 'every LA without a policy of its own' : `LA ${version.laCode}`;
	// The version a draft was copied from, and whether another has been adopted since.
	const basis = version.status === 'draft' ? await draftBasis(db(), version) : null;
	return { title, version, adopted: adopted.policy, basis, years, year, comparison, forWhom };
};

export const actions: Actions = {
	save: async (event) => {
		const admin = guard(event, 'service.manage');
		const version = await stored(event, admin, true);
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
		const version = await stored(event, admin, true);
		const form = await event.request.formData();
		const given = field(form, 'reason');
		const overNewer = field(form, 'over-newer') === 'yes';
		const reason = checkReason(given, 'Enter why you are adopting this draft');
		if (!reason.ok) return fail(400, { reasonError: reason.message, reason: given, overNewer });
		return act(
			async () => {
				await adoptDraft(db(), version.rowId, admin.id, reason.value, { overNewer });
				redirect(303, `/admin/policy/${version.rowId}?adopted=1`);
			},
			{ reason: given, overNewer }
		);
	},
	discard: async (event) => {
		const admin = guard(event, 'service.manage');
		const version = await stored(event, admin, true);
		return act(async () => {
			await discardDraft(db(), version.rowId, admin.id);
			redirect(303, '/admin/policy');
		});
	}
};
