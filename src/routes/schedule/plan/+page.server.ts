import type { Actions, PageServerLoad } from './$types';
import { field } from '$lib/server/forms';
import { db } from '$lib/server/db';
import { servedLas } from '$lib/domain/access';
import { isServed, keepServed, servedUrns } from '$lib/server/la-scope';
import { act, guard, requireEveryLa } from '$lib/server/access';
import { Refusal } from '$lib/domain/refusal';
import {
	defaultScheduleYear,
	latestPlanRun,
	listAdvisers,
	plannedYears,
	planningYear,
	planSchools,
	planYear,
	schoolYearOf,
	storedPlan,
	today,
	yearParam
} from '$lib/server/schedule';
import { academicYearLabel } from '$lib/domain/ks2/types';
import { CATEGORY_LABELS } from '$lib/domain/analysis/categories';

/** Rows of each kind of change shown on the page; the counts are always in full. */
const SHOWN = 200;

/** "Plan the year": for those who may commit advisers' time (`year.plan`). */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'year.plan');
	const year = yearParam(event.url.searchParams.get('year')) ?? (await defaultScheduleYear(db(), today()));
	const [run, allSchools, advisers, plan, served] = await Promise.all([
		latestPlanRun(db(), year),
		planSchools(db(), year),
		listAdvisers(db()),
		storedPlan(db(), year),
		servedUrns(db(), user)
	]);
	// Someone who serves some LAs sees their schools' part of the plan and of what last moved.
	const schools = keepServed(served, allSchools);
	const diff = run?.diff && {
		...run.diff,
		moved: keepServed(served, run.diff.moved),
		added: keepServed(served, run.diff.added),
		removed: run.diff.removed.filter((r) => isServed(served, r.engagement.urn))
	};
	const years = [...new Set([...(await plannedYears(db())), year, schoolYearOf(today()), (await planningYear(db())) ?? year])].sort((a, b) => b - a);
	const diffUrns = diff ? [...new Set([...diff.moved.map((m) => m.urn), ...diff.added.map((e) => e.urn), ...diff.removed.map((r) => r.engagement.urn)])] : [];
	const names = diffUrns.length > 0 ? await db().selectFrom('schools').select(['urn', 'name']).where('urn', 'in', diffUrns).execute() : [];
	const adviserNames = new Map(advisers.map((a) => [String(a.id), a.name]));
	const counts = Object.entries(CATEGORY_LABELS).map(([category, label]) => ({ label, count: schools.filter((s) => s.category === category).length }));
	return {
		title: 'Plan the year',
		/** The plan takes in every LA's schools: someone who serves some LAs only cannot make it (requireEveryLa). */
		servesEveryLa: servedLas(user) === null,
		year,
		yearLabel: academicYearLabel(year),
		resultsLabel: academicYearLabel(year - 1),
		agreed: schools.length,
		withoutAdviser: schools.filter((s) => s.linkAdviserId === null).length,
		counts,
		years: years.map((y) => ({ value: y, label: academicYearLabel(y) })),
		run: run && { ...run, categories: undefined, diff: undefined },
		diff: diff && {
			unchanged: diff.unchanged,
			counts: { moved: diff.moved.length, added: diff.added.length, removed: diff.removed.length },
			moved: diff.moved.slice(0, SHOWN),
			added: diff.added.slice(0, SHOWN),
			removed: diff.removed.slice(0, SHOWN)
		},
		unplaced: keepServed(served, plan.unplaced),
		schoolName: Object.fromEntries(names.map((n) => [n.urn, n.name])) as Record<number, string>,
		adviserName: Object.fromEntries(adviserNames) as Record<string, string>
	};
};

export const actions: Actions = {
	plan: async (event) => {
		const user = guard(event, 'year.plan');
		requireEveryLa(user, 'plan');
		const form = await event.request.formData();
		const year = yearParam(field(form, 'year'));
		return act(async () => {
			if (year === null) throw new Refusal('Choose the school year to plan.');
			const { run } = await planYear(db(), user.id, year, today());
			const placed = `${run.engagementCount} engagements are in the plan`;
			const missing = run.unplacedCount === 0 ? 'everything was placed' : `${run.unplacedCount} could not be placed (see below)`;
			return { done: `${academicYearLabel(year)} is planned: ${placed} and ${missing}.` };
		});
	}
};
