import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, orPageError, schoolFromUrl } from '$lib/server/access';
import { field } from '$lib/server/forms';
import {
	bookAssessmentVisit,
	changeStatus,
	getFramework,
	nominateColleague,
	recordAwardDecision,
	recordPage,
	saveReview,
	saveSelfAudit,
	submitSelfAudit
} from '$lib/server/quality-mark';
import { reviewFromForm, selfAuditFromForm } from '$lib/server/quality-mark/forms';
import { NOT_FOUND } from '$lib/domain/refusal';

/** The signed-in user and the school in the URL, which they must be allowed to see (404 otherwise). */
async function context(event: RequestEvent) {
	const { user, school } = await schoolFromUrl(event);
	return { user, urn: school.urn, key: event.params.framework };
}

async function frameworkOf(key: string) {
	const framework = await getFramework(db(), key);
	if (!framework) error(404, NOT_FOUND);
	return framework;
}

export const load: PageServerLoad = async (event) => {
	const { user, urn, key } = await context(event);
	const page = await orPageError(() => recordPage(db(), user, urn, key));
	return { title: `${page.framework.name}: ${page.school.name}`, ...page };
};

export const actions: Actions = {
	status: async (event) => {
		const { user, urn, key } = await context(event);
		const form = await event.request.formData();
		return act(
			async () => {
				await changeStatus(db(), user, urn, key, field(form, 'to'), { note: field(form, 'note') });
				return { kind: 'status', done: 'Status changed.' };
			},
			{ kind: 'status' }
		);
	},
	bookVisit: async (event) => {
		const { user, urn, key } = await context(event);
		const form = await event.request.formData();
		const assessorId = Number(field(form, 'assessorId')) || null;
		return act(
			async () => {
				const { visit } = await bookAssessmentVisit(db(), user, urn, key, {
					visitDate: field(form, 'visitDate') || undefined,
					assessorId,
					note: field(form, 'visitNote')
				});
				return { kind: 'bookVisit', done: 'Assessment visit booked. It is in the assessor’s schedule.', warnings: visit.warnings };
			},
			{ kind: 'bookVisit' }
		);
	},
	startAudit: async (event) => {
		const { user, urn, key } = await context(event);
		return act(
			async () => {
				await changeStatus(db(), user, urn, key, 'self_audit_in_progress', { note: 'Self-audit started' });
				return { kind: 'startAudit', done: 'Self-audit started. Save it as you go.' };
			},
			{ kind: 'startAudit' }
		);
	},
	takeBack: async (event) => {
		const { user, urn, key } = await context(event);
		return act(
			async () => {
				await changeStatus(db(), user, urn, key, 'self_audit_in_progress', { note: 'Taken back by the school to change it' });
				return { kind: 'takeBack', done: 'Self-audit taken back. Submit it again when it is ready.' };
			},
			{ kind: 'takeBack' }
		);
	},
	saveAudit: async (event) => {
		const { user, urn, key } = await context(event);
		const answers = selfAuditFromForm(await frameworkOf(key), await event.request.formData());
		return act(
			async () => {
				await saveSelfAudit(db(), user, urn, key, answers);
				return { kind: 'saveAudit', done: 'Draft saved.' };
			},
			{ kind: 'saveAudit' }
		);
	},
	submitAudit: async (event) => {
		const { user, urn, key } = await context(event);
		const answers = selfAuditFromForm(await frameworkOf(key), await event.request.formData());
		return act(
			async () => {
				const result = await submitSelfAudit(db(), user, urn, key, answers);
				if (!result.ok) return fail(400, { kind: 'submitAudit', problems: result.problems, message: 'Your answers are saved as a draft.' });
				return { kind: 'submitAudit', done: 'Self-audit submitted to the assessor.' };
			},
			{ kind: 'submitAudit' }
		);
	},
	saveReview: async (event) => {
		const { user, urn, key } = await context(event);
		const review = reviewFromForm(await frameworkOf(key), await event.request.formData());
		return act(
			async () => {
				await saveReview(db(), user, urn, key, review);
				return { kind: 'saveReview', done: 'Review saved.' };
			},
			{ kind: 'saveReview' }
		);
	},
	decide: async (event) => {
		const { user, urn, key } = await context(event);
		const form = await event.request.formData();
		const review = reviewFromForm(await frameworkOf(key), form);
		return act(
			async () => {
				const result = await recordAwardDecision(db(), user, urn, key, review, field(form, 'awardDate'));
				if (!result.ok) return fail(400, { kind: 'decide', problems: result.problems, message: 'Your review is saved.' });
				return { kind: 'decide', done: result.status === 'achieved' ? 'Quality Mark awarded.' : 'Decision recorded: not yet achieved.' };
			},
			{ kind: 'decide' }
		);
	},
	nominate: async (event) => {
		const { user, urn, key } = await context(event);
		const nominee = field(await event.request.formData(), 'nomineeId');
		return act(
			async () => {
				await nominateColleague(db(), user, urn, key, nominee ? Number(nominee) : null);
				return { kind: 'nominate', done: nominee ? 'Colleague named to lead the self-audit.' : 'Nomination removed.' };
			},
			{ kind: 'nominate' }
		);
	}
};
