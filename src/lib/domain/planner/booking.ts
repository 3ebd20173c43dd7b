import { startOfISOWeek } from 'date-fns';
import { academicYearLabel } from '../ks2/types';
import { academicYearBounds } from '../calendar/half-terms';
import { isIsoDate, toDate, toIso, type IsoDate } from '../calendar/iso-date';
import { whyNotWorkingDay } from '../calendar/working-days';
import { QUARTERS_PER_DAY, toQuarters, toWeekCap } from './adviser-ledger';
import { daysPerWeekOn, type AdviserId, type Engagement, type PlanInput } from './plan-types';
import { dayAndDate, formatDays } from '../format';

/** Work to book on a fixed date for one adviser, such as a Quality Mark assessment visit. */
export interface Booking {
	/** The engagement's own id when it is being moved, so it is not counted against itself; null for a new booking. */
	id: string | null;
	adviserId: AdviserId;
	date: IsoDate;
	days: number;
	/** A date before today records a visit already held; from today on it is a booking to plan around. */
	today: IsoDate;
}

export type BookingCheck = { ok: true; warnings: string[] } | { ok: false; reasons: string[] };

/**
 * Whether work the planner will take as fixed can go on `booking.date`, judged by the planner's own
 * rules so that booked work never breaks what the plan keeps to. `input.calendar` must be the school
 * year the date falls in; `engagements` are that year's live engagements.
 *
 * Refused, with every reason:
 * - a date outside that school year;
 * - not a working day in term time (a weekend, the holidays, a bank holiday, an LA closure day);
 * - the adviser is off that day, or is not an adviser the plan knows;
 * - from today on, no room beside the adviser's other fixed work (confirmed and completed
 *   engagements, other booked visits): more than 1 day in the day, or more than their days a week.
 *   Re-planning cannot move fixed work, so the adviser must choose another day.
 *
 * Allowed with a warning:
 * - the day or week is over only because of planned engagements: the booking goes ahead, and the
 *   next re-plan moves the planned work, because booked work is fixed;
 * - a date before today that was already full: the visit is recorded as it happened.
 */
export function checkBooking(input: Pick<PlanInput, 'calendar' | 'closures' | 'advisers'>, engagements: readonly Engagement[], booking: Booking): BookingCheck {
	const { date } = booking;
	if (!isIsoDate(date)) return { ok: false, reasons: [`"${date}" is not a real date.`] };
	const when = dayAndDate(date);
	const year = academicYearBounds(input.calendar.summerYear);
	if (date < year.start || date > year.end)
		return { ok: false, reasons: [`${when} is outside the ${academicYearLabel(input.calendar.summerYear)} school year.`] };

	const reasons: string[] = [];
	const notWorking = whyNotWorkingDay(input.calendar, input.closures, date);
	if (notWorking) reasons.push(`It must be on a working day in term time, and ${when} is not: ${notWorking}.`);
	const adviser = input.advisers.find((a) => a.id === booking.adviserId);
	if (!adviser) {
		reasons.push(`There is no active adviser or lead adviser with id "${booking.adviserId}", so it cannot go in anyone’s schedule.`);
		return { ok: false, reasons };
	}
	if (adviser.daysOff.includes(date)) reasons.push(`${adviser.name} is off on ${when}.`);
	if (reasons.length > 0) return { ok: false, reasons };

	const load = adviserLoadAround(engagements, booking.adviserId, booking.date, booking.id);
	const adding = toQuarters(booking.days);
	if (adding === 0) return { ok: true, warnings: [] };
	const capacity = daysPerWeekOn(adviser, load.weekStart);
	const weekCap = toWeekCap(capacity);
	const weekStart = dayAndDate(load.weekStart);
	const { name } = adviser;
	const perWeek = `over their ${formatDays(capacity)} a week`;
	const total = (quarters: number) => formatDays((quarters + adding) / QUARTERS_PER_DAY);

	if (date < booking.today) {
		// A visit already held is recorded as it happened: say when that overfilled the day or week, but never refuse.
		const day = load.fixedDay + load.plannedDay;
		const week = load.fixedWeek + load.plannedWeek;
		const warnings: string[] = [];
		if (day + adding > QUARTERS_PER_DAY)
			warnings.push(`${name} had other work on ${when} as well, so that day holds ${total(day)}, over the limit of 1 day a day.`);
		if (week + adding > weekCap) warnings.push(`The week beginning ${weekStart} holds ${total(week)} of ${name}’s work, ${perWeek}.`);
		return { ok: true, warnings };
	}

	// Fixed work stays where it is when the year is planned again, so there must be room beside it.
	if (load.fixedDay + adding > QUARTERS_PER_DAY) {
		reasons.push(
			`${name} already has ${formatDays(load.fixedDay / QUARTERS_PER_DAY)} of confirmed or completed work on ${when}, so ${formatDays(booking.days)} more ` +
				`would make ${total(load.fixedDay)}, over the limit of 1 day a day. Choose another day, or move that work first.`
		);
	}
	if (load.fixedWeek + adding > weekCap) {
		reasons.push(
			`The week beginning ${weekStart} already holds ${formatDays(load.fixedWeek / QUARTERS_PER_DAY)} of ${name}’s confirmed or completed work, so ` +
				`${formatDays(booking.days)} more would make ${total(load.fixedWeek)}, ${perWeek}. Choose another week, or move that work first.`
		);
	}
	if (reasons.length > 0) return { ok: false, reasons };

	// Planned work moves when the year is planned again, so it only earns a warning.
	const warnings: string[] = [];
	if (load.fixedDay + load.plannedDay + adding > QUARTERS_PER_DAY) {
		warnings.push(
			`${name} also has ${formatDays(load.plannedDay / QUARTERS_PER_DAY)} of planned work on ${when}, so that day now holds ` +
				`${total(load.fixedDay + load.plannedDay)}. Plan the year again to move the planned work to another day.`
		);
	}
	if (load.fixedWeek + load.plannedWeek + adding > weekCap) {
		warnings.push(
			`The week beginning ${weekStart} now holds ${total(load.fixedWeek + load.plannedWeek)} of ${name}’s work, ${perWeek}, because of planned work. Plan the year again to move it.`
		);
	}
	return { ok: true, warnings };
}

/**
 * An adviser's other work on `date` and in its ISO week, in quarter days, fixed (confirmed or
 * completed) and planned apart. `exceptId` is the engagement being booked or moved, if it exists.
 */
export function adviserLoadAround(engagements: readonly Engagement[], adviserId: AdviserId, date: IsoDate, exceptId: string | null) {
	const weekStart = toIso(startOfISOWeek(toDate(date)));
	const load = { weekStart, fixedDay: 0, plannedDay: 0, fixedWeek: 0, plannedWeek: 0 };
	for (const e of engagements) {
		if (e.adviserId !== adviserId || e.id === exceptId) continue;
		const quarters = toQuarters(e.days);
		const fixed = e.status !== 'planned';
		if (e.date === date) load[fixed ? 'fixedDay' : 'plannedDay'] += quarters;
		if (toIso(startOfISOWeek(toDate(e.date))) === weekStart) load[fixed ? 'fixedWeek' : 'plannedWeek'] += quarters;
	}
	return load;
}
