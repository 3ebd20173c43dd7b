import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { requireStaffOrNotFound } from '$lib/server/auth/guard';
import { attempt, engagementToChange, noteFromForm, notesFor, openAfis, saveNote, ScheduleError, today } from '$lib/server/schedule';

/** The engagement, if this person may write its note: 404 if none, 403 if not theirs, 400 if it cannot have one now. */
async function context(event: RequestEvent) {
	const user = requireStaffOrNotFound(event);
	const id = Number(event.params.id);
	if (!Number.isInteger(id)) error(404, 'Page not found');
	try {
		return { user, engagement: await engagementToChange(db(), user, id) };
	} catch (e) {
		if (e instanceof ScheduleError) error(e.status === 400 ? 404 : e.status, e.status === 404 ? 'Page not found' : e.message);
		throw e;
	}
}

export const load: PageServerLoad = async (event) => {
	const { engagement } = await context(event);
	// A Quality Mark visit is written up in the assessor's review, not a note of visit.
	if (engagement.qualityMark || engagement.status === 'completed' || engagement.status === 'cancelled') redirect(303, `/schedule/engagements/${engagement.id}`);
	const note = (await notesFor(db(), [engagement.id], { publishedOnly: false })).get(engagement.id) ?? null;
	const afis = await openAfis(db(), engagement.urn, engagement.id);
	return { title: `Note of visit: ${engagement.schoolName}`, engagement, note, afis, today: today() };
};

async function write(event: RequestEvent, action: 'save' | 'publish') {
	const { user, engagement } = await context(event);
	const form = await event.request.formData();
	const afiIds = form.getAll('afi-ids').map(Number).filter(Number.isInteger);
	const input = noteFromForm(form, afiIds);
	const result = await attempt(() => saveNote(db(), user, engagement.id, input, action, today()), { ...input });
	if (!result.ok) return result.failure;
	if (action === 'publish') redirect(303, `/schedule/engagements/${engagement.id}?published=1`);
	return { done: 'Your draft is saved. The school cannot see it until you publish it.' };
}

export const actions: Actions = {
	save: async (event) => write(event, 'save'),
	publish: async (event) => write(event, 'publish')
};
