import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard, requireSettingsOf } from '$lib/server/access';
import { addTemplate, loadTemplates, templateFormValues, templateFromForm } from '$lib/server/schedule';
import { settingsScope, scopeQuery } from '$lib/server/schedule/settings-scope';
import { isCategory } from '$lib/domain/analysis/categories';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'service.manage');
	const asked = event.url.searchParams.get('category');
	const category = isCategory(asked) ? asked : '';
	const view = await settingsScope(db(), user, event.url.searchParams.get('la'));
	const templates = await loadTemplates(db(), view.scope);
	return {
		title: 'Add an engagement',
		...view,
		query: scopeQuery(view),
		values: {
			category,
			activity: 'visit',
			label: '',
			count: '1',
			window_from: 'autumn_1',
			window_to: 'summer_2',
			within_weeks: '',
			days: '0.5',
			mode: 'on_site',
			min_weeks_apart: '',
			after: [] as string[]
		},
		siblings: templates.filter((t) => t.category === category).map((t) => ({ id: t.id, label: t.label })),
		categoryChosen: category !== ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const admin = guard(event, 'service.manage');
		const view = await settingsScope(db(), admin, event.url.searchParams.get('la'));
		requireSettingsOf(admin, view.scope, 'templates');
		const form = await event.request.formData();
		return act(
			async () => {
				await addTemplate(db(), admin.id, templateFromForm(form), view.scope);
				redirect(303, `/admin/templates?${scopeQuery(view)}saved=1`);
			},
			{ values: templateFormValues(form) }
		);
	}
};
