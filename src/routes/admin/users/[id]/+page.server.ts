import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guard';
import { getUser, resetPassword, setUserDisabled, updateUser, UserError } from '$lib/server/users';
import { validateUserInput } from '$lib/domain/users';
import { field } from '$lib/server/forms';
import { auditTrail } from '$lib/server/audit';

function userId(event: RequestEvent): number {
	const id = Number(event.params.id);
	if (!Number.isInteger(id)) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'manageService');
	const user = await getUser(db(), userId(event));
	if (!user) error(404, 'Page not found');
	const history = (await auditTrail(db(), 'user', user.id)).map((h) => ({ id: h.id, at: h.at, action: h.action, by: h.user_name }));
	return { title: user.name, user, history };
};

/** Runs a user change, turning refusals into a 400 with the message next to the right field. */
async function attempt(kind: string, run: () => Promise<void>, values?: Record<string, string>) {
	try {
		await run();
		return { done: kind };
	} catch (e) {
		if (e instanceof UserError) return fail(400, { kind, values, errors: { [e.field]: e.message } });
		throw e;
	}
}

export const actions: Actions = {
	update: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const form = await event.request.formData();
		const values = { email: field(form, 'email'), name: field(form, 'name'), role: field(form, 'role'), schools: field(form, 'schools') };
		const parsed = validateUserInput(values);
		if (!parsed.ok) return fail(400, { kind: 'update', values, errors: parsed.errors });
		return attempt('update', async () => void (await updateUser(db(), userId(event), parsed.value, admin.id)), values);
	},
	disable: async (event) => {
		const admin = requirePermission(event, 'manageService');
		return attempt('disable', () => setUserDisabled(db(), userId(event), true, admin.id));
	},
	enable: async (event) => {
		const admin = requirePermission(event, 'manageService');
		return attempt('enable', () => setUserDisabled(db(), userId(event), false, admin.id));
	},
	password: async (event) => {
		const admin = requirePermission(event, 'manageService');
		const form = await event.request.formData();
		return attempt('password', () => resetPassword(db(), userId(event), String(form.get('password') ?? ''), admin.id));
	}
};
