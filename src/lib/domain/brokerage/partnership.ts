import { isIsoDate, type IsoDate } from '../calendar/iso-date';
import { academicYearBounds } from '../calendar/half-terms';
import { academicYearLabel } from '../ks2/types';
import { dayAndDate } from '../format';

/**
 * A school-to-school support partnership, from proposal to its end (DESIGN section 12): an adviser
 * proposes it, a lead adviser agrees it, both headteachers accept it, the link adviser sets it up
 * (objectives, a start and review dates) and it is active until it ends with an outcome. Declined
 * and withdrawn partnerships are closed: a supporter that declined is not proposed again that year.
 */
export const PARTNERSHIP_STATUSES = ['proposed', 'agreed', 'accepted', 'active', 'ended', 'declined', 'withdrawn'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** Still going: a school in one of these has support proposed or under way, and is not proposed again. */
export const OPEN_STATUSES: readonly PartnershipStatus[] = ['proposed', 'agreed', 'accepted', 'active'];

export const PARTNERSHIP_STATUS_LABELS: Record<PartnershipStatus, string> = {
	proposed: 'Proposed',
	agreed: 'Agreed, waiting for the schools',
	accepted: 'Accepted, to be set up',
	active: 'Active',
	ended: 'Ended',
	declined: 'Declined',
	withdrawn: 'Withdrawn'
};

export type Side = 'supported' | 'supporting';
export type Response = 'accepted' | 'declined';

export interface PartnershipState {
	status: PartnershipStatus;
	supportedResponse: Response | null;
	supportingResponse: Response | null;
}

export type PartnershipStep =
	{ kind: 'agree' } | { kind: 'respond'; side: Side; response: Response } | { kind: 'activate' } | { kind: 'end' } | { kind: 'withdraw' };

/**
 * What a step does to a partnership, or why it cannot be taken now, in words. A headteacher's
 * answer counts once; when both schools have accepted, the partnership waits to be set up; when
 * either declines, it is closed.
 */
export function takeStep(state: PartnershipState, step: PartnershipStep): { ok: true; state: PartnershipState } | { ok: false; message: string } {
	const refuse = (message: string) => ({ ok: false as const, message });
	const closed = !OPEN_STATUSES.includes(state.status);
	if (closed) return refuse(`This partnership is ${PARTNERSHIP_STATUS_LABELS[state.status].toLowerCase()}, so nothing more can be done with it.`);
	switch (step.kind) {
		case 'agree':
			if (state.status !== 'proposed') return refuse('This partnership has already been agreed.');
			return { ok: true, state: { ...state, status: 'agreed' } };
		case 'respond': {
			if (state.status === 'proposed') return refuse('A lead adviser agrees the partnership first; then each school can accept or decline it.');
			if (state.status !== 'agreed') return refuse('Both schools have already accepted this partnership.');
			const key = step.side === 'supported' ? 'supportedResponse' : 'supportingResponse';
			if (state[key] !== null) return refuse(`Your school has already ${state[key]} this partnership.`);
			const next = { ...state, [key]: step.response };
			if (step.response === 'declined') return { ok: true, state: { ...next, status: 'declined' } };
			const both = next.supportedResponse === 'accepted' && next.supportingResponse === 'accepted';
			return { ok: true, state: { ...next, status: both ? 'accepted' : 'agreed' } };
		}
		case 'activate':
			if (state.status !== 'accepted') return refuse('Both schools must accept the partnership before it is set up.');
			return { ok: true, state: { ...state, status: 'active' } };
		case 'end':
			if (state.status !== 'active') return refuse('Only an active partnership can be ended with an outcome. Withdraw it instead.');
			return { ok: true, state: { ...state, status: 'ended' } };
		case 'withdraw':
			if (state.status === 'active') return refuse('An active partnership is ended with an outcome, not withdrawn.');
			return { ok: true, state: { ...state, status: 'withdrawn' } };
	}
}

/** The most review dates one partnership may have in a year. */
export const MAX_REVIEWS = 6;
export const TEXT_LIMIT = 2000;

export interface SetUp {
	objectives: string;
	startDate: IsoDate;
	reviewDates: IsoDate[];
}

/**
 * Checks the set-up of a partnership for the school year it runs in (2027 = 2026/27): objectives,
 * a start date in that year, and 1 to 6 review dates after the start, in that year, each once.
 * `notWorking` says why a date is not a working day of the supported school's LA (or null).
 * Errors are keyed by form field.
 */
export function setUpProblems(
	input: { objectives: string; startDate: string; reviewDates: string[] },
	schoolYear: number,
	notWorking: (date: IsoDate) => string | null
): Record<string, string> {
	const errors: Record<string, string> = {};
	const { start, end } = academicYearBounds(schoolYear);
	const label = academicYearLabel(schoolYear);
	if (!input.objectives.trim()) errors.objectives = 'Enter what the partnership is for: its objectives.';
	else if (input.objectives.length > TEXT_LIMIT) errors.objectives = `The objectives must be ${TEXT_LIMIT} characters or fewer.`;
	if (!isIsoDate(input.startDate)) errors['start-date'] = 'Enter the start date as a real date, like 2026-11-02.';
	else if (input.startDate < start || input.startDate > end) errors['start-date'] = `The start date must be in the ${label} school year.`;
	const reviews = input.reviewDates.map((d) => d.trim()).filter((d) => d !== '');
	if (reviews.length === 0) errors['review-dates'] = 'Enter at least one review date.';
	else if (reviews.length > MAX_REVIEWS) errors['review-dates'] = `Enter at most ${MAX_REVIEWS} review dates.`;
	else {
		const bad = reviews.find((d) => !isIsoDate(d));
		const seen = new Set<string>();
		const twice = reviews.find((d) => (seen.has(d) ? true : (seen.add(d), false)));
		if (bad) errors['review-dates'] = `"${bad}" is not a real date. Enter each review date like 2027-01-18, one a line.`;
		else if (twice) errors['review-dates'] = `${dayAndDate(twice)} is given twice.`;
		else {
			const outside = reviews.find((d) => d < start || d > end);
			const early = isIsoDate(input.startDate) ? reviews.find((d) => d <= input.startDate) : undefined;
			const closed = reviews.map((d) => [d, notWorking(d)] as const).find(([, why]) => why !== null);
			if (outside) errors['review-dates'] = `${dayAndDate(outside)} is not in the ${label} school year.`;
			else if (early) errors['review-dates'] = `Each review must come after the start. ${dayAndDate(early)} does not.`;
			else if (closed) errors['review-dates'] = `No review can be on ${dayAndDate(closed[0])}, because ${closed[1]}.`;
		}
	}
	return errors;
}

/** Review dates typed one a line (or separated by commas), in date order. */
export function parseReviewDates(text: string): string[] {
	return text
		.split(/[\n,]+/)
		.map((d) => d.trim())
		.filter((d) => d !== '')
		.sort();
}
