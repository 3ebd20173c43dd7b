import ical, { escape, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { Db } from '../db';
import { now } from '../clock';
import { listEngagements, type EngagementView } from './engagements';
import { CATEGORY_LABELS, type Category } from '../../domain/analysis/categories';
import { toDate, type IsoDate } from '../../domain/calendar/iso-date';
import { formatDays } from '../../domain/format';
import type { EngagementMode } from '../../domain/planner/templates';
import type { EngagementRowStatus } from '../db/schema/schedule';

/** What a calendar event is made from. */
export interface IcsEngagement {
	/** Stable across re-plans, so a calendar that imports the file again updates rather than duplicates. */
	uid: string;
	date: IsoDate;
	label: string;
	urn: number;
	schoolName: string;
	adviserName: string;
	/** Null for a Quality Mark assessment visit. */
	category: Category | null;
	days: number;
	mode: EngagementMode;
	status: EngagementRowStatus;
	url: string | null;
	/**
	 * Goes up each time the engagement changes (RFC 5545 SEQUENCE), so a calendar that has the event
	 * takes the new date or status rather than keeping the old one. 0 for an event never changed.
	 */
	revision?: number;
	/** When the engagement last changed. */
	lastModified?: Date | null;
}

/** UTC midnight of a calendar date, `plus` days on: ical-generator writes all-day dates from a Date's UTC fields. */
function utcDay(iso: IsoDate, plus = 0): Date {
	const day = toDate(iso);
	// Worked out in UTC: a day added in local time is 23 hours on the day the clocks go forward.
	return new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate() + plus));
}

const STATUS = {
	planned: ICalEventStatus.TENTATIVE,
	confirmed: ICalEventStatus.CONFIRMED,
	completed: ICalEventStatus.CONFIRMED,
	cancelled: ICalEventStatus.CANCELLED
} as const;

/**
 * Engagements as an RFC 5545 calendar. Each is an all-day event (the planner gives a day, not a
 * time), tentative until confirmed, and kept with STATUS:CANCELLED once cancelled so calendars
 * that imported it remove it. For a school, the LA's own details (category, adviser days) are left out.
 */
export function engagementsCalendar(name: string, engagements: readonly IcsEngagement[], options: { forSchool: boolean }): string {
	// ical-generator escapes every event property but writes the calendar's NAME and X-WR-CALNAME as
	// given, so a school name with a line break could add lines to the file: escape it with its own escape.
	// PUBLISH: a calendar to show, not invitations to answer (RFC 5546); Outlook imports it as events.
	const calendar = ical({ name: escape(name, false), method: ICalCalendarMethod.PUBLISH, prodId: { company: 'Triage', product: 'Schedule', language: 'EN' } });
	for (const e of engagements) {
		const lines = [
			`${e.label} for ${e.schoolName} (URN ${e.urn}).`,
			`Adviser: ${e.adviserName}.`,
			options.forSchool
				? null
				: `${e.category ? `Support category: ${CATEGORY_LABELS[e.category]}` : 'Booked from the Quality Mark record, not from the support plan'}. Adviser time: ${formatDays(e.days)}.`,
			`Status: ${e.status}.`
		].filter((l): l is string => l !== null);
		calendar.createEvent({
			id: e.uid,
			stamp: now(),
			start: utcDay(e.date),
			end: utcDay(e.date, 1),
			allDay: true,
			// Outlook shows a cancelled event as it was, STATUS or not: the title says so.
			summary: `${e.status === 'cancelled' ? 'Cancelled: ' : ''}${options.forSchool ? `${e.label} with ${e.adviserName}` : `${e.label}: ${e.schoolName}`}`,
			sequence: e.revision ?? 0,
			lastModified: e.lastModified ?? null,
			description: lines.join('\n'),
			location: e.mode === 'on_site' ? e.schoolName : 'Remote (telephone or online)',
			status: STATUS[e.status],
			// Busy: a visit is a day out of the office, and Outlook should say so to anyone booking a meeting.
			transparency: e.status === 'cancelled' ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
			url: e.url
		});
	}
	return calendar.toString();
}

/** Stored engagements as calendar events; UIDs are their row ids, which re-planning keeps. */
export function icsEngagements(engagements: readonly EngagementView[], origin: string, forSchool: boolean): IcsEngagement[] {
	return engagements.map((e) => ({
		...e,
		uid: `engagement-${e.id}@triage`,
		// Seconds from when it was made to its last change: larger after every change, as SEQUENCE must be.
		revision: Math.max(0, Math.floor((Date.parse(e.updatedAt) - Date.parse(e.createdAt)) / 1000)),
		lastModified: new Date(e.updatedAt),
		url: forSchool ? `${origin}/schedule/schools/${e.urn}` : `${origin}/schedule/engagements/${e.id}`
	}));
}

/** Every engagement of one adviser, in every year; `las`: only at these LAs' schools (null for every LA). */
export async function adviserFeed(db: Db, adviser: { id: number; name: string }, origin: string, las: readonly string[] | null = null): Promise<string> {
	const engagements = await listEngagements(db, { adviserId: adviser.id, las });
	return engagementsCalendar(`Triage: ${adviser.name}`, icsEngagements(engagements, origin, false), { forSchool: false });
}

/** Every engagement with one school, in every year. */
export async function schoolFeed(db: Db, school: { urn: number; name: string }, origin: string): Promise<string> {
	const engagements = await listEngagements(db, { urn: school.urn });
	return engagementsCalendar(`Triage: ${school.name}`, icsEngagements(engagements, origin, true), { forSchool: true });
}
