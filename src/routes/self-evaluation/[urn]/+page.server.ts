import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard, schoolFromUrl } from '$lib/server/access';
import { addComment, copyForward, decideSummary, seAccess, summaryFor, summaryYears, writeSummary } from '$lib/server/self-evaluation';
import { NOT_FOUND, Refusal } from '$lib/domain/refusal';
import { academicYearLabel } from '$lib/domain/ks2/types';
import { schoolYearOf, sectionsFromForm } from '$lib/domain/self-evaluation/summary';
import { field } from '$lib/server/forms';
import { today } from '$lib/server/clock';

/** The school, the year and what this person may do. 404 for another school's headteacher. */
async function context(event: RequestEvent) {
	guard(event, 'selfEvaluation.list');
	const { user, school } = await schoolFromUrl(event);
	const access = seAccess(user, school);
	if (!access) error(404, NOT_FOUND);
	const current = schoolYearOf(today());
	const asked = Number(event.url.searchParams.get('year'));
	const year = Number.isInteger(asked) && asked >= 2000 && asked <= current + 1 ? asked : current;
	return { user, school, access, year, current };
}

export const load: PageServerLoad = async (event) => {
	const { school, access, year, current } = await context(event);
	const { summary, draftHidden } = await summaryFor(db(), access.side, school.urn, year);
	const years = await summaryYears(db(), school.urn);
	return {
		draftHidden,
		title: `Self-evaluation: ${school.name}`,
		school: { urn: school.urn, name: school.name },
		access,
		year,
		current,
		years,
		summary,
		canCopy: !summary && years.some((y) => y < year)
	};
};

/** Runs one step; a refusal comes back to the page to show next to the right fields. */
function step(run: () => Promise<void>, done: string, values?: Record<string, string>) {
	return act(
		async () => {
			await run();
			return { done };
		},
		{ values }
	);
}

function formValues(form: FormData): Record<string, string> {
	return Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A school writes this school year's summary, or next year's; earlier years are kept as they were. */
function requireWritableYear(year: number, current: number): void {
	if (year < current) {
		throw new Refusal(`Summaries for past school years are kept as they were. Write your summary for ${academicYearLabel(current)} instead.`);
	}
}

async function write(event: RequestEvent, action: 'save' | 'submit') {
	const { user, school, year, current } = await context(event);
	const form = await event.request.formData();
	const sections = sectionsFromForm((name) => field(form, name));
	return step(
		async () => {
			requireWritableYear(year, current);
			await writeSummary(db(), user, school.urn, year, sections, action);
		},
		action === 'save' ? 'Your draft has been saved.' : 'Your summary has been submitted to your adviser.',
		formValues(form)
	);
}

async function decide(event: RequestEvent, action: 'review' | 'agree' | 'return') {
	const { user, school, year } = await context(event);
	const done = { review: 'Marked as reviewed.', agree: 'The summary has been agreed.', return: 'The summary has been returned to the school.' }[action];
	return step(() => decideSummary(db(), user, school.urn, year, action), done);
}

export const actions: Actions = {
	save: async (event) => write(event, 'save'),
	submit: async (event) => write(event, 'submit'),
	copy: async (event) => {
		const { user, school, year, current } = await context(event);
		return step(async () => {
			requireWritableYear(year, current);
			await copyForward(db(), user, school.urn, year);
		}, 'Last year’s summary has been copied into a new draft. Check and update each section.');
	},
	comment: async (event) => {
		const { user, school, year } = await context(event);
		const form = await event.request.formData();
		const section = field(form, 'section');
		return step(() => addComment(db(), user, school.urn, year, section, field(form, 'body')), 'Your comment has been added.', formValues(form));
	},
	review: async (event) => decide(event, 'review'),
	agree: async (event) => decide(event, 'agree'),
	return: async (event) => decide(event, 'return')
};
