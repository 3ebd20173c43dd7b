import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { act, guard } from '$lib/server/access';
import { field } from '$lib/server/forms';
import { brokerageView, proposalFor, proposePartnership } from '$lib/server/brokerage';
import { Refusal } from '$lib/domain/refusal';
import { redirect } from '@sveltejs/kit';
import { isRowId } from '$lib/domain/ids';

/** School-to-school support: partnerships, and for staff the proposals for schools with none yet. */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'brokerage.open');
	return { title: 'School-to-school support', isHead: user.role === 'headteacher', ...(await brokerageView(db(), user)) };
};

export const actions: Actions = {
	/** Propose the match the page showed: the server finds it again, so a form cannot make up its reasons. */
	propose: async (event) => {
		const user = guard(event, 'brokerage.propose');
		const form = await event.request.formData();
		const [year, supported, supporting] = ['year', 'supported', 'supporting'].map((name) => Number(field(form, name)));
		return act(async () => {
			if (![year, supported, supporting].every(isRowId)) throw new Refusal('That proposal is no longer open. Look at the proposals again.');
			const match = await proposalFor(db(), user, year, supported, supporting);
			const id = await proposePartnership(db(), user, { year, ...match });
			redirect(303, `/brokerage/${id}?done=proposed`);
		});
	}
};
