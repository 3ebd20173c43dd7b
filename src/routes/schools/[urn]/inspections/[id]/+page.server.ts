import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard, schoolFromUrl } from '$lib/server/access';
import { toSchool } from '$lib/server/schools';
import { textFields } from '$lib/server/forms';
import { correctEntry, schoolRegister } from '$lib/server/soft-intelligence/repository';
import { REPORT_CARD_AREAS } from '$lib/server/soft-intelligence/input';
import { NOT_FOUND } from '$lib/domain/refusal';

/**
 * The inspection in the address, on the register of the school in it, for someone who keeps that
 * register: 404 for an entry that is not one of the school's inspections still standing, 403 for
 * someone who may see the school but not correct its register.
 */
async function inspectionOf(event: RequestEvent) {
	const { school } = await schoolFromUrl(event);
	const user = guard(event, 'register.keep', toSchool(school));
	const id = Number(event.params.id);
	const entry = (await schoolRegister(db(), school.urn)).find((e) => e.id === id);
	if (!entry?.ofsted || entry.endDate !== null) error(404, NOT_FOUND);
	return { user, school, entry: { ...entry, ofsted: entry.ofsted } };
}

export const load: PageServerLoad = async (event) => {
	const { school, entry } = await inspectionOf(event);
	return { title: `Correct an inspection: ${school.name}`, school: { urn: school.urn, name: school.name }, entry, areas: REPORT_CARD_AREAS };
};

export const actions: Actions = {
	default: async (event) => {
		const { user, school, entry } = await inspectionOf(event);
		const values = textFields(await event.request.formData());
		const result = await act(() => correctEntry(db(), user, school.urn, entry.id, values), { values });
		if (result) return result;
		redirect(303, `/schools/${school.urn}?done=corrected#inspection-${entry.id}`);
	}
};
