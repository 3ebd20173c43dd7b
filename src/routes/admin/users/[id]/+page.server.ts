import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { getUser, resetPassword, setUserDisabled, updateUser } from '$lib/server/users';
import { validateUserInput } from '$lib/domain/users';
import { field } from '$lib/server/forms';
import { laChoices, lasFromForm, seesAccount } from '$lib/server/las';
import { auditTrail } from '$lib/server/audit';
import { NOT_FOUND } from '$lib/domain/refusal';
import { isRowId } from '$lib/domain/ids';

function userId(event: RequestEvent): number {
	const id = Number(event.params.id);
	if (!isRowId(id)) error(404, NOT_FOUND);
	return id;
}

/** The account in the address, for a change: another LA's is as unknown as one that does not exist, as on the page itself. */
async function accountId(event: RequestEvent, admin: ReturnType<typeof guard>): Promise<number> {
	const user = await getUser(db(), userId(event));
	if (user && !(await seesAccount(db(), admin))(user)) error(404, NOT_FOUND);
	return userId(event);
}

export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	const user = await getUser(db(), userId(event));
	// Another LA's account is as unknown to an admin who serves some LAs as one that does not exist.
	if (!user || !(await seesAccount(db(), admin))(user)) error(404, NOT_FOUND);
	const history = (await auditTrail(db(), 'user', user.id)).map((h) => ({ id: h.id, at: h.at, action: h.action, by: h.user_name }));
	return { title: user.name, user, history, ...(await laChoices(db(), admin)) };
};

/** Runs a user change; `kind` says which form it came from, for the page's message. */
function change(kind: string, run: () => Promise<unknown>, values?: Record<string, string | string[] | undefined>) {
	return act(
		async () => {
			await run();
			return { done: kind };
		},
		{ kind, values }
	);
}

export const actions: Actions = {
	update: async (event) => {
		const admin = guard(event, 'service.manage');
		const form = await event.request.formData();
		const las = lasFromForm(form, await laChoices(db(), admin));
		const values = { email: field(form, 'email'), name: field(form, 'name'), role: field(form, 'role'), schools: field(form, 'schools'), las };
		const parsed = validateUserInput(values);
		if (!parsed.ok) return fail(400, { kind: 'update', values, errors: parsed.errors });
		const id = await accountId(event, admin);
		return change('update', () => updateUser(db(), id, parsed.value, admin.id), values);
	},
	disable: async (event) => {
		const admin = guard(event, 'service.manage');
		const id = await accountId(event, admin);
		return change('disable', () => setUserDisabled(db(), id, true, admin.id));
	},
	enable: async (event) => {
		const admin = guard(event, 'service.manage');
		const id = await accountId(event, admin);
		return change('enable', () => setUserDisabled(db(), id, false, admin.id));
	},
	password: async (event) => {
		const admin = guard(event, 'service.manage');
		const id = await accountId(event, admin);
		const form = await event.request.formData();
		return change('password', () => resetPassword(db(), id, String(form.get('password') ?? ''), admin.id));
	}
};
