import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { createDraft, listPolicyVersions } from '$lib/server/analysis';

export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	const versions = await listPolicyVersions(db());
	return {
		title: 'Categorisation policy',
		versions: versions.map((v) => ({
			rowId: v.rowId,
			status: v.status,
			name: v.policy.name,
			id: v.policy.id,
			version: v.policy.version,
			updatedAt: v.updatedAt,
			adoptedAt: v.adoptedAt,
			adoptedBy: v.adoptedBy,
			adoptionReason: v.adoptionReason
		}))
	};
};

export const actions: Actions = {
	draft: async (event) => {
		const admin = guard(event, 'service.manage');
		const id = await createDraft(db(), admin.id);
		redirect(303, `/admin/policy/${id}`);
	}
};
