import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { requireSchoolAccess, requireUser } from '$lib/server/auth/guard';
import { field } from '$lib/server/forms';
import { agreeCategory, AnalysisError, overrideCategory } from '$lib/server/analysis';
import { schoolProfile } from '$lib/server/school-profile';
import { today } from '$lib/server/schedule/years';
import { correctEntry, endEntry, EntryInputError, recordEntry } from '$lib/server/soft-intelligence/repository';
import { REPORT_CARD_AREAS } from '$lib/server/soft-intelligence/input';

/** The URN in the address, after checking this person may see the school (404 for a headteacher's other schools). */
function schoolUrn(event: RequestEvent) {
	const user = requireUser(event);
	const urn = Number(event.params.urn);
	if (!Number.isInteger(urn) || urn <= 0) error(404, 'Page not found');
	requireSchoolAccess(user, urn);
	return { user, urn };
}

export const load: PageServerLoad = async (event) => {
	const { user, urn } = schoolUrn(event);
	const profile = await schoolProfile(db(), user, urn, today());
	if (!profile) error(404, 'Page not found');
	return { title: profile.school.name, profile, reportCardAreas: REPORT_CARD_AREAS, today: today() };
};

/** Every text field of a form, trimmed. */
function textFields(data: FormData): Record<string, string> {
	return Object.fromEntries([...data.entries()].filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, v.trim()]));
}

/** Runs a change; a refusal comes back to the form it belongs to, with its message. */
async function attempt(form: string, run: () => Promise<unknown>, values?: Record<string, string>) {
	try {
		await run();
		return { form, done: true as const };
	} catch (e) {
		if (e instanceof EntryInputError) return fail(400, { form, message: e.message, errors: e.errors, values });
		if (e instanceof AnalysisError) {
			if (e.status === 404) error(404, e.message);
			return fail(e.status, { form, message: e.message, errors: e.field ? { [e.field]: e.message } : {}, values });
		}
		throw e;
	}
}

export const actions: Actions = {
	override: async (event) => {
		const { user, urn } = schoolUrn(event);
		const data = await event.request.formData();
		const values = { category: field(data, 'category'), reason: field(data, 'reason') };
		return attempt('override', () => overrideCategory(db(), user, { urn, year: Number(field(data, 'year')), ...values }), values);
	},
	agree: async (event) => {
		const { user, urn } = schoolUrn(event);
		const data = await event.request.formData();
		return attempt('agree', () => agreeCategory(db(), user, { urn, year: Number(field(data, 'year')), note: field(data, 'note') }));
	},
	record: async (event) => {
		const { user, urn } = schoolUrn(event);
		const values = textFields(await event.request.formData());
		return attempt(`record-${values.kind ?? 'concern'}`, () => recordEntry(db(), user, urn, values), values);
	},
	correct: async (event) => {
		const { user, urn } = schoolUrn(event);
		const values = textFields(await event.request.formData());
		const id = Number(values.id);
		return attempt(`correct-${id}`, () => correctEntry(db(), user, urn, id, values), values);
	},
	end: async (event) => {
		const { user, urn } = schoolUrn(event);
		const data = await event.request.formData();
		const id = Number(field(data, 'id'));
		return attempt(`end-${id}`, () => endEntry(db(), user, urn, id, field(data, 'endDate')));
	}
};
