import type { IsoDate } from '../../domain/calendar/iso-date';

/** Words and tag colours for the schedule pages. Colour is never the only signal: every tag has text. */
export type EngagementStatus = 'planned' | 'confirmed' | 'completed' | 'cancelled';

/** What the schedule's tables and calendars need of an engagement. */
export interface EngagementRow {
	id: number;
	date: IsoDate;
	urn: number;
	schoolName: string;
	label: string;
	adviserName: string;
	status: EngagementStatus;
	days: number;
}

/** One weekday of the month calendar. */
export interface CalendarDay {
	date: IsoDate;
	inMonth: boolean;
	/** Why no school work is planned that day (holiday, bank holiday, closure), or null. */
	note: string | null;
	engagements: EngagementRow[];
}

export const STATUS_LABELS: Record<EngagementStatus, string> = {
	planned: 'Planned',
	confirmed: 'Confirmed',
	completed: 'Completed',
	cancelled: 'Cancelled'
};

export const STATUS_TAGS: Record<EngagementStatus, string> = {
	planned: 'govuk-tag--grey',
	confirmed: 'govuk-tag--blue',
	completed: 'govuk-tag--green',
	cancelled: 'govuk-tag--red'
};

export type Rag = 'red' | 'amber' | 'green';

/** What each progress rating means, said in full wherever a rating is shown. */
export const RAG_LABELS: Record<Rag, string> = {
	red: 'Red: little or no progress',
	amber: 'Amber: some progress',
	green: 'Green: good progress'
};

export const RAG_TAGS: Record<Rag, string> = {
	red: 'govuk-tag--red',
	amber: 'govuk-tag--orange',
	green: 'govuk-tag--green'
};

export const MODE_LABELS = { on_site: 'On site', remote: 'Remote' } as const;

/** Still to do although its date has passed. */
export function isOverdue(e: { date: IsoDate; status: EngagementStatus }, today: IsoDate): boolean {
	return e.date < today && (e.status === 'planned' || e.status === 'confirmed');
}
