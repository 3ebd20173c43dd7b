import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard, signedIn } from '$lib/server/access';
import { can } from '$lib/domain/access';
import { NOT_FOUND } from '$lib/domain/refusal';
import { auditTrail } from '$lib/server/audit';
import { headteachersOf } from '$lib/server/notifications';
import { field } from '$lib/server/forms';
import { cancelEngagement, confirmEngagement, getEngagement, moveEngagement, notesFor, today } from '$lib/server/schedule';
import { CATEGORY_LABELS } from '$lib/domain/analysis/categories';
import { HALF_TERM_LABELS } from '$lib/domain/calendar/half-terms';
import { academicYearLabel } from '$lib/domain/ks2/types';
import { isRowId } from '$lib/domain/ids';

/**
 * The signed-in person and the engagement in the URL, which they may be told of: 404 for a malformed
 * or unknown id, and for a headteacher (their school's visits are on /schedule/schools/[urn]).
 */
async function context(event: RequestEvent) {
	signedIn(event);
	const id = Number(event.params.id);
	const engagement = isRowId(id) ? await getEngagement(db(), id) : undefined;
	if (!engagement) error(404, NOT_FOUND);
	return { user: guard(event, 'engagement.view', engagement), engagement };
}

export const load: PageServerLoad = async (event) => {
	const { user, engagement } = await context(event);
	const note = (await notesFor(db(), [engagement.id], { publishedOnly: false })).get(engagement.id) ?? null;
	const history = (await auditTrail(db(), 'engagement', engagement.id)).map((h) => ({ id: h.id, at: h.at, action: h.action, by: h.user_name }));
	return {
		title: `${engagement.label}: ${engagement.schoolName}`,
		engagement,
		categoryLabel: engagement.category ? CATEGORY_LABELS[engagement.category] : null,
		halfTermLabel: engagement.halfTerm ? HALF_TERM_LABELS[engagement.halfTerm] : 'outside term time',
		yearLabel: academicYearLabel(engagement.year),
		note,
		canAct: can(user, 'engagement.change', engagement),
		/** Whether publishing a note tells anyone at the school: only a headteacher with an account is told. */
		schoolHasHeadteacher: (await headteachersOf(db(), engagement.urn)).length > 0,
		today: today(),
		history
	};
};

export const actions: Actions = {
	confirm: async (event) => {
		const { user, engagement } = await context(event);
		return act(async () => {
			await confirmEngagement(db(), user, engagement.id);
			return { done: 'The date is confirmed. Re-planning will leave it where it is.' };
		});
	},
	move: async (event) => {
		const { user, engagement } = await context(event);
		const form = await event.request.formData();
		const date = field(form, 'new-date');
		return act(
			async () => {
				const warnings = await moveEngagement(db(), user, engagement.id, date, today());
				return { done: 'The engagement has moved and its new date is confirmed.', warnings };
			},
			{ values: { 'new-date': date } }
		);
	},
	cancel: async (event) => {
		const { user, engagement } = await context(event);
		const form = await event.request.formData();
		const reason = field(form, 'reason');
		return act(
			async () => {
				const qualityMarkVisit = await cancelEngagement(db(), user, engagement.id, reason, today());
				if (qualityMarkVisit)
					return { done: 'The visit is cancelled, and the Quality Mark is back at assessor review. Book another visit from its Quality Mark page.' };
				return { done: 'The engagement is cancelled. If the school’s category still needs it, re-planning will offer a new date.' };
			},
			{ values: { reason } }
		);
	}
};
