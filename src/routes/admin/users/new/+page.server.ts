import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { createUser } from '$lib/server/users';
import { validateUserInput } from '$lib/domain/users';
import { field } from '$lib/server/forms';
import { laChoices, lasFromForm } from '$lib/server/las';

export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	return { title: 'Add a user', ...(await laChoices(db(), admin)) };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = guard(event, 'service.manage');
		const form = await event.request.formData();
		const las = lasFromForm(form, await laChoices(db(), admin));
		const values = { email: field(form, 'email'), name: field(form, 'name'), role: field(form, 'role'), schools: field(form, 'schools'), las };
		const parsed = validateUserInput(values);
		const password = String(form.get('password') ?? '');
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		return act(
			async () => {
				const created = await createUser(db(), { ...parsed.value, password }, admin.id);
				redirect(303, `/admin/users?created=${encodeURIComponent(created.email)}`);
			},
			{ values }
		);
	}
};
