import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard, requireSettingsOf } from '$lib/server/access';
import { settingsScope, scopeQuery } from '$lib/server/schedule/settings-scope';
import { deleteTemplate, loadTemplates, saveTemplate, templateFormValues, templateFromForm } from '$lib/server/schedule';
import { CATEGORY_LABELS } from '$lib/domain/analysis/categories';
import { NOT_FOUND } from '$lib/domain/refusal';

async function templateOf(event: RequestEvent) {
	const user = guard(event, 'service.manage');
	const view = await settingsScope(db(), user, event.url.searchParams.get('la'));
	const templates = await loadTemplates(db(), view.scope);
	const template = templates.find((t) => t.id === event.params.id);
	if (!template) error(404, NOT_FOUND);
	return {
		user,
		view,
		template,
		siblings: templates.filter((t) => t.category === template.category && t.id !== template.id).map((t) => ({ id: t.id, label: t.label }))
	};
}

export const load: PageServerLoad = async (event) => {
	const { view, template, siblings } = await templateOf(event);
	const values = {
		category: template.category,
		activity: template.activity,
		label: template.label,
		count: String(template.count),
		window_from: template.window.from,
		window_to: template.window.to,
		within_weeks: template.withinWeeks === null ? '' : String(template.withinWeeks),
		days: String(template.days),
		mode: template.mode,
		min_weeks_apart: template.minWeeksApart === null ? '' : String(template.minWeeksApart),
		after: template.after
	};
	return { title: template.label, ...view, query: scopeQuery(view), id: template.id, categoryLabel: CATEGORY_LABELS[template.category], values, siblings };
};

export const actions: Actions = {
	save: async (event) => {
		const { user: admin, view, template } = await templateOf(event);
		requireSettingsOf(admin, view.scope, 'templates');
		const form = await event.request.formData();
		const edited = { ...templateFromForm(form), id: template.id, category: template.category };
		return act(
			async () => {
				await saveTemplate(db(), admin.id, edited, view.scope);
				redirect(303, `/admin/templates?${scopeQuery(view)}saved=1`);
			},
			{ values: templateFormValues(form) }
		);
	},
	delete: async (event) => {
		const { user: admin, view, template } = await templateOf(event);
		requireSettingsOf(admin, view.scope, 'templates');
		return act(async () => {
			await deleteTemplate(db(), admin.id, template.id, view.scope);
			redirect(303, `/admin/templates?${scopeQuery(view)}deleted=1`);
		});
	}
};
