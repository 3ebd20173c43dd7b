import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guard';
import {
	adoptDraft,
	adoptedPolicy,
	AnalysisError,
	analysisYears,
	discardDraft,
	getPolicyVersion,
	PolicyInputError,
	saveDraft,
	whatIf
} from '$lib/server/analysis';
import { policyFromForm } from '$lib/server/analysis/policy-form';

async function stored(event: RequestEvent) {
	const rowId = Number(event.params.id);
	const found = Number.isInteger(rowId) ? await getPolicyVersion(db(), rowId) : null;
	if (!found) error(404, 'Page not found');
	return found;
}

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'manageService');
	const version = await stored(event);
	const adopted = await adoptedPolicy(db());
	const years = await analysisYears(db());
	const asked = Number(event.url.searchParams.get('year'));
	const year = years.includes(asked) ? asked : (years[0] ?? null);
	const comparison = version.status === 'draft' && year !== null ? (await whatIf(db(), version.policy, { year })).comparison : null;
	const title = version.status === 'draft' ? `Draft: ${version.policy.name}` : `${version.policy.name}, version ${version.policy.version}`;
	return { title, version, adopted: adopted.policy, years, year, comparison };
};

function handle(e: unknown) {
	if (e instanceof PolicyInputError) return fail(400, { errors: e.errors });
	if (e instanceof AnalysisError) return fail(e.status, { errors: { form: e.message } as Record<string, string> });
	throw e;
}

export const actions: Actions = {
	save: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const version = await stored(event);
		const raw = policyFromForm(await event.request.formData(), version.policy.rules);
		try {
			await saveDraft(db(), version.rowId, raw, admin.id);
		} catch (e) {
			const failed = handle(e);
			return fail(failed.status, { ...failed.data, values: raw });
		}
		return { saved: true };
	},
	adopt: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const version = await stored(event);
		try {
			await adoptDraft(db(), version.rowId, admin.id);
		} catch (e) {
			return handle(e);
		}
		redirect(303, `/admin/policy/${version.rowId}?adopted=1`);
	},
	discard: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const version = await stored(event);
		try {
			await discardDraft(db(), version.rowId, admin.id);
		} catch (e) {
			return handle(e);
		}
		redirect(303, '/admin/policy');
	}
};
