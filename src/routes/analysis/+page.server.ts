import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { field } from '$lib/server/forms';
import { can, servedLas } from '$lib/domain/access';
import { Refusal } from '$lib/domain/refusal';
import { interventionStatuses } from '$lib/server/intervention';
import { today } from '$lib/server/schedule/years';
import { countsByCategory, moderationView, parseModerationQuery } from '$lib/domain/analysis/moderation-view';
import { adoptedPolicy, agreeCategory, agreeUnchanged, analysisYears, moderationList, runAnalysis, latestRunFor } from '$lib/server/analysis';
import { isRowId } from '$lib/domain/ids';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
	const years = await analysisYears(db());
	const asked = Number(event.url.searchParams.get('year'));
	const year = years.includes(asked) ? asked : (years[0] ?? null);
	const las = servedLas(user);
	// The policy the served LA's runs use, for someone who serves one LA; the shared one otherwise.
	const policy = (await adoptedPolicy(db(), las?.length === 1 ? las[0] : null)).policy;
	const all = year === null ? [] : await moderationList(db(), year, las);
	const query = parseModerationQuery(event.url.searchParams);
	const view = moderationView(all, query);
	const unchanged = all.filter((s) => s.unchanged);
	const advisers = new Map(all.filter((s) => s.linkAdviserId !== null).map((s) => [s.linkAdviserId!, s.linkAdviserName ?? 'An adviser']));
	return {
		title: 'Desktop analysis',
		years,
		year,
		policy: { id: policy.id, version: policy.version, name: policy.name },
		latestRun: year === null ? null : await latestRunFor(db(), year, las),
		total: all.length,
		query,
		view,
		advisers: [...advisers].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
		me: user.id,
		/** The proposals "Agree all unchanged" would agree, by category; the page asks to confirm them. */
		unchanged: {
			count: unchanged.length,
			byCategory: countsByCategory(unchanged),
			newSupport: unchanged.filter((s) => s.lastYear === null && (s.category === 'focus' || s.category === 'intensive')).length
		},
		confirmBulk: event.url.searchParams.get('confirm') === 'agree-unchanged',
		// As of today whatever the year shown: DfE's status now, beside the category being moderated.
		interventions: await interventionStatuses(
			db(),
			today(),
			view.rows.map((s) => s.urn)
		),
		can: { run: can(user, 'analysis.run'), agree: can(user, 'categories.agree'), changePolicy: can(user, 'service.manage') }
	};
};

export const actions: Actions = {
	run: async (event) => {
		const user = guard(event, 'analysis.run');
		const year = Number(field(await event.request.formData(), 'year')) || null;
		return act(async () => {
			// The LAs this person serves, each on its own policy.
			const { run, runs, changed } = await runAnalysis(db(), { year, userId: user.id, las: servedLas(user) });
			return { ran: { id: run.id, year: run.year, schools: runs.reduce((n, r) => n + r.schoolCount, 0), changed } };
		});
	},
	agree: async (event) => {
		const user = guard(event, 'categories.agree');
		const form = await event.request.formData();
		const urn = Number(field(form, 'urn'));
		return act(async () => {
			if (!isRowId(urn)) throw new Refusal('Choose a school to agree');
			await agreeCategory(db(), user, { urn, year: Number(field(form, 'year')), category: field(form, 'category') || undefined });
			return { agreed: 1 };
		});
	},
	agreeUnchanged: async (event) => {
		const user = guard(event, 'categories.agree');
		const year = Number(field(await event.request.formData(), 'year'));
		return act(async () => ({ agreed: await agreeUnchanged(db(), user, year) }));
	}
};
