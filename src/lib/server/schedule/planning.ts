import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { buildPlanInput, isFixed, liveEngagementRows, toEngagement } from './plan-input';
import { academicYearBounds } from '../../domain/calendar/half-terms';
import { type IsoDate } from '../../domain/calendar/iso-date';
import { academicYearLabel } from '../../domain/ks2/types';
import { plan } from '../../domain/planner/plan';
import { replan, type PlanDiff } from '../../domain/planner/replan';
import { PlanInputError } from '../../domain/planner/validate-plan-input';
import type { PlanInput, PlanResult, Shortfall, UnplacedEngagement } from '../../domain/planner/plan-types';
import type { Category } from '../../domain/analysis/categories';
import type { Insertable } from 'kysely';
import type { EngagementsTable } from '../db/schema/schedule';
import { dayAndDate } from '../../domain/format';
import { oneAtATime } from '../db/dialect';

export interface PlanRunSummary {
	id: number;
	year: number;
	kind: 'plan' | 'replan';
	notBefore: IsoDate | null;
	runAt: string;
	runBy: string | null;
	engagementCount: number;
	unplacedCount: number;
	shortfalls: Shortfall[];
	diff: PlanDiff | null;
	categories: Record<string, Category>;
}

/** The latest run of the planner for a year, or null if the year has never been planned. */
export async function latestPlanRun(db: Db, year: number): Promise<PlanRunSummary | null> {
	const row = await db
		.selectFrom('plan_runs')
		.leftJoin('users', 'users.id', 'plan_runs.run_by')
		.selectAll('plan_runs')
		.select('users.name as run_by_name')
		.where('plan_runs.year', '=', year)
		.orderBy('plan_runs.id', 'desc')
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		year: row.year,
		kind: row.kind,
		notBefore: row.not_before,
		runAt: row.run_at,
		runBy: row.run_by_name,
		engagementCount: row.engagement_count,
		unplacedCount: row.unplaced_count,
		shortfalls: JSON.parse(row.shortfalls_json) as Shortfall[],
		diff: row.diff_json === null ? null : (JSON.parse(row.diff_json) as PlanDiff),
		categories: JSON.parse(row.categories_json) as Record<string, Category>
	};
}

/** The stored plan of a year in the planner's own shape, so checkMove and capacitySummary can read it. */
export async function storedPlan(db: Db, year: number): Promise<PlanResult> {
	const engagements = (await liveEngagementRows(db, year)).map(toEngagement);
	const unplacedRows = await db
		.selectFrom('unplaced_engagements as u')
		.innerJoin('schools', 'schools.urn', 'u.urn')
		.selectAll('u')
		.select('schools.name as school_name')
		.where('u.year', '=', year)
		.orderBy('u.urn')
		.orderBy('u.template_id')
		.orderBy('u.sequence')
		.execute();
	const unplaced: UnplacedEngagement[] = unplacedRows.map((u) => ({
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
	const run = await latestPlanRun(db, year);
	return { engagements, unplaced, shortfalls: run?.shortfalls ?? [] };
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
	run: PlanRunSummary;
	result: PlanResult;
}

/**
 * "Plan the year": plans a school year from the agreed categories and stores it. The first time,
 * everything is planned; after that the year is re-planned: confirmed and completed engagements
 * (and planned ones already started or overdue, see isFixed) stay exactly where they are, the
 * rest is replaced, and the run records what moved. Planned engagements keep their row (and so
 * their link and calendar id) when the planner still wants them, at whatever date it now gives;
 * those it no longer wants are cancelled with the reason, never deleted, so no link or UID breaks.
 */
export async function planYear(db: Db, userId: number | null, year: number, today: IsoDate): Promise<PlanOutcome> {
	const notBefore = notBeforeFor(year, today);
	const input = await buildPlanInput(db, year, notBefore);
	if (input.schools.length === 0) {
		throw new Refusal(
			`No school has an agreed category for ${academicYearLabel(year)} yet (from the ${academicYearLabel(year - 1)} results). Agree categories first, then plan the year.`
		);
	}
	const previousRun = await latestPlanRun(db, year);
	const previous = previousRun ? await storedPlan(db, year) : null;
	const { result, diff } = runPlanner(input, previous);

	return db.transaction().execute(async (trx) => {
		// Two people planning the same year at once: the second waits, then finds the plan it
		// started from is no longer the latest, and is told so rather than plan over the first.
		await oneAtATime(trx, 'plan', year);
		if ((await latestPlanRun(trx, year))?.id !== previousRun?.id) {
			throw new Refusal(
				`${academicYearLabel(year)} was planned by someone else while this plan was being made. Look at the schedule as it is now, and plan the year again if it still needs it.`
			);
		}
		const rows = await liveEngagementRows(trx, year);
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

		await trx.deleteFrom('unplaced_engagements').where('year', '=', year).execute();
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
				engagements: result.engagements.length,
				unplaced: result.unplaced.length,
				moved: diff?.moved.length ?? 0,
				added: diff?.added.length ?? 0,
				removed: diff?.removed.length ?? 0
			}
		});
		const run = (await latestPlanRun(trx, year))!;
		return { run, result };
	});
}

/**
 * Schools whose agreed category differs from the one the stored plan was made with, including
 * schools agreed since and schools no longer agreed: the plan is out of date for them.
 */
export function schoolsChangedSince(run: PlanRunSummary, schools: PlanInput['schools']): number[] {
	const now = new Map(schools.map((s) => [String(s.urn), s.category]));
	const urns = new Set<string>();
	for (const [urn, category] of now) if (run.categories[urn] !== category) urns.add(urn);
	for (const urn of Object.keys(run.categories)) if (!now.has(urn)) urns.add(urn);
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
		.where('at', '>', run.runAt)
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
