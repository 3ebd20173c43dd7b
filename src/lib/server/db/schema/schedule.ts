import type { Generated } from 'kysely';
import type { Category } from '../../../domain/analysis/categories';
import type { HalfTermId } from '../../../domain/calendar/half-terms';
import type { Activity, EngagementActivity, EngagementMode } from '../../../domain/planner/templates';
import type { UnplacedCause } from '../../../domain/planner/plan-types';

export interface EngagementTemplatesTable {
	/** The LA these belong to, or '' for the installation's own, used by every LA without its own (migration 0024). */
	la_code: string;
	/** Stable key such as "focus.review"; engagements and "comes after" links refer to it. */
	id: string;
	category: Category;
	activity: Activity;
	label: string;
	count: number;
	window_from: HalfTermId;
	window_to: HalfTermId;
	within_weeks: number | null;
	days: number;
	mode: EngagementMode;
	/** Template ids of the same category that come first, as a JSON array. */
	after_json: string;
	min_weeks_apart: number | null;
	/** Order on screen. */
	position: number;
	updated_at: string;
	updated_by: number | null;
}

export interface TermDatesTable {
	/** The LA these belong to, or '' for the installation's own, used by every LA without its own (migration 0024). */
	la_code: string;
	/** The school year by its summer (2027 = 2026/27). */
	summer_year: number;
	half_term: HalfTermId;
	start_date: string;
	end_date: string;
	updated_at: string;
	updated_by: number | null;
}

export interface ClosureDaysTable {
	/** The LA these belong to, or '' for the installation's own, used by every LA without its own (migration 0024). */
	la_code: string;
	date: string;
	reason: string;
	created_by: number | null;
	created_at: string;
}

/** An adviser's days a week before a change: held until `until_date` (not included), the day it was changed. */
export interface AdviserCapacityHistoryTable {
	user_id: number;
	until_date: string;
	days_per_week: number;
}

export interface AdviserCapacityTable {
	user_id: number;
	/** Days a week for school work, in quarter days, 0 to 5. */
	days_per_week: number;
	updated_at: string;
	updated_by: number | null;
}

export interface AdviserDaysOffTable {
	user_id: number;
	date: string;
	reason: string | null;
	created_at: string;
}

export type PlanRunKind = 'plan' | 'replan';

export interface PlanRunsTable {
	id: Generated<number>;
	year: number;
	/** The LA planned, or null when every school was planned at once (migration 0024). */
	la_code: string | null;
	kind: PlanRunKind;
	/** Nothing new was placed before this date (the day it was planned), or null for the whole year. */
	not_before: string | null;
	run_by: number | null;
	run_at: string;
	engagement_count: number;
	unplaced_count: number;
	/** `{ urn: category }` as planned, to tell when categories have changed since. */
	categories_json: string;
	/** The planner's Shortfall[] for the run. */
	shortfalls_json: string;
	/** The planner's PlanDiff for a re-plan; null for a first plan. */
	diff_json: string | null;
}

export type EngagementRowStatus = 'planned' | 'confirmed' | 'completed' | 'cancelled';

export interface EngagementsTable {
	id: Generated<number>;
	year: number;
	/** The planner's engagement id: `urn/templateId/sequence` (for a Quality Mark visit, `urn/quality_mark.<framework>/n`). */
	plan_key: string;
	urn: number;
	adviser_id: number;
	template_id: string;
	/** Null exactly when the engagement is a Quality Mark assessment visit (quality_mark_id set). */
	category: Category | null;
	activity: EngagementActivity;
	label: string;
	mode: EngagementMode;
	date: string;
	days: number;
	half_term: HalfTermId | null;
	sequence: number;
	status: EngagementRowStatus;
	fulfils_template_id: string | null;
	fulfils_sequence: number | null;
	confirmed_at: string | null;
	confirmed_by: number | null;
	cancelled_at: string | null;
	cancelled_by: number | null;
	cancel_reason: string | null;
	completed_at: string | null;
	completed_by: number | null;
	created_at: string;
	updated_at: string;
	/** The Quality Mark record whose assessment visit this is (migration 0009); null for planned support. */
	quality_mark_id: number | null;
}

export interface UnplacedEngagementsTable {
	id: Generated<number>;
	year: number;
	plan_key: string;
	urn: number;
	adviser_id: number | null;
	template_id: string;
	category: Category;
	activity: Activity;
	label: string;
	sequence: number;
	days: number;
	half_term: HalfTermId;
	window_from: HalfTermId;
	window_to: HalfTermId;
	cause: UnplacedCause;
	reason: string;
}

export type VisitNoteStatus = 'draft' | 'published';

export interface VisitNotesTable {
	engagement_id: number;
	visit_date: string;
	purpose: string;
	evidence: string;
	strengths: string;
	status: VisitNoteStatus;
	written_by: number | null;
	created_at: string;
	updated_at: string;
	published_at: string | null;
	published_by: number | null;
}

export interface VisitNoteActionsTable {
	id: Generated<number>;
	engagement_id: number;
	position: number;
	action: string;
	owner: string;
	due_date: string;
}

export interface AfisTable {
	id: Generated<number>;
	urn: number;
	description: string;
	/** The engagement whose note raised it; the AfI is shared once that note is published. */
	raised_engagement_id: number;
	position: number;
	closed_engagement_id: number | null;
	closed_at: string | null;
	created_by: number | null;
	created_at: string;
}

export type RagRating = 'red' | 'amber' | 'green';

export interface AfiRatingsTable {
	afi_id: number;
	engagement_id: number;
	rating: RagRating;
	comment: string;
	/** 1 when the note says the AfI has been met, which closes it once published. */
	met: number;
}

/** A user's private calendar subscription: only the token's SHA-256 is kept. */
export interface CalendarSubscriptionsTable {
	user_id: number;
	token_hash: string;
	created_at: string;
}

export interface ScheduleTables {
	engagement_templates: EngagementTemplatesTable;
	term_dates: TermDatesTable;
	closure_days: ClosureDaysTable;
	adviser_capacity: AdviserCapacityTable;
	adviser_capacity_history: AdviserCapacityHistoryTable;
	adviser_days_off: AdviserDaysOffTable;
	plan_runs: PlanRunsTable;
	engagements: EngagementsTable;
	unplaced_engagements: UnplacedEngagementsTable;
	visit_notes: VisitNotesTable;
	visit_note_actions: VisitNoteActionsTable;
	afis: AfisTable;
	afi_ratings: AfiRatingsTable;
	calendar_subscriptions: CalendarSubscriptionsTable;
}
