import type { Db } from '../db';
import { Refusal } from '../../domain/refusal';
import { listAdvisers } from './advisers';
import { listEngagements } from './engagements';
import { engagementsCalendar, icsEngagements, type IcsEngagement } from './ics';
import { planSchools } from './plan-input';
import { latestPlanRun, previewPlan, storedPlan } from './planning';
import { academicYearLabel } from '../../domain/ks2/types';
import type { Category } from '../../domain/analysis/categories';
import type { HalfTermId } from '../../domain/calendar/half-terms';
import type { Shortfall, UnplacedEngagement } from '../../domain/planner/plan-types';
import { urnsOfLas } from '../la-scope';
import type { EngagementRowStatus } from '../db/schema/schedule';

export interface ExportedEngagement {
	id: string;
	urn: number;
	school: string;
	adviserId: number;
	adviser: string;
	date: string;
	halfTerm: HalfTermId | null;
	/** Null for a Quality Mark assessment visit, which is booked rather than planned from a category. */
	category: Category | null;
	activity: string;
	label: string;
	mode: string;
	days: number;
	sequence: number;
	status: EngagementRowStatus;
}

export interface ExportedPlan {
	year: number;
	schoolYear: string;
	/** False when the year has not been planned in the app: this is what planning it from 1 September would give. */
	stored: boolean;
	engagements: ExportedEngagement[];
	unplaced: UnplacedEngagement[];
	shortfalls: Shortfall[];
	/** The same engagements as calendar events, for `--format ics`. */
	events: IcsEngagement[];
}

/**
 * The plan of a school year for the CLI: the stored one (cancelled engagements left out), or if
 * the year has never been planned, a fresh plan of the whole year from the agreed categories,
 * computed but not stored.
 */
export async function exportPlan(db: Db, year: number, las: readonly string[] | null = null): Promise<ExportedPlan> {
	const plan = await wholePlan(db, year);
	const urns = await urnsOfLas(db, las);
	if (urns === null) return plan;
	// One LA's part (or several LAs'): their schools' engagements, and what could not be placed for them.
	const ours = <T extends { urn: number }>(rows: readonly T[]) => rows.filter((r) => urns.has(r.urn));
	return {
		...plan,
		engagements: ours(plan.engagements),
		unplaced: ours(plan.unplaced),
		shortfalls: plan.shortfalls.map((s) => ({ ...s, urns: s.urns.filter((u) => urns.has(u)) })).filter((s) => s.urns.length > 0),
		events: ours(plan.events)
	};
}

async function wholePlan(db: Db, year: number): Promise<ExportedPlan> {
	const base = { year, schoolYear: academicYearLabel(year) };
	if (await latestPlanRun(db, year)) {
		const [views, plan] = await Promise.all([listEngagements(db, { year, live: true }), storedPlan(db, year)]);
		return {
			...base,
			stored: true,
			engagements: views.map((e) => ({
				id: e.planKey,
				urn: e.urn,
				school: e.schoolName,
				adviserId: e.adviserId,
				adviser: e.adviserName,
				date: e.date,
				halfTerm: e.halfTerm,
				category: e.category,
				activity: e.activity,
				label: e.label,
				mode: e.mode,
				days: e.days,
				sequence: e.sequence,
				status: e.status
			})),
			unplaced: plan.unplaced,
			shortfalls: plan.shortfalls,
			events: icsEngagements(views, '', false).map((e) => ({ ...e, url: null }))
		};
	}
	const agreed = await planSchools(db, year);
	if (agreed.length === 0) {
		throw new Refusal(
			`${academicYearLabel(year)} has not been planned, and no school has an agreed category for it yet (from the ${academicYearLabel(year - 1)} results).`
		);
	}
	const result = await previewPlan(db, year, null);
	const schools = new Map(agreed.map((s) => [s.urn, s.name]));
	const advisers = new Map((await listAdvisers(db)).map((a) => [a.id, a.name]));
	const engagements: ExportedEngagement[] = result.engagements.map((e) => ({
		id: e.id,
		urn: e.urn,
		school: schools.get(e.urn) ?? `URN ${e.urn}`,
		adviserId: e.adviserId,
		adviser: advisers.get(e.adviserId) ?? String(e.adviserId),
		date: e.date,
		halfTerm: e.halfTerm,
		category: e.category,
		activity: e.activity,
		label: e.label,
		mode: e.mode,
		days: e.days,
		sequence: e.sequence,
		status: e.status
	}));
	return {
		...base,
		stored: false,
		engagements,
		unplaced: result.unplaced,
		shortfalls: result.shortfalls,
		events: result.engagements.map((e, i) => ({
			uid: `plan-${year}-${e.id.replace(/\//g, '-')}@triage`,
			date: e.date,
			label: e.label,
			urn: e.urn,
			schoolName: engagements[i].school,
			adviserName: engagements[i].adviser,
			category: e.category,
			days: e.days,
			mode: e.mode,
			status: e.status,
			url: null
		}))
	};
}

/** The exported plan as one ICS calendar. */
export function exportedPlanIcs(plan: ExportedPlan): string {
	return engagementsCalendar(`Triage: plan for ${plan.schoolYear}`, plan.events, { forSchool: false });
}
