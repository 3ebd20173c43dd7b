import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { requireStaffOrNotFound } from '$lib/server/auth/guard';
import { auditTrail } from '$lib/server/audit';
import { field } from '$lib/server/forms';
import { attempt, cancelEngagement, confirmEngagement, getEngagement, mayActOnEngagement, moveEngagement, notesFor, today } from '$lib/server/schedule';
import { CATEGORY_LABELS } from '$lib/domain/analysis/categories';
import { HALF_TERM_LABELS } from '$lib/domain/calendar/half-terms';
import { academicYearLabel } from '$lib/domain/ks2/types';

function engagementId(event: RequestEvent): number {
	const id = Number(event.params.id);
	if (!Number.isInteger(id)) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = async (event) => {
	const user = requireStaffOrNotFound(event);
	const engagement = await getEngagement(db(), engagementId(event));
	if (!engagement) error(404, 'Page not found');
	const note = (await notesFor(db(), [engagement.id], { publishedOnly: false })).get(engagement.id) ?? null;
	const history = (await auditTrail(db(), 'engagement', engagement.id)).map((h) => ({ id: h.id, at: h.at, action: h.action, by: h.user_name }));
	return {
		title: `${engagement.label}: ${engagement.schoolName}`,
		engagement,
		categoryLabel: engagement.category ? CATEGORY_LABELS[engagement.category] : null,
		halfTermLabel: engagement.halfTerm ? HALF_TERM_LABELS[engagement.halfTerm] : 'outside term time',
		yearLabel: academicYearLabel(engagement.year),
		note,
		canAct: mayActOnEngagement(user, engagement),
		today: today(),
		history
	};
};

export const actions: Actions = {
	confirm: async (event) => {
		const user = requireStaffOrNotFound(event);
		const result = await attempt(() => confirmEngagement(db(), user, engagementId(event)));
		return result.ok ? { done: 'The date is confirmed. Re-planning will leave it where it is.' } : result.failure;
	},
	move: async (event) => {
		const user = requireStaffOrNotFound(event);
		const form = await event.request.formData();
		const date = field(form, 'new-date');
		const result = await attempt(() => moveEngagement(db(), user, engagementId(event), date, today()), { 'new-date': date });
		return result.ok ? { done: 'The engagement has moved and its new date is confirmed.', warnings: result.value } : result.failure;
	},
	cancel: async (event) => {
		const user = requireStaffOrNotFound(event);
		const form = await event.request.formData();
		const reason = field(form, 'reason');
		const result = await attempt(() => cancelEngagement(db(), user, engagementId(event), reason, today()), { reason });
		if (!result.ok) return result.failure;
		if (result.value)
			return { done: 'The visit is cancelled, and the Quality Mark is back at assessor review. Book another visit from its Quality Mark page.' };
		return { done: 'The engagement is cancelled. If the school’s category still needs it, re-planning will offer a new date.' };
	}
};
