import type { Actions, PageServerLoad } from './$types';
import { field } from '$lib/server/forms';
import { db } from '$lib/server/db';
import { servedLas } from '$lib/domain/access';
import { isServed, keepServed, servedUrns } from '$lib/server/la-scope';
import { act, guard } from '$lib/server/access';
import { knownLas } from '$lib/server/las';
import { andList, laLabel } from '$lib/domain/las';
import { Refusal } from '$lib/domain/refusal';
import {
	defaultScheduleYear,
	latestPlanRun,
	listAdvisers,
	planCounts,
	plannedYears,
	planningYear,
	planSchools,
	planScopes,
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
	const las = servedLas(user);
	const [run, allSchools, advisers, plan, served, scopes, known] = await Promise.all([
		latestPlanRun(db(), year, las?.length === 1 ? las[0] : undefined),
		planSchools(db(), year),
		listAdvisers(db()),
		storedPlan(db(), year),
		servedUrns(db(), user),
		planScopes(db(), year, las),
		knownLas(db())
	]);
	const label = (code: string | null) => {
		const la = known.find((l) => l.code === code);
		return la ? laLabel(la) : `LA ${code}`;
	};
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
		/** What "Plan the year" plans, in words, when it is not simply every school at once (planScopes). */
		planFor:
			scopes.length === 0 || scopes[0] === null
				? null
				: las === null
					? `Each LA is planned on its own, on its own term dates, closure days and templates: ${andList(scopes.map(label))}.`
					: `This plans ${andList(scopes.map(label))}. Other LAs’ engagements stay where they are, and count against the days of advisers you share.`,
		runFor: run?.la ? label(run.la) : null,
		year,
		yearLabel: academicYearLabel(year),
		resultsLabel: academicYearLabel(year - 1),
		agreed: schools.length,
		withoutAdviser: schools.filter((s) => s.linkAdviserId === null).length,
		counts,
		years: years.map((y) => ({ value: y, label: academicYearLabel(y) })),
		// Someone who serves some LAs sees their schools' part of a plan made for every school at once.
		run: run && {
			...run,
			...planCounts(run, plan, served),
			categories: undefined,
			diff: undefined
		},
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
		const form = await event.request.formData();
		const year = yearParam(field(form, 'year'));
		return act(async () => {
			if (year === null) throw new Refusal('Choose the school year to plan.');
			const { runs } = await planYear(db(), user.id, year, today(), servedLas(user));
			const engagements = runs.reduce((n, r) => n + r.engagementCount, 0);
			const unplaced = runs.reduce((n, r) => n + r.unplacedCount, 0);
			const placed = `${engagements} engagements are in the plan`;
			const missing = unplaced === 0 ? 'everything was placed' : `${unplaced} could not be placed (see below)`;
			return { done: `${academicYearLabel(year)} is planned: ${placed} and ${missing}.` };
		});
	}
};
