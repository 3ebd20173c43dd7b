import { academicYearLabel } from '../ks2/types';
import { academicYearBounds, HALF_TERM_LABELS, HALF_TERMS, isHalfTermId, type AcademicCalendar, type HalfTerm, type HalfTermId } from './half-terms';
import { isIsoDate } from './iso-date';
import { workingDays } from './working-days';
import { dayAndDate } from '../format';

/** One thing wrong with edited term dates, tied to the field an admin has to change. */
export interface CalendarProblem {
	halfTerm: HalfTermId | null;
	field: 'start' | 'end' | null;
	message: string;
}

const sentence = (id: HalfTermId) => HALF_TERM_LABELS[id].replace(/^./, (c) => c.toUpperCase());

/**
 * Checks term dates as an admin edited them. Returns every problem found, in half-term order,
 * so the form can show them all at once; an empty list means the dates can be used.
 */
export function validateCalendar(calendar: AcademicCalendar): CalendarProblem[] {
	const problems: CalendarProblem[] = [];
	const add = (halfTerm: HalfTermId | null, field: CalendarProblem['field'], message: string) => problems.push({ halfTerm, field, message });

	const year = calendar.summerYear;
	if (!Number.isInteger(year) || year < 2000 || year > 2100) {
		add(null, null, 'Give the school year by its summer, as a whole number from 2000 to 2100 (2025 for 2024/25).');
		return problems;
	}
	const bounds = academicYearBounds(year);
	const yearName = academicYearLabel(year);

	const byId = new Map<HalfTermId, HalfTerm>();
	for (const halfTerm of calendar.halfTerms) {
		if (!isHalfTermId(halfTerm.id)) add(null, null, `"${String(halfTerm.id)}" is not a half term.`);
		else if (byId.has(halfTerm.id)) add(halfTerm.id, null, `${sentence(halfTerm.id)} is entered twice.`);
		else byId.set(halfTerm.id, halfTerm);
	}

	const usable: HalfTerm[] = [];
	for (const id of HALF_TERMS) {
		const halfTerm = byId.get(id);
		if (!halfTerm) {
			add(id, null, `Enter the dates of ${HALF_TERM_LABELS[id]}.`);
			continue;
		}
		let datesOk = true;
		for (const field of ['start', 'end'] as const) {
			if (!isIsoDate(halfTerm[field])) {
				add(id, field, `Enter the ${field} date of ${HALF_TERM_LABELS[id]} as a real date, like ${bounds.start}.`);
				datesOk = false;
			}
		}
		if (!datesOk) continue;
		if (halfTerm.end < halfTerm.start) {
			add(id, 'end', `${sentence(id)} ends on ${dayAndDate(halfTerm.end)}, before it starts on ${dayAndDate(halfTerm.start)}.`);
			continue;
		}
		if (halfTerm.start < bounds.start) {
			add(id, 'start', `${sentence(id)} starts on ${dayAndDate(halfTerm.start)}, before the ${yearName} school year begins on ${dayAndDate(bounds.start)}.`);
		}
		if (halfTerm.end > bounds.end) {
			add(id, 'end', `${sentence(id)} ends on ${dayAndDate(halfTerm.end)}, after the ${yearName} school year ends on ${dayAndDate(bounds.end)}.`);
		}
		usable.push(halfTerm);
	}

	// Each half term must start after the one before it ends. When a later half term starts
	// before an earlier one even begins, the two are in the wrong order rather than overlapping.
	for (let i = 1; i < usable.length; i++) {
		const before = usable[i - 1];
		const after = usable[i];
		if (after.start > before.end) continue;
		if (after.start < before.start) {
			add(
				after.id,
				'start',
				`${sentence(after.id)} starts on ${dayAndDate(after.start)}, before ${HALF_TERM_LABELS[before.id]} starts on ${dayAndDate(before.start)}: half terms must be in order, from autumn 1 to summer 2.`
			);
		} else {
			add(
				after.id,
				'start',
				`${sentence(after.id)} starts on ${dayAndDate(after.start)}, which overlaps ${HALF_TERM_LABELS[before.id]} (it ends on ${dayAndDate(before.end)}).`
			);
		}
	}

	if (problems.length === 0) {
		const withDays = new Set(workingDays(calendar).map((day) => day.halfTerm));
		for (const id of HALF_TERMS) {
			if (!withDays.has(id)) add(id, null, `${sentence(id)} has no working days: every day in it is a weekend or a bank holiday.`);
		}
	}
	return problems;
}
