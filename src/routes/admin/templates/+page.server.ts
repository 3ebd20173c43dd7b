import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard, requireEveryLa } from '$lib/server/access';
import { loadTemplates, resetTemplates } from '$lib/server/schedule';
import { CATEGORIES, CATEGORY_LABELS } from '$lib/domain/analysis/categories';
import { daysPerSchool } from '$lib/domain/planner/templates';
import { windowLabel } from '$lib/domain/planner/plain-english';

export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	const templates = await loadTemplates(db());
	const totals = daysPerSchool(templates);
	return {
		title: 'Engagement templates',
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
		requireEveryLa(admin, 'templates');
		return act(async () => {
			await resetTemplates(db(), admin.id);
			return { done: 'The templates are back to the defaults. Plan the year again to use them.' };
		});
	}
};
