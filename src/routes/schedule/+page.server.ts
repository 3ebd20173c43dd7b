import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { can, servedLas } from '$lib/domain/access';
import { keepServed, keepUsers, servedUrns, usersServing, type Served } from '$lib/server/la-scope';
import {
	buildPlanInput,
	closuresFor,
	defaultScheduleYear,
	halfTermHeading,
	isTerm,
	latestPlanRun,
	type PlanRunSummary,
	listAdvisers,
	listEngagements,
	loadCalendar,
	monthFor,
	monthGrid,
	monthLabel,
	monthsOf,
	newSubscription,
	overdueEngagements,
	revokeSubscription,
	subscriptionMadeAt,
	planInputsChangedSince,
	plannedYears,
	schoolsChangedSince,
	planningYear,
	termOf,
	TERMS,
	today,
	weekOf,
	yearParam
} from '$lib/server/schedule';
import { academicYearLabel } from '$lib/domain/ks2/types';
import { narrowToMine, schoolsFilterFrom } from '$lib/domain/my-schools';

/**
 * The schedule: a term list or a month calendar for one school year, filtered by adviser. Every
 * filter is in the URL, so a view can be bookmarked and shared. Advisers open on their own
 * engagements, with this week first. `schools=mine` narrows it to the adviser's link schools and
 * their own engagements; then it shows every adviser's unless one is chosen.
 */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'schools.list');
	const params = event.url.searchParams;
	const day = today();
	const year = yearParam(params.get('year')) ?? (await defaultScheduleYear(db(), day));
	const las = servedLas(user);
	// Those who serve the LAs this person serves: another LA's advisers are not theirs to look at.
	const advisers = keepUsers(await usersServing(db(), las), await listAdvisers(db()));
	// Advisers and lead advisers (listAdvisers) open on their own engagements.
	const isAdviser = advisers.some((a) => a.id === user.id);
	const canNarrow = can(user, 'schools.mine');
	const schools = schoolsFilterFrom(params.get('schools'), canNarrow);

	const asked = params.get('adviser');
	const chosen = advisers.find((a) => String(a.id) === asked);
	const adviserId = asked === 'all' ? null : (chosen?.id ?? (isAdviser && schools === 'all' ? user.id : null));
	const view = params.get('view') === 'month' ? 'month' : 'term';

	// Someone who serves one LA sees its own term dates and closures; everyone else those every LA shares.
	const scope = las?.length === 1 ? las[0] : '';
	const { calendar, saved } = await loadCalendar(db(), year, scope);
	const closures = await closuresFor(db(), year, scope);
	const askedTerm = params.get('term');
	const term = isTerm(askedTerm) ? askedTerm : termOf(calendar, day);
	const month = monthFor(year, params.get('month'), day);

	let range: { from: string; to: string };
	if (view === 'month') range = { from: `${month}-01`, to: `${month}-31` };
	else {
		const [first, second] = TERMS[term].map((id) => calendar.halfTerms.find((h) => h.id === id)!);
		range = { from: first.start, to: second.end };
	}
	const listed = await listEngagements(db(), { year, adviserId, ...range, live: true, las });
	const { shown: engagements, total } = narrowToMine(listed, schools, user.id);
	const week = weekOf(day);
	const myWeek = isAdviser ? await listEngagements(db(), { adviserId: user.id, ...week, live: true, las }) : [];
	const myOverdue = isAdviser ? await overdueEngagements(db(), day, { adviserId: user.id, las }) : [];
	const run = await latestPlanRun(db(), year);
	const years = [...new Set([...(await plannedYears(db())), year, (await planningYear(db())) ?? year])].sort((a, b) => b - a);

	return {
		title: 'Schedule',
		today: day,
		year,
		yearLabel: academicYearLabel(year),
		years: years.map((y) => ({ value: y, label: academicYearLabel(y) })),
		view,
		adviserId,
		advisers: advisers.map((a) => ({ id: a.id, name: a.name })),
		isAdviser,
		canNarrow,
		schools,
		me: user.id,
		shown: engagements.length,
		total,
		canPlan: can(user, 'year.plan'),
		termDatesSaved: saved,
		term,
		halfTerms: TERMS[term].map((id) => ({ id, heading: halfTermHeading(calendar, id), engagements: engagements.filter((e) => e.halfTerm === id) })),
		month,
		monthLabel: monthLabel(month),
		months: monthsOf(year).map((m) => ({ value: m, label: monthLabel(m) })),
		weeks: view === 'month' ? monthGrid(month, calendar, closures, engagements) : [],
		week,
		myWeek,
		myOverdue,
		subscriptionMadeAt: await subscriptionMadeAt(db(), user.id),
		/** Regional users read the schedule but have no calendar of their own to subscribe to. */
		canSubscribe: can(user, 'calendar.subscribe'),
		planned: run !== null,
		// Only the schools of the LAs this person serves, whose plan they can make again.
		categoriesChanged: run ? await categoriesChangedFor(year, run, await servedUrns(db(), user)) : 0,
		inputsChanged: run ? await planInputsChangedSince(db(), run) : []
	};
};

/** How many of these schools' agreed categories differ from those the year's plan was made with. */
async function categoriesChangedFor(year: number, run: PlanRunSummary, served: Served): Promise<number> {
	const { schools } = await buildPlanInput(db(), year, null);
	return schoolsChangedSince(run, keepServed(served, schools), served).length;
}

export const actions: Actions = {
	subscribe: async (event) => {
		const user = guard(event, 'calendar.subscribe');
		const token = await newSubscription(db(), user);
		return { subscription: `${event.url.origin}/calendar/subscribe/${token}.ics` };
	},
	unsubscribe: async (event) => {
		const user = guard(event, 'calendar.subscribe');
		await revokeSubscription(db(), user);
		return { unsubscribed: true };
	}
};
