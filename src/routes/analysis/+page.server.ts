import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requirePermission, requireStaff } from '$lib/server/auth/guard';
import { field } from '$lib/server/forms';
import { can } from '$lib/domain/roles';
import { interventionStatuses } from '$lib/server/intervention';
import { today } from '$lib/server/schedule/years';
import { adoptedPolicy, agreeCategory, agreeUnchanged, AnalysisError, analysisYears, moderationList, runAnalysis, runsForYear } from '$lib/server/analysis';

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const years = await analysisYears(db());
	const asked = Number(event.url.searchParams.get('year'));
	const year = years.includes(asked) ? asked : (years[0] ?? null);
	const policy = (await adoptedPolicy(db())).policy;
	const schools = year === null ? [] : await moderationList(db(), year);
	return {
		title: 'Desktop analysis',
		years,
		year,
		policy: { id: policy.id, version: policy.version, name: policy.name },
		runs: year === null ? [] : await runsForYear(db(), year, 5),
		schools,
		// As of today whatever the year shown: DfE's status now, beside the category being moderated.
		interventions: await interventionStatuses(
			db(),
			today(),
			schools.map((s) => s.urn)
		),
		can: { run: can(user.role, 'runAnalysis'), agree: can(user.role, 'agreeCategory'), changePolicy: can(user.role, 'manageService') }
	};
};

/** A refusal from the analysis, as a message above the page. */
async function attempt<T>(run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof AnalysisError) return fail(e.status, { message: e.message });
		throw e;
	}
}

export const actions: Actions = {
	run: async (event) => {
		const user = requirePermission(event, 'runAnalysis');
		const year = Number(field(await event.request.formData(), 'year')) || null;
		return attempt(async () => {
			const { run, changed } = await runAnalysis(db(), { year, userId: user.id });
			return { ran: { id: run.id, year: run.year, schools: run.schoolCount, changed } };
		});
	},
	agree: async (event) => {
		const user = requirePermission(event, 'agreeCategory');
		const form = await event.request.formData();
		const urn = Number(field(form, 'urn'));
		if (!Number.isInteger(urn)) return fail(400, { message: 'Choose a school to agree' });
		return attempt(async () => {
			await agreeCategory(db(), user, { urn, year: Number(field(form, 'year')) });
			return { agreed: 1 };
		});
	},
	agreeUnchanged: async (event) => {
		const user = requirePermission(event, 'agreeCategory');
		const year = Number(field(await event.request.formData(), 'year'));
		return attempt(async () => ({ agreed: await agreeUnchanged(db(), user, year) }));
	}
};
