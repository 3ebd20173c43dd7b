import type { IsoDate } from './iso-date';

/** The six half terms of an English school year, in order. */
export const HALF_TERMS = ['autumn_1', 'autumn_2', 'spring_1', 'spring_2', 'summer_1', 'summer_2'] as const;
export type HalfTermId = (typeof HALF_TERMS)[number];

/** Lower case because they are mostly used inside sentences ("short by 2 days in spring 1"). */
export const HALF_TERM_LABELS: Record<HalfTermId, string> = {
	autumn_1: 'autumn 1',
	autumn_2: 'autumn 2',
	spring_1: 'spring 1',
	spring_2: 'spring 2',
	summer_1: 'summer 1',
	summer_2: 'summer 2'
};

export function isHalfTermId(value: unknown): value is HalfTermId {
	return typeof value === 'string' && (HALF_TERMS as readonly string[]).includes(value);
}

export function halfTermIndex(id: HalfTermId): number {
	return HALF_TERMS.indexOf(id);
}

export interface HalfTerm {
	id: HalfTermId;
	/** First day of teaching, inclusive. */
	start: IsoDate;
	/** Last day of teaching, inclusive. */
	end: IsoDate;
}

/**
 * One school year's term dates. `summerYear` names the year by its summer (2025 is 2024/25),
 * the same convention the KS2 data uses. `halfTerms` holds all six, in HALF_TERMS order.
 */
export interface AcademicCalendar {
	summerYear: number;
	halfTerms: HalfTerm[];
}

/** 1 September to 31 August: the span every term date must fall in. */
export function academicYearBounds(summerYear: number): { start: IsoDate; end: IsoDate } {
	return { start: `${summerYear - 1}-09-01`, end: `${summerYear}-08-31` };
}
