import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { field } from '$lib/server/forms';
import { can } from '$lib/domain/access';
import { Refusal } from '$lib/domain/refusal';
import { interventionStatuses } from '$lib/server/intervention';
import { today } from '$lib/server/schedule/years';
import { adoptedPolicy, agreeCategory, agreeUnchanged, analysisYears, moderationList, runAnalysis, runsForYear } from '$lib/server/analysis';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
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
		can: { run: can(user, 'analysis.run'), agree: can(user, 'categories.agree'), changePolicy: can(user, 'service.manage') }
	};
};

export const actions: Actions = {
	run: async (event) => {
		const user = guard(event, 'analysis.run');
		const year = Number(field(await event.request.formData(), 'year')) || null;
		return act(async () => {
			const { run, changed } = await runAnalysis(db(), { year, userId: user.id });
			return { ran: { id: run.id, year: run.year, schools: run.schoolCount, changed } };
		});
	},
	agree: async (event) => {
		const user = guard(event, 'categories.agree');
		const form = await event.request.formData();
		const urn = Number(field(form, 'urn'));
		return act(async () => {
			if (!Number.isInteger(urn)) throw new Refusal('Choose a school to agree');
			await agreeCategory(db(), user, { urn, year: Number(field(form, 'year')) });
			return { agreed: 1 };
		});
	},
	agreeUnchanged: async (event) => {
		const user = guard(event, 'categories.agree');
		const year = Number(field(await event.request.formData(), 'year'));
		return act(async () => ({ agreed: await agreeUnchanged(db(), user, year) }));
	}
};
