import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { requireSchoolAccess, requireUser } from '$lib/server/auth/guard';
import { field } from '$lib/server/forms';
import {
	bookAssessmentVisit,
	changeStatus,
	getFramework,
	nominateColleague,
	QualityMarkError,
	recordAwardDecision,
	recordPage,
	saveReview,
	saveSelfAudit,
	submitSelfAudit
} from '$lib/server/quality-mark';
import { reviewFromForm, selfAuditFromForm } from '$lib/server/quality-mark/forms';
import { attempt } from '$lib/server/quality-mark/respond';

/** The signed-in user and the school in the URL, which a headteacher must lead (404 otherwise). */
function context(event: RequestEvent) {
	const user = requireUser(event);
	const urn = Number(event.params.urn);
	if (!Number.isInteger(urn) || urn <= 0) error(404, 'Page not found');
	requireSchoolAccess(user, urn);
	return { user, urn, key: event.params.framework };
}

async function frameworkOf(key: string) {
	const framework = await getFramework(db(), key);
	if (!framework) error(404, 'Page not found');
	return framework;
}

export const load: PageServerLoad = async (event) => {
	const { user, urn, key } = context(event);
	const page = await recordPage(db(), user, urn, key).catch((e) => {
		if (e instanceof QualityMarkError) error(404, 'Page not found');
		throw e;
	});
	return { title: `${page.framework.name}: ${page.school.name}`, ...page };
};

export const actions: Actions = {
	status: async (event) => {
		const { user, urn, key } = context(event);
		const form = await event.request.formData();
		const to = field(form, 'to');
		if (!to) return fail(400, { kind: 'status', message: 'Choose the status to move to' });
		return attempt('status', async () => {
			await changeStatus(db(), user, urn, key, to, { note: field(form, 'note') });
			return { kind: 'status', done: 'Status changed.' };
		});
	},
	bookVisit: async (event) => {
		const { user, urn, key } = context(event);
		const form = await event.request.formData();
		const assessorId = Number(field(form, 'assessorId')) || null;
		return attempt('bookVisit', async () => {
			const { visit } = await bookAssessmentVisit(db(), user, urn, key, {
				visitDate: field(form, 'visitDate') || undefined,
				assessorId,
				note: field(form, 'visitNote')
			});
			return { kind: 'bookVisit', done: 'Assessment visit booked. It is in the assessor’s schedule.', warnings: visit.warnings };
		});
	},
	startAudit: async (event) => {
		const { user, urn, key } = context(event);
		return attempt('startAudit', async () => {
			await changeStatus(db(), user, urn, key, 'self_audit_in_progress', { note: 'Self-audit started' });
			return { kind: 'startAudit', done: 'Self-audit started. Save it as you go.' };
		});
	},
	takeBack: async (event) => {
		const { user, urn, key } = context(event);
		return attempt('takeBack', async () => {
			await changeStatus(db(), user, urn, key, 'self_audit_in_progress', { note: 'Taken back by the school to change it' });
			return { kind: 'takeBack', done: 'Self-audit taken back. Submit it again when it is ready.' };
		});
	},
	saveAudit: async (event) => {
		const { user, urn, key } = context(event);
		const answers = selfAuditFromForm(await frameworkOf(key), await event.request.formData());
		return attempt('saveAudit', async () => {
			await saveSelfAudit(db(), user, urn, key, answers);
			return { kind: 'saveAudit', done: 'Draft saved.' };
		});
	},
	submitAudit: async (event) => {
		const { user, urn, key } = context(event);
		const answers = selfAuditFromForm(await frameworkOf(key), await event.request.formData());
		return attempt('submitAudit', async () => {
			const result = await submitSelfAudit(db(), user, urn, key, answers);
			if (!result.ok) return fail(400, { kind: 'submitAudit', problems: result.problems, message: 'Your answers are saved as a draft.' });
			return { kind: 'submitAudit', done: 'Self-audit submitted to the assessor.' };
		});
	},
	saveReview: async (event) => {
		const { user, urn, key } = context(event);
		const review = reviewFromForm(await frameworkOf(key), await event.request.formData());
		return attempt('saveReview', async () => {
			await saveReview(db(), user, urn, key, review);
			return { kind: 'saveReview', done: 'Review saved.' };
		});
	},
	decide: async (event) => {
		const { user, urn, key } = context(event);
		const form = await event.request.formData();
		const review = reviewFromForm(await frameworkOf(key), form);
		return attempt('decide', async () => {
			const result = await recordAwardDecision(db(), user, urn, key, review, field(form, 'awardDate'));
			if (!result.ok) return fail(400, { kind: 'decide', problems: result.problems, message: 'Your review is saved.' });
			return { kind: 'decide', done: result.status === 'achieved' ? 'Quality Mark awarded.' : 'Decision recorded: not yet achieved.' };
		});
	},
	nominate: async (event) => {
		const { user, urn, key } = context(event);
		const nominee = field(await event.request.formData(), 'nomineeId');
		return attempt('nominate', async () => {
			await nominateColleague(db(), user, urn, key, nominee ? Number(nominee) : null);
			return { kind: 'nominate', done: nominee ? 'Colleague named to lead the self-audit.' : 'Nomination removed.' };
		});
	}
};
