import { HALF_TERM_LABELS, type HalfTermId } from '../calendar/half-terms';

/** "autumn 1", or "autumn 1 to summer 2", with ", first 3 weeks" when the window is cut short. */
export function windowLabel(window: { from: HalfTermId; to: HalfTermId }, withinWeeks: number | null = null): string {
	const span = window.from === window.to ? HALF_TERM_LABELS[window.from] : `${HALF_TERM_LABELS[window.from]} to ${HALF_TERM_LABELS[window.to]}`;
	return withinWeeks ? `${span}, first ${withinWeeks} ${withinWeeks === 1 ? 'week' : 'weeks'}` : span;
}

export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
