import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, schoolFromUrl } from '$lib/server/access';
import { field, textFields } from '$lib/server/forms';
import { agreeCategory, overrideCategory } from '$lib/server/analysis';
import { schoolProfile } from '$lib/server/school-profile';
import { today } from '$lib/server/schedule/years';
import { endEntry, recordEntry } from '$lib/server/soft-intelligence/repository';
import { NOT_FOUND } from '$lib/domain/refusal';
import { isRowId } from '$lib/domain/ids';

/** The URN in the address, after checking this person may see the school (404 for a headteacher's other schools). */
async function schoolUrn(event: RequestEvent) {
	const { user, school } = await schoolFromUrl(event);
	return { user, urn: school.urn };
}

export const load: PageServerLoad = async (event) => {
	const { user, urn } = await schoolUrn(event);
	const profile = await schoolProfile(db(), user, urn, today());
	if (!profile) error(404, NOT_FOUND);
	return {
		title: profile.school.name,
		profile,
		today: today(),
		done: event.url.searchParams.get('done')
	};
};

/** Runs a change; a refusal comes back to the form it belongs to (`form`), with its message. */
function change(form: string, run: () => Promise<unknown>, values?: Record<string, string>) {
	return act(
		async () => {
			await run();
			return { form, done: true as const };
		},
		{ form, values }
	);
}

export const actions: Actions = {
	override: async (event) => {
		const { user, urn } = await schoolUrn(event);
		const data = await event.request.formData();
		const values = { category: field(data, 'category'), reason: field(data, 'reason') };
		// A lead adviser's change is agreed as it is made: the page says so.
		return act(
			async () => {
				const { agreed } = await overrideCategory(db(), user, { urn, year: Number(field(data, 'year')), ...values });
				return { form: agreed ? 'override-agreed' : 'override', done: true as const };
			},
			{ form: 'override', values }
		);
	},
	agree: async (event) => {
		const { user, urn } = await schoolUrn(event);
		const data = await event.request.formData();
		// The category the page showed: agreeing one that changed since is refused.
		const category = field(data, 'category') || undefined;
		return change('agree', () => agreeCategory(db(), user, { urn, year: Number(field(data, 'year')), note: field(data, 'note'), category }));
	},
	record: async (event) => {
		const { user, urn } = await schoolUrn(event);
		const values = textFields(await event.request.formData());
		return change(`record-${values.kind ?? 'concern'}`, () => recordEntry(db(), user, urn, values), values);
	},
	end: async (event) => {
		const { user, urn } = await schoolUrn(event);
		const data = await event.request.formData();
		const id = Number(field(data, 'id'));
		if (!isRowId(id)) error(404, NOT_FOUND);
		return change(`end-${id}`, () => endEntry(db(), user, urn, id, field(data, 'endDate')));
	}
};
