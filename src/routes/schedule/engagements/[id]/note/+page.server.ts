import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, orPageError, signedIn } from '$lib/server/access';
import { NOT_FOUND } from '$lib/domain/refusal';
import { engagementToChange, noteFromForm, notesFor, openAfis, publishDraft, saveNote, today } from '$lib/server/schedule';
import { isRowId } from '$lib/domain/ids';

/** The engagement, if this person may write its note: 404 if none (or for a headteacher), 403 if not theirs. */
async function context(event: RequestEvent) {
	const user = signedIn(event);
	const id = Number(event.params.id);
	if (!isRowId(id)) error(404, NOT_FOUND);
	return { user, engagement: await orPageError(() => engagementToChange(db(), user, id)) };
}

export const load: PageServerLoad = async (event) => {
	const { engagement } = await context(event);
	// A Quality Mark visit is written up in the assessor's review, not a note of visit.
	if (engagement.qualityMark || engagement.status === 'completed' || engagement.status === 'cancelled') redirect(303, `/schedule/engagements/${engagement.id}`);
	const note = (await notesFor(db(), [engagement.id], { publishedOnly: false })).get(engagement.id) ?? null;
	const afis = await openAfis(db(), engagement.urn, engagement.id);
	// Publishing cannot be undone, so the saved note is shown for the adviser to confirm first.
	const confirming = event.url.searchParams.get('confirm') === 'publish' && note?.status === 'draft';
	return {
		title: confirming ? `Publish the note of visit: ${engagement.schoolName}` : `Note of visit: ${engagement.schoolName}`,
		engagement,
		note,
		afis,
		today: today(),
		confirming
	};
};

async function write(event: RequestEvent, action: 'save' | 'ready') {
	const { user, engagement } = await context(event);
	const form = await event.request.formData();
	const afiIds = form.getAll('afi-ids').map(Number).filter(isRowId);
	const input = noteFromForm(form, afiIds);
	return act(
		async () => {
			await saveNote(db(), user, engagement.id, input, action, today());
			if (action === 'ready') redirect(303, `/schedule/engagements/${engagement.id}/note?confirm=publish`);
			return { done: 'Your draft is saved. The school cannot see it until you publish it.' };
		},
		{ values: { ...input } }
	);
}

export const actions: Actions = {
	save: async (event) => write(event, 'save'),
	/** Checks the note as for publishing and saves it, then asks the adviser to confirm. */
	publish: async (event) => write(event, 'ready'),
	confirmPublish: async (event) => {
		const { user, engagement } = await context(event);
		return act(async () => {
			await publishDraft(db(), user, engagement.id, today());
			redirect(303, `/schedule/engagements/${engagement.id}?published=1`);
		});
	}
};
