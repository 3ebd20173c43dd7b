import { HALF_TERMS, halfTermIndex, type HalfTermId } from '../calendar/half-terms';
import { CATEGORIES, type Category } from '../analysis/categories';

/**
 * What kind of work an engagement is. The planner treats them alike; the kind matters when a
 * school changes category mid-year (a completed desktop analysis still counts as the new
 * category's desktop analysis) and for the default cost of each engagement.
 */
export const ACTIVITIES = ['desktop_analysis', 'se_summary_invitation', 'telephone', 'visit', 'initial_visit', 'review', 'project_board'] as const;
export type Activity = (typeof ACTIVITIES)[number];

export const ACTIVITY_LABELS: Record<Activity, string> = {
	desktop_analysis: 'Desktop analysis',
	se_summary_invitation: 'Invitation to submit an SE summary',
	telephone: 'Telephone discussion',
	visit: 'School visit',
	initial_visit: 'Initial visit',
	review: 'SIA-led review',
	project_board: 'Project Board'
};

/**
 * Work that is booked rather than planned: no category's templates ask for it, so the planner never
 * places it, but it takes as fixed whatever has been booked. A Quality Mark assessment visit is
 * booked from the school's Quality Mark record (docs/quality-mark.md, Assessment visits); a review of
 * school-to-school support when the partnership is set up (DESIGN section 12).
 */
export const BOOKED_ACTIVITIES = ['quality_mark_visit', 'partnership_review'] as const;
export type BookedActivity = (typeof BOOKED_ACTIVITIES)[number];
/** What kind of work any engagement is: planned from a template, or booked. */
export type EngagementActivity = Activity | BookedActivity;

export const ENGAGEMENT_ACTIVITY_LABELS: Record<EngagementActivity, string> = {
	...ACTIVITY_LABELS,
	quality_mark_visit: 'Quality Mark assessment visit',
	partnership_review: 'Review of school-to-school support'
};

export const MODES = ['on_site', 'remote'] as const;
export type EngagementMode = (typeof MODES)[number];

/**
 * One kind of engagement a category promises a school in a year. Admins edit these; the
 * planner reads them as data.
 *
 * `count` engagements are spread over the window: occurrence i of n gets the i-th equal share of
 * the window's half terms, so 3 reviews over autumn 1 to summer 2 means one a term and 6 means
 * one a half term.
 */
export interface EngagementTemplate {
	/** Stable key, unique across all categories, such as "focus.review". */
	id: string;
	category: Category;
	activity: Activity;
	/** What people see, such as "SIA-led review". */
	label: string;
	count: number;
	window: { from: HalfTermId; to: HalfTermId };
	/** Only the first N weeks of the window count (the Intensive initial visit: 3). */
	withinWeeks: number | null;
	/** Adviser days for each engagement, in quarter days, at most 1 (it happens on one day). */
	days: number;
	mode: EngagementMode;
	/**
	 * Templates of the same category that must come first. Occurrence i follows the latest
	 * occurrence of each of them whose share of the window starts no later than its own: so a
	 * term's Project Board follows that term's review, and everything follows a one-off initial visit.
	 */
	after: string[];
	/** Minimum gap between one occurrence and the next, in weeks (reviews: 4). */
	minWeeksApart: number | null;
}

/** The half terms occurrence `sequence` (1-based) of a template is planned in. */
export function occurrenceWindow(template: EngagementTemplate, sequence: number): { from: HalfTermId; to: HalfTermId } {
	const first = halfTermIndex(template.window.from);
	const span = halfTermIndex(template.window.to) - first + 1;
	const i = sequence - 1;
	const start = Math.floor((i * span) / template.count);
	const end = Math.max(start, Math.ceil(((i + 1) * span) / template.count) - 1);
	return { from: HALF_TERMS[first + start], to: HALF_TERMS[first + end] };
}

/** Adviser days a school in each category needs in a year under these templates. */
export function daysPerSchool(templates: readonly EngagementTemplate[]): Record<Category, number> {
	const totals = Object.fromEntries(CATEGORIES.map((category) => [category, 0])) as Record<Category, number>;
	for (const template of templates) totals[template.category] += template.count * template.days;
	return totals;
}

/** Engagement ids are derived, so the same school, template and occurrence always get the same one. */
export function engagementId(urn: number, templateId: string, sequence: number): string {
	return `${urn}/${templateId}/${sequence}`;
}
