import { capacityPhrase, dayNumber, formatDays } from './format';

/*
 * Adviser workload: the days planned in a half term against the days the adviser has. The bar is
 * split at capacity so the overflow can be drawn in its own colour and pattern, and labelled.
 */

export interface HalfTermLoad {
	/** "Autumn 1", "Spring 2"... */
	label: string;
	planned: number;
	capacity: number;
}

export interface AdviserLoad {
	adviser: string;
	halfTerms: HalfTermLoad[];
}

export interface LoadParts {
	/** Planned days up to capacity. */
	within: number;
	/** Planned days beyond capacity; 0 when within it. */
	over: number;
	/** Capacity left; 0 when at or over it. */
	spare: number;
	isOver: boolean;
	/** "over by 0.5 days", "at capacity", "1.5 days spare". */
	phrase: string;
	/** "6.5 of 6 days planned, over by 0.5 days": the whole story in words, for labels and tooltips. */
	text: string;
}

// Quarter days are the smallest unit planned, so anything closer than this is equal.
const EPSILON = 0.005;

export function loadParts(planned: number, capacity: number): LoadParts {
	const p = Math.max(planned, 0);
	const c = Math.max(capacity, 0);
	const isOver = p - c > EPSILON;
	const within = Math.min(p, c);
	return {
		within,
		over: isOver ? p - c : 0,
		spare: p < c - EPSILON ? c - p : 0,
		isOver,
		phrase: capacityPhrase(p, c),
		text: `${dayNumber(p)} of ${formatDays(c)} planned, ${capacityPhrase(p, c)}`
	};
}

/** The largest planned or capacity figure, to scale every bar in the chart alike. */
export function maxDays(advisers: readonly AdviserLoad[]): number {
	let max = 0;
	for (const a of advisers) for (const h of a.halfTerms) max = Math.max(max, h.planned, h.capacity);
	return max;
}

/** How many half terms are over capacity, for the chart's summary line. */
export function overCapacityCount(advisers: readonly AdviserLoad[]): number {
	return advisers.reduce((n, a) => n + a.halfTerms.filter((h) => loadParts(h.planned, h.capacity).isOver).length, 0);
}
