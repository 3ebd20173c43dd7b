import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard, requireSettingsOf } from '$lib/server/access';
import { resetTemplates, templatesOf } from '$lib/server/schedule';
import { settingsScope, scopeQuery } from '$lib/server/schedule/settings-scope';
import { CATEGORIES, CATEGORY_LABELS } from '$lib/domain/analysis/categories';
import { daysPerSchool } from '$lib/domain/planner/templates';
import { windowLabel } from '$lib/domain/planner/plain-english';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'service.manage');
	const view = await settingsScope(db(), user, event.url.searchParams.get('la'));
	const { templates, from } = await templatesOf(db(), view.scope);
	const totals = daysPerSchool(templates);
	return {
		title: 'Engagement templates',
		...view,
		/** `la=936&` for links and form actions, so they stay with the LA chosen; '' when there is no choice. */
		query: scopeQuery(view),
		own: from === view.scope,
		categories: CATEGORIES.map((category) => ({
			category,
			label: CATEGORY_LABELS[category],
			days: totals[category],
			templates: templates.filter((t) => t.category === category).map((t) => ({ ...t, windowText: windowLabel(t.window, t.withinWeeks) }))
		}))
	};
};

export const actions: Actions = {
	reset: async (event) => {
		const admin = guard(event, 'service.manage');
		const { scope, whose } = await settingsScope(db(), admin, event.url.searchParams.get('la'));
		requireSettingsOf(admin, scope, 'templates');
		return act(async () => {
			await resetTemplates(db(), admin.id, scope);
			return {
				done:
					scope === ''
						? 'The templates are back to the defaults. Plan the year again to use them.'
						: `${whose} uses the templates every LA shares again. Plan the year again to use them.`
			};
		});
	}
};
