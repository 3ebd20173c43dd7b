import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { field } from '$lib/server/forms';
import { today } from '$lib/server/clock';
import {
	activatePartnership,
	addPartnershipNote,
	agreePartnership,
	asSeenBy,
	endPartnership,
	getPartnership,
	maySeePartnership,
	otherSupporters,
	respondToPartnership,
	withdrawPartnership,
	type PartnershipView
} from '$lib/server/brokerage';
import { can, requireAllowed } from '$lib/domain/access';
import { NOT_FOUND, Refusal } from '$lib/domain/refusal';
import { parseReviewDates } from '$lib/domain/brokerage/partnership';

/** The partnership in the address, if this person may see it: 404 otherwise, as for a school they cannot see. */
async function partnershipOf(event: RequestEvent): Promise<{ user: ReturnType<typeof guard>; p: PartnershipView }> {
	const user = guard(event, 'brokerage.open');
	const id = Number(event.params.id);
	let p: PartnershipView;
	try {
		p = await getPartnership(db(), id);
	} catch (e) {
		if (e instanceof Refusal) error(404, NOT_FOUND);
		throw e;
	}
	if (!maySeePartnership(user, p)) error(404, NOT_FOUND);
	return { user, p: asSeenBy(user, p) };
}

const school = (s: PartnershipView['supported']) => ({ urn: s.urn, name: s.name, linkAdviserId: s.linkAdviserId, laCode: s.laCode });

export const load: PageServerLoad = async (event) => {
	const { user, p } = await partnershipOf(event);
	const mine = user.schoolUrns ?? [];
	const pendingSide =
		mine.includes(p.supported.urn) && p.supportedResponse === null
			? 'supported'
			: mine.includes(p.supporting.urn) && p.supportingResponse === null
				? 'supporting'
				: null;
	const mayAgree = p.status === 'proposed' && can(user, 'partnership.agree', school(p.supported));
	// A lead adviser may agree the supporter proposed, or choose another from the ranked list (the first ten).
	const others = mayAgree ? await otherSupporters(db(), p) : null;
	return {
		title: `Support for ${p.supported.name}`,
		others: others && { supporters: others.supporters.slice(0, 10), more: Math.max(0, others.supporters.length - 10) },
		p,
		isHead: user.role === 'headteacher',
		may: {
			agree: mayAgree,
			withdraw: ['proposed', 'agreed', 'accepted'].includes(p.status) && can(user, 'partnership.propose', school(p.supported)),
			respond: p.status === 'agreed' && pendingSide !== null,
			setUp: p.status === 'accepted' && can(user, 'partnership.manage', school(p.supported)),
			note: ['accepted', 'active'].includes(p.status) && can(user, 'partnership.manage', school(p.supported)),
			end: p.status === 'active' && can(user, 'partnership.manage', school(p.supported))
		},
		pendingSide,
		/** Which school's profile this person may open: a link to one they may not would lead nowhere. */
		profile: { supported: can(user, 'school.view', school(p.supported)), supporting: can(user, 'school.view', school(p.supporting)) },
		done: event.url.searchParams.get('done')
	};
};

const DONE: Record<string, string> = {
	agreed: 'The partnership is agreed. Each school’s headteacher is asked to accept or decline it.',
	accepted: 'Your school has accepted the partnership.',
	declined: 'Your school has declined the partnership. This school will not be proposed to support it again this year.',
	setUp: 'The partnership is set up. Its reviews are in the link adviser’s schedule.',
	note: 'The note is added.',
	ended: 'The partnership has ended.',
	withdrawn: 'The partnership is withdrawn. The school can be proposed support again.'
};

export const actions: Actions = {
	agree: async (event) => {
		const { user, p } = await partnershipOf(event);
		return act(async () => {
			await agreePartnership(db(), user, p.id);
			return { done: DONE.agreed };
		});
	},
	agreeOther: async (event) => {
		const { user, p } = await partnershipOf(event);
		const chosen = Number(field(await event.request.formData(), 'supporting'));
		return act(async () => {
			requireAllowed(user, 'partnership.agree', school(p.supported));
			const found = (await otherSupporters(db(), p)).supporters.find((s) => s.urn === chosen);
			if (!found) throw new Refusal('Choose one of the schools listed to support it instead.', { field: 'supporting' });
			await agreePartnership(db(), user, p.id, {
				supportingUrn: found.urn,
				need: found.need,
				needKey: found.needKey,
				distanceKm: found.distanceKm,
				reasons: found.reasons
			});
			return { done: `The partnership is agreed with ${found.name} as the supporter. Each school’s headteacher is asked to accept or decline it.` };
		});
	},
	accept: async (event) => {
		const { user, p } = await partnershipOf(event);
		return act(async () => {
			await respondToPartnership(db(), user, p.id, 'accepted');
			return { done: DONE.accepted };
		});
	},
	decline: async (event) => {
		const { user, p } = await partnershipOf(event);
		return act(async () => {
			await respondToPartnership(db(), user, p.id, 'declined');
			return { done: DONE.declined };
		});
	},
	setUp: async (event) => {
		const { user, p } = await partnershipOf(event);
		const form = await event.request.formData();
		const values = { objectives: field(form, 'objectives'), 'start-date': field(form, 'start-date'), 'review-dates': field(form, 'review-dates') };
		return act(
			async () => {
				await activatePartnership(db(), user, p.id, {
					objectives: values.objectives,
					startDate: values['start-date'],
					reviewDates: parseReviewDates(values['review-dates'])
				});
				return { done: DONE.setUp };
			},
			{ values }
		);
	},
	note: async (event) => {
		const { user, p } = await partnershipOf(event);
		const form = await event.request.formData();
		const values = { note: field(form, 'note') };
		return act(
			async () => {
				await addPartnershipNote(db(), user, p.id, values.note);
				return { done: DONE.note };
			},
			{ values }
		);
	},
	end: async (event) => {
		const { user, p } = await partnershipOf(event);
		const form = await event.request.formData();
		const values = { outcome: field(form, 'outcome') };
		return act(
			async () => {
				await endPartnership(db(), user, p.id, values.outcome, today());
				return { done: DONE.ended };
			},
			{ values }
		);
	},
	withdraw: async (event) => {
		const { user, p } = await partnershipOf(event);
		return act(async () => {
			await withdrawPartnership(db(), user, p.id);
			redirect(303, '/brokerage?done=withdrawn');
		});
	}
};
