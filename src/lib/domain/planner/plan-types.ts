import type { HalfTermId } from '../calendar/half-terms';
import type { AcademicCalendar } from '../calendar/half-terms';
import type { IsoDate } from '../calendar/iso-date';
import type { Category } from '../analysis/categories';
import type { Activity, EngagementActivity, EngagementMode, EngagementTemplate } from './templates';

/** An adviser is a user: the id is their user id, as the database keeps it. */
export type AdviserId = number;

export interface Adviser {
	id: AdviserId;
	name: string;
	/** Days a week available for school work (0 to 5, counted in quarter days), from the last change on. */
	daysPerWeek: number;
	/**
	 * What it was before each change, oldest first: `daysPerWeek` held until the day `until` (not
	 * included). A change applies from the day it is made, so weeks already worked keep the capacity
	 * they had. None: the same all year.
	 */
	earlier?: readonly { until: IsoDate; daysPerWeek: number }[];
	/** Dates the adviser is away: leave, training, other duties. */
	daysOff: readonly IsoDate[];
}

export interface PlanSchool {
	urn: number;
	name: string;
	/** The agreed category; schools still awaiting agreement are not passed to the planner. */
	category: Category;
	linkAdviserId: AdviserId | null;
}

export type EngagementStatus = 'planned' | 'confirmed' | 'completed';

export interface Engagement {
	/** For planned engagements `urn/templateId/sequence` (see engagementId); fixed ones keep theirs. */
	id: string;
	urn: number;
	adviserId: AdviserId;
	/** For booked work (a Quality Mark assessment visit), a key of its own such as "quality_mark.basic_skills". */
	templateId: string;
	/** Null for booked work, which no support category asks for (see BOOKED_ACTIVITIES). */
	category: Category | null;
	activity: EngagementActivity;
	label: string;
	mode: EngagementMode;
	date: IsoDate;
	days: number;
	/** Null only for a fixed engagement that took place outside term time. */
	halfTerm: HalfTermId | null;
	/** 1-based occurrence of its template. */
	sequence: number;
	status: EngagementStatus;
	/**
	 * The requirement of the school's current category this engagement meets, or null for a
	 * confirmed or completed engagement that no longer matches one (it is kept all the same).
	 */
	fulfils: { templateId: string; sequence: number } | null;
}

/**
 * An engagement that must stay where it is when the year is planned again: confirmed or completed
 * work, and booked work such as a Quality Mark assessment visit. It uses its adviser's day and week
 * like any other, and meets no requirement of a category unless it matches one.
 */
export type FixedEngagement = Omit<Engagement, 'status' | 'halfTerm' | 'fulfils'> & { status: 'confirmed' | 'completed' };

export interface PlanInput {
	calendar: AcademicCalendar;
	/** LA closure days: nobody visits schools on these. */
	closures: readonly IsoDate[];
	advisers: readonly Adviser[];
	schools: readonly PlanSchool[];
	templates: readonly EngagementTemplate[];
	/** Completed and confirmed engagements; they keep their date and adviser. */
	fixed?: readonly FixedEngagement[];
	/** Place nothing new before this date (the day a plan is redone mid-year). */
	notBefore?: IsoDate | null;
}

export type UnplacedCause = 'no_link_adviser' | 'unknown_adviser' | 'window_passed' | 'no_room' | 'capacity';

export interface UnplacedEngagement {
	id: string;
	urn: number;
	schoolName: string;
	adviserId: AdviserId | null;
	templateId: string;
	category: Category;
	activity: Activity;
	label: string;
	sequence: number;
	days: number;
	/** The half term the planner wanted it in, where the shortfall is counted. */
	halfTerm: HalfTermId;
	window: { from: HalfTermId; to: HalfTermId };
	cause: UnplacedCause;
	/** A sentence for people: why it is not in the plan and what would fix it. */
	reason: string;
}

/** Days of work that did not fit one adviser's capacity in one half term. */
export interface Shortfall {
	adviserId: AdviserId;
	adviserName: string;
	halfTerm: HalfTermId;
	days: number;
	urns: number[];
	/** "Capacity short by 3.5 days in spring 1 for Jane Smith". */
	message: string;
}

export interface PlanResult {
	/** Planned, confirmed and completed engagements, by date, then adviser, then school. */
	engagements: Engagement[];
	/** Everything the planner could not place, each with its reason. Nothing is left out silently. */
	unplaced: UnplacedEngagement[];
	/** Capacity shortfalls by adviser and half term, in adviser then half-term order. */
	shortfalls: Shortfall[];
}

/** The adviser's days a week on `date`: the figure in force that day (see Adviser.earlier). */
export function daysPerWeekOn(adviser: Adviser, date: IsoDate): number {
	for (const e of adviser.earlier ?? []) if (date < e.until) return e.daysPerWeek;
	return adviser.daysPerWeek;
}
