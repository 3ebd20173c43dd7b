import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guard';
import { createUser, UserError } from '$lib/server/users';
import { validateUserInput } from '$lib/domain/users';
import { field } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'manageService');
	return { title: 'Add a user' };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const form = await event.request.formData();
		const values = { email: field(form, 'email'), name: field(form, 'name'), role: field(form, 'role'), schools: field(form, 'schools') };
		const parsed = validateUserInput(values);
		const password = String(form.get('password') ?? '');
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		try {
			const created = await createUser(db(), { ...parsed.value, password }, admin.id);
			redirect(303, `/admin/users?created=${encodeURIComponent(created.email)}`);
		} catch (e) {
			if (e instanceof UserError) return fail(400, { values, errors: { [e.field]: e.message } });
			throw e;
		}
	}
};
