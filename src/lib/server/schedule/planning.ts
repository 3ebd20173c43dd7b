import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { buildPlanInput, isFixed, liveEngagementRows, planSchools, toEngagement } from './plan-input';
import { academicYearBounds } from '../../domain/calendar/half-terms';
import { type IsoDate } from '../../domain/calendar/iso-date';
import { academicYearLabel } from '../../domain/ks2/types';
import { plan, shortfallsOf } from '../../domain/planner/plan';
import { diffPlans, replan, type PlanDiff } from '../../domain/planner/replan';
import { lasWords } from '../../domain/las';
import { INSTALLATION } from './calendar';
import { PlanInputError } from '../../domain/planner/validate-plan-input';
import type { PlanInput, PlanResult, Shortfall, UnplacedEngagement } from '../../domain/planner/plan-types';
import type { Category } from '../../domain/analysis/categories';
import type { Insertable, Selectable } from 'kysely';
import type { EngagementsTable, PlanRunsTable } from '../db/schema/schedule';
import { dayAndDate } from '../../domain/format';
import { oneAtATime } from '../db/dialect';
import { keepServed, urnsOfLas, type Served } from '../la-scope';
import { lasPlannedApart, standingRuns, yearPlanCategories } from '../../domain/planner/year-plan';

export interface PlanRunSummary {
	id: number;
	year: number;
	/** The LA planned, or null when every school was planned at once. */
	la: string | null;
	kind: 'plan' | 'replan';
	notBefore: IsoDate | null;
	runAt: string;
	/** When the oldest run whose work still stands was made: the run itself, or for the year's plan of LAs planned apart, the earliest of theirs. */
	standingSince: string;
	runBy: string | null;
	engagementCount: number;
	unplacedCount: number;
	shortfalls: Shortfall[];
	diff: PlanDiff | null;
	categories: Record<string, Category>;
}

/** A plan_runs row, with who ran it. */
type PlanRunRow = Selectable<PlanRunsTable> & { run_by_name: string | null };

function runSummary(row: PlanRunRow): PlanRunSummary {
	return {
		id: row.id,
		year: row.year,
		la: row.la_code,
		kind: row.kind,
		notBefore: row.not_before,
		runAt: row.run_at,
		standingSince: row.run_at,
		runBy: row.run_by_name,
		engagementCount: row.engagement_count,
		unplacedCount: row.unplaced_count,
		shortfalls: JSON.parse(row.shortfalls_json) as Shortfall[],
		diff: row.diff_json === null ? null : (JSON.parse(row.diff_json) as PlanDiff),
		categories: JSON.parse(row.categories_json) as Record<string, Category>
	};
}

const planRuns = (db: Db, year: number) =>
	db
		.selectFrom('plan_runs')
		.leftJoin('users', 'users.id', 'plan_runs.run_by')
		.selectAll('plan_runs')
		.select('users.name as run_by_name')
		.where('plan_runs.year', '=', year)
		.orderBy('plan_runs.id', 'desc');

/**
 * The latest run of the planner for a year, or null if the year has never been planned. With an
 * LA, the latest run that planned its schools: its own, or one that planned every school at once.
 * Without one, the latest run of any LA, with the categories and shortfalls of the whole year's plan
 * (domain/planner/year-plan.ts): once LAs plan apart, the latest run holds only its own LA's.
 */
export async function latestPlanRun(db: Db, year: number, la?: string): Promise<PlanRunSummary | null> {
	if (la !== undefined) {
		const row = await planRuns(db, year)
			.where((eb) => eb.or([eb('plan_runs.la_code', '=', la), eb('plan_runs.la_code', 'is', null)]))
			.executeTakeFirst();
		return row ? runSummary(row) : null;
	}
	// Which runs stand, from their LAs alone: a year may have many runs, each with every school's categories.
	const runs = await db.selectFrom('plan_runs').select(['id', 'la_code as la']).where('year', '=', year).orderBy('id', 'desc').execute();
	const wanted = standingRuns(runs).map((r) => r.id);
	if (wanted.length === 0) return null;
	const rows = await planRuns(db, year).where('plan_runs.id', 'in', wanted).execute();
	const latest = runSummary(rows[0]);
	if (rows.length === 1) return latest;
	const standing = rows.map(runSummary);
	const apart = (await urnsOfLas(db, lasPlannedApart(standing))) ?? new Set<number>();
	// Each run keeps the work it could not place for its own schools: the year's shortfalls are theirs together.
	const unplaced = (await unplacedOf(db, year)).filter((u) => u.cause === 'capacity');
	const names = standing.flatMap((r) => r.shortfalls.map((f) => ({ id: f.adviserId, name: f.adviserName })));
	return {
		...latest,
		categories: yearPlanCategories(standing, apart),
		shortfalls: shortfallsOf(unplaced, names),
		standingSince: standing[standing.length - 1].runAt
	};
}

/**
 * How many engagements the year's plan holds and how many could not be placed, as someone who
 * serves `served` (null: every school) sees the plan: the latest run's own counts when it planned
 * every school at once, else the stored plan's. With LAs planned apart the latest run counted its
 * own LA's alone.
 */
export function planCounts(run: PlanRunSummary, stored: PlanResult, served: Served): { engagementCount: number; unplacedCount: number } {
	if (served === null && run.la === null) return { engagementCount: run.engagementCount, unplacedCount: run.unplacedCount };
	return { engagementCount: keepServed(served, stored.engagements).length, unplacedCount: keepServed(served, stored.unplaced).length };
}

/**
 * The stored plan of a year in the planner's own shape, so checkMove and capacitySummary can read
 * it. With an LA, its schools' part, and the shortfalls of the run that planned them.
 */
export async function storedPlan(db: Db, year: number, la?: string): Promise<PlanResult> {
	const engagements = (await liveEngagementRows(db, year)).filter((r) => la === undefined || r.la_code === la).map(toEngagement);
	const unplaced = await unplacedOf(db, year, la);
	const run = await latestPlanRun(db, year, la);
	return { engagements, unplaced, shortfalls: run?.shortfalls ?? [] };
}

/** The work a year's plan could not place, in the planner's shape; with an LA, its schools' only. */
async function unplacedOf(db: Db, year: number, la?: string): Promise<UnplacedEngagement[]> {
	const unplacedRows = await db
		.selectFrom('unplaced_engagements as u')
		.innerJoin('schools', 'schools.urn', 'u.urn')
		.selectAll('u')
		.select('schools.name as school_name')
		.where('u.year', '=', year)
		.$if(la !== undefined, (q) => q.where('schools.la_code', '=', la!))
		.orderBy('u.urn')
		.orderBy('u.template_id')
		.orderBy('u.sequence')
		.execute();
	return unplacedRows.map((u) => ({
		id: u.plan_key,
		urn: u.urn,
		schoolName: u.school_name,
		adviserId: u.adviser_id,
		templateId: u.template_id,
		category: u.category,
		activity: u.activity,
		label: u.label,
		sequence: u.sequence,
		days: u.days,
		halfTerm: u.half_term,
		window: { from: u.window_from, to: u.window_to },
		cause: u.cause,
		reason: u.reason
	}));
}

/** The day new work may start from when planning on `today`: null before the year begins. */
export function notBeforeFor(year: number, today: IsoDate): IsoDate | null {
	const { start, end } = academicYearBounds(year);
	if (today > end) throw new Refusal(`The ${academicYearLabel(year)} school year has ended, so there is nothing left to plan.`);
	return today > start ? today : null;
}

/** Runs the pure planner, turning bad input into a refusal in the planner's own words. */
export function runPlanner(input: PlanInput, previous: PlanResult | null): { result: PlanResult; diff: PlanDiff | null } {
	try {
		if (previous === null) return { result: plan(input), diff: null };
		return replan(previous, input);
	} catch (e) {
		if (e instanceof PlanInputError) throw new Refusal(e.message);
		throw e;
	}
}

export interface PlanOutcome {
	/** The last run made (the only one when every school was planned at once). */
	run: PlanRunSummary;
	result: PlanResult;
	/** Every run made: one for every school at once, or one per LA, in LA order. */
	runs: PlanRunSummary[];
}

/**
 * Which plans "plan the year" makes: one for every school at once while every LA plans alike (no
 * LA has its own templates, term dates or closure days for the year, and no LA has been planned on
 * its own), as an installation of one LA does until its LA is given settings of its own; otherwise
 * one per LA with agreed schools, each on its own settings. Someone who serves some LAs plans those LAs only (`las`).
 */
export async function planScopes(db: Db, year: number, las: readonly string[] | null): Promise<(string | null)[]> {
	const agreed = await planSchools(db, year);
	const urns = agreed.map((s) => s.urn);
	const withSchools =
		urns.length === 0
			? []
			: (
					await db.selectFrom('schools').select('la_code').distinct().where('urn', 'in', urns).where('la_code', 'is not', null).orderBy('la_code').execute()
				).map((r) => r.la_code!);
	if (las !== null) return withSchools.filter((la) => las.includes(la));
	// One LA with agreed schools is still planned on its own settings when it has any.
	if (withSchools.length === 0) return [null];
	const { start, end } = academicYearBounds(year);
	const [templates, terms, closures, runs] = await Promise.all([
		db.selectFrom('engagement_templates').select('la_code').where('la_code', '!=', INSTALLATION).limit(1).execute(),
		db.selectFrom('term_dates').select('la_code').where('la_code', '!=', INSTALLATION).where('summer_year', '=', year).limit(1).execute(),
		db.selectFrom('closure_days').select('la_code').where('la_code', '!=', INSTALLATION).where('date', '>=', start).where('date', '<=', end).limit(1).execute(),
		db.selectFrom('plan_runs').select('la_code').where('year', '=', year).where('la_code', 'is not', null).limit(1).execute()
	]);
	const alike = templates.length + terms.length + closures.length + runs.length === 0;
	return alike ? [null] : withSchools;
}

/**
 * "Plan the year": plans a school year from the agreed categories and stores it, for every school
 * at once or LA by LA (see planScopes), each plan in its own transaction. The first time,
 * everything is planned; after that the year is re-planned: confirmed and completed engagements
 * (and planned ones already started or overdue, see isFixed) stay exactly where they are, the
 * rest is replaced, and the run records what moved. Planned engagements keep their row (and so
 * their link and calendar id) when the planner still wants them, at whatever date it now gives;
 * those it no longer wants are cancelled with the reason, never deleted, so no link or UID breaks.
 */
export async function planYear(db: Db, userId: number | null, year: number, today: IsoDate, las: readonly string[] | null = null): Promise<PlanOutcome> {
	const notBefore = notBeforeFor(year, today);
	const scopes = await planScopes(db, year, las);
	if (scopes.length === 0) {
		const whose = las === null ? '' : ` in ${lasWords(las)}`;
		throw new Refusal(
			`No school${whose} has an agreed category for ${academicYearLabel(year)} yet (from the ${academicYearLabel(year - 1)} results). Agree categories first, then plan the year.`
		);
	}
	const outcomes: Omit<PlanOutcome, 'runs'>[] = [];
	for (const la of scopes) outcomes.push(await planOne(db, userId, year, today, notBefore, la));
	return { ...outcomes[outcomes.length - 1], runs: outcomes.map((o) => o.run) };
}

/**
 * What planning the year would give, computed but not stored: for every school at once, or LA by
 * LA as planYear would do it, each LA's plan holding the work already given to shared advisers.
 */
export async function previewPlan(db: Db, year: number, las: readonly string[] | null): Promise<PlanResult> {
	const whole: PlanResult = { engagements: [], unplaced: [], shortfalls: [] };
	const names: { id: number; name: string }[] = [];
	for (const la of await planScopes(db, year, las)) {
		const input = await buildPlanInput(db, year, null, la);
		const ours = new Set(input.schools.map((s) => s.urn));
		// The LAs planned before hold their work in the shared advisers' weeks, on whatever day it falls.
		const carried = whole.engagements.map((e) => ({ ...e, status: 'confirmed' as const }));
		const { result } = runPlanner({ ...input, fixed: [...(input.fixed ?? []), ...carried] }, null);
		whole.engagements.push(...result.engagements.filter((e) => ours.has(e.urn)));
		whole.unplaced.push(...result.unplaced);
		names.push(...input.advisers.map((a) => ({ id: a.id, name: a.name })));
	}
	// One line for each adviser and half term, across the LAs.
	whole.shortfalls = shortfallsOf(whole.unplaced, names);
	return whole;
}

/** Plans every school (`la` null) or one LA's schools, with the other LAs' engagements held where they are. */
async function planOne(
	db: Db,
	userId: number | null,
	year: number,
	today: IsoDate,
	notBefore: IsoDate | null,
	la: string | null
): Promise<Omit<PlanOutcome, 'runs'>> {
	const input = await buildPlanInput(db, year, notBefore, la);
	if (input.schools.length === 0) {
		throw new Refusal(
			`No school has an agreed category for ${academicYearLabel(year)} yet (from the ${academicYearLabel(year - 1)} results). Agree categories first, then plan the year.`
		);
	}
	const ours = new Set(input.schools.map((s) => s.urn));
	// The year's latest run first: if another plan lands after it is read, the check below sees it,
	// even if it landed before the run this plan starts from was read.
	const latestOfYear = await latestPlanRun(db, year);
	const previousRun = la === null ? latestOfYear : await latestPlanRun(db, year, la);
	const previous = previousRun ? await storedPlan(db, year, la ?? undefined) : null;
	const planned = runPlanner(input, previous);
	// Planning one LA holds the other LAs' engagements where they are; they are not this plan's to write.
	const result = la === null ? planned.result : { ...planned.result, engagements: planned.result.engagements.filter((e) => ours.has(e.urn)) };
	const diff = la === null || previous === null ? planned.diff : diffPlans(previous, result, input);

	return db.transaction().execute(async (trx) => {
		// Two people planning the same year at once (the same LA or two LAs that may share advisers):
		// the second waits, then finds the plan it started from is no longer the latest, and is told
		// so rather than plan over the first or give an adviser more days than they have.
		await oneAtATime(trx, 'plan', year);
		if ((await latestPlanRun(trx, year))?.id !== latestOfYear?.id) {
			throw new Refusal(
				`${academicYearLabel(year)} was planned by someone else while this plan was being made. Look at the schedule as it is now, and plan the year again if it still needs it.`
			);
		}
		const rows = (await liveEngagementRows(trx, year)).filter((r) => la === null || r.la_code === la);
		const byKey = new Map(rows.map((r) => [r.plan_key, r]));
		const kept = new Set<string>();
		const now = nowIso();
		const inserts: Insertable<EngagementsTable>[] = [];
		for (const e of result.engagements) {
			const row = byKey.get(e.id);
			const fulfils = { fulfils_template_id: e.fulfils?.templateId ?? null, fulfils_sequence: e.fulfils?.sequence ?? null };
			const placed = {
				adviser_id: e.adviserId,
				date: e.date,
				half_term: e.halfTerm,
				template_id: e.templateId,
				category: e.category,
				activity: e.activity,
				label: e.label,
				mode: e.mode,
				days: e.days,
				sequence: e.sequence
			};
			if (!row) {
				inserts.push({
					...placed,
					...fulfils,
					year,
					plan_key: e.id,
					urn: e.urn,
					status: 'planned',
					confirmed_at: null,
					confirmed_by: null,
					cancelled_at: null,
					cancelled_by: null,
					cancel_reason: null,
					completed_at: null,
					completed_by: null,
					created_at: now,
					updated_at: now
				});
				continue;
			}
			kept.add(e.id);
			// Work that stays put only learns which requirement it now meets; planned work takes its new place.
			const change = isFixed(row, row.has_note, notBefore) ? { ...fulfils, half_term: e.halfTerm } : { ...placed, ...fulfils, updated_at: now };
			await trx.updateTable('engagements').set(change).where('id', '=', row.id).execute();
		}
		for (let i = 0; i < inserts.length; i += 100)
			await trx
				.insertInto('engagements')
				.values(inserts.slice(i, i + 100))
				.execute();
		const dropped = rows.filter((r) => !kept.has(r.plan_key) && r.status === 'planned' && !isFixed(r, r.has_note, notBefore)).map((r) => r.id);
		// Work the plan no longer wants is cancelled, not deleted: its page and calendar event stay,
		// saying so, and calendars that imported it remove it (STATUS:CANCELLED) rather than keep a ghost.
		const why = `No longer in the plan: the year was planned again on ${dayAndDate(today)}`;
		for (let i = 0; i < dropped.length; i += 500) {
			await trx
				.updateTable('engagements')
				.set({ status: 'cancelled', cancelled_at: now, cancelled_by: userId, cancel_reason: why, updated_at: now })
				.where('id', 'in', dropped.slice(i, i + 500))
				.execute();
		}

		await trx
			.deleteFrom('unplaced_engagements')
			.where('year', '=', year)
			.$if(la !== null, (q) => q.where('urn', 'in', (sub) => sub.selectFrom('schools').select('urn').where('la_code', '=', la!)))
			.execute();
		for (let i = 0; i < result.unplaced.length; i += 200) {
			await trx
				.insertInto('unplaced_engagements')
				.values(
					result.unplaced.slice(i, i + 200).map((u) => ({
						year,
						plan_key: u.id,
						urn: u.urn,
						adviser_id: u.adviserId,
						template_id: u.templateId,
						category: u.category,
						activity: u.activity,
						label: u.label,
						sequence: u.sequence,
						days: u.days,
						half_term: u.halfTerm,
						window_from: u.window.from,
						window_to: u.window.to,
						cause: u.cause,
						reason: u.reason
					}))
				)
				.execute();
		}
		const categories = Object.fromEntries(input.schools.map((s) => [s.urn, s.category]));
		const kind = previousRun ? 'replan' : 'plan';
		const { id } = await trx
			.insertInto('plan_runs')
			.values({
				year,
				la_code: la,
				kind,
				not_before: notBefore,
				run_by: userId,
				run_at: now,
				engagement_count: result.engagements.length,
				unplaced_count: result.unplaced.length,
				categories_json: JSON.stringify(categories),
				shortfalls_json: JSON.stringify(result.shortfalls),
				diff_json: diff ? JSON.stringify(diff) : null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, {
			userId,
			action: kind === 'plan' ? 'schedule.plan' : 'schedule.replan',
			entity: 'plan_run',
			entityId: id,
			after: {
				year,
				...(la === null ? {} : { la }),
				engagements: result.engagements.length,
				unplaced: result.unplaced.length,
				moved: diff?.moved.length ?? 0,
				added: diff?.added.length ?? 0,
				removed: diff?.removed.length ?? 0
			}
		});
		const run = (await latestPlanRun(trx, year, la ?? undefined))!;
		return { run, result };
	});
}

/**
 * Schools whose agreed category differs from the one the stored plan was made with, including
 * schools agreed since and schools no longer agreed: the plan is out of date for them. `schools`
 * are those asked about; `within` their URNs, when they are only some LAs' schools.
 */
export function schoolsChangedSince(run: PlanRunSummary, schools: PlanInput['schools'], within: ReadonlySet<number> | null = null): number[] {
	const now = new Map(schools.map((s) => [String(s.urn), s.category]));
	const urns = new Set<string>();
	for (const [urn, category] of now) if (run.categories[urn] !== category) urns.add(urn);
	// Schools planned then and not agreed now; with `within`, only those among the schools asked about.
	for (const urn of Object.keys(run.categories)) if (!now.has(urn) && (within === null || within.has(Number(urn)))) urns.add(urn);
	return [...urns].map(Number).sort((a, b) => a - b);
}

/** What the planner reads besides categories, by the audit actions that change it, in words. */
const PLAN_INPUTS: readonly { actions: readonly string[]; words: string; forYear?: 'term_dates' | 'closure' }[] = [
	{
		actions: ['engagement_template.create', 'engagement_template.update', 'engagement_template.delete', 'engagement_template.reset'],
		words: 'the engagement templates'
	},
	{ actions: ['term_dates.update', 'term_dates.reset'], words: 'the term dates', forYear: 'term_dates' },
	{ actions: ['closure_day.create', 'closure_day.delete'], words: 'the closure days', forYear: 'closure' },
	{ actions: ['adviser.capacity'], words: "advisers' capacity" },
	{ actions: ['adviser.days_off.add', 'adviser.days_off.remove'], words: "advisers' days off" },
	{ actions: ['school.link_adviser'], words: 'link advisers' }
];

/**
 * What has changed since the plan was made, other than categories (see schoolsChangedSince):
 * templates, this year's term dates and closures, capacity, days off and link advisers, read from
 * the audit log, which every one of those writes. In words, for "the plan is out of date" notices.
 */
export async function planInputsChangedSince(db: Db, run: PlanRunSummary): Promise<string[]> {
	const { start, end } = academicYearBounds(run.year);
	const rows = await db
		.selectFrom('audit_log')
		.select(['action', 'entity_id'])
		.where('at', '>', run.standingSince)
		.where(
			'action',
			'in',
			PLAN_INPUTS.flatMap((p) => p.actions)
		)
		.execute();
	return PLAN_INPUTS.filter((p) =>
		rows.some((r) => {
			if (!p.actions.includes(r.action)) return false;
			if (p.forYear === 'term_dates') return r.entity_id === String(run.year);
			if (p.forYear === 'closure') return r.entity_id !== null && r.entity_id >= start && r.entity_id <= end;
			return true;
		})
	).map((p) => p.words);
}
