import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard, schoolFromUrl } from '$lib/server/access';
import { toSchool } from '$lib/server/schools';
import { textFields } from '$lib/server/forms';
import { recordEntry } from '$lib/server/soft-intelligence/repository';
import { REPORT_CARD_AREAS } from '$lib/server/soft-intelligence/input';
import { NOT_FOUND } from '$lib/domain/refusal';
import { RECORD_OFSTED } from '../../ofsted-forms';

/** The school in the address, for someone who keeps its register, and the kind of outcome in `?kind=` (404 for another). */
async function formOf(event: RequestEvent) {
	const { school } = await schoolFromUrl(event);
	const user = guard(event, 'register.keep', toSchool(school));
	const form = RECORD_OFSTED.find((f) => f.name === event.url.searchParams.get('kind'));
	if (!form) error(404, NOT_FOUND);
	return { user, school, form };
}

export const load: PageServerLoad = async (event) => {
	const { school, form } = await formOf(event);
	return { title: `${form.title}: ${school.name}`, school: { urn: school.urn, name: school.name }, form, areas: REPORT_CARD_AREAS };
};

export const actions: Actions = {
	default: async (event) => {
		const { user, school, form } = await formOf(event);
		const values = { ...textFields(await event.request.formData()), type: form.kind };
		const result = await act(() => recordEntry(db(), user, school.urn, values), { values });
		if (typeof result !== 'number') return result;
		redirect(303, `/schools/${school.urn}?done=recorded#inspection-${result}`);
	}
};
