import { scaleLinear } from 'd3-scale';
import { tickStep } from 'd3-array';
import { tickFormatter, type TickFormatOptions } from './format';

export type Domain = [number, number];

export interface DomainOptions {
	/** Values the domain must contain even with no data there: 0 for progress, England's figure. */
	include?: readonly number[];
	/** Room either side of the data, as a share of its span, so marks at the edge are not clipped. */
	padding?: number;
	/** Bounds the domain never passes, e.g. [0, 100] for a percentage. */
	clamp?: Domain;
	/** Used when there are no values at all. */
	fallback?: Domain;
}

/**
 * The domain for a linear axis: the data and `include`, padded, clamped and rounded out to nice
 * tick values. A single value still gets a span, so the scale never divides by zero.
 */
export function paddedDomain(values: readonly (number | null)[], options: DomainOptions = {}): Domain {
	const all = [...values, ...(options.include ?? [])].filter((v): v is number => v !== null && Number.isFinite(v));
	if (all.length === 0) return options.fallback ?? [0, 1];
	let lo = Math.min(...all);
	let hi = Math.max(...all);
	const span = hi - lo;
	const pad = span === 0 ? Math.max(Math.abs(lo) * 0.1, 1) : span * (options.padding ?? 0.05);
	lo -= pad;
	hi += pad;
	if (options.clamp) {
		lo = Math.max(lo, options.clamp[0]);
		hi = Math.min(hi, options.clamp[1]);
	}
	const nice = scaleLinear().domain([lo, hi]).nice().domain() as Domain;
	// nice() may round past a clamp (0 to 100 is the usual case, and is itself nice).
	if (options.clamp) return [Math.max(nice[0], options.clamp[0]), Math.min(nice[1], options.clamp[1])];
	return nice;
}

/**
 * A domain centred on 0 that holds every value, for scores read against 0 (progress): the 0 line
 * then sits in the middle, and above and below get the same room. At least ±`minimum`.
 */
export function symmetricDomain(values: readonly (number | null)[], minimum = 1): Domain {
	const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
	const reach = Math.max(minimum, ...finite.map(Math.abs)) * 1.05;
	const [, hi] = scaleLinear().domain([-reach, reach]).nice().domain();
	return [-hi, hi];
}

export interface Tick {
	value: number;
	/** Where the tick sits in the range (SVG units). */
	position: number;
	label: string;
}

export interface TickOptions extends TickFormatOptions {
	/** Whole numbers only, for counts: a domain of 0 to 3 gets 0, 1, 2, 3 and never 0.5. */
	integers?: boolean;
}

/**
 * About `count` ticks for a linear axis, each with its position and a label. Drawn by the chart
 * itself rather than d3-axis, which needs a DOM selection and so cannot render on the server.
 */
export function linearTicks(domain: Domain, range: [number, number], count = 5, options: TickOptions = {}): Tick[] {
	const scale = scaleLinear().domain(domain).range(range);
	let step = Math.abs(tickStep(domain[0], domain[1], count));
	if (options.integers && step < 1) {
		step = 1;
		count = Math.max(Math.floor(Math.abs(domain[1] - domain[0])), 1);
	}
	const label = tickFormatter(step, options);
	const values = scale.ticks(count).filter((v) => !options.integers || Number.isInteger(v));
	return values.map((value) => ({ value, position: scale(value), label: label(value) }));
}

/**
 * A coordinate rounded to a tenth of a unit for SVG markup. Charts are drawn in a viewBox about
 * 640 units wide, so a tenth is far finer than a pixel, and a chart with a mark for every school
 * is half the size it would be with 15 decimal places.
 */
export function svgNumber(value: number): number {
	return Math.round(value * 10) / 10;
}

/** Path data for an upright confidence interval at `x` from `y1` to `y2`, with caps `cap` units wide. */
export function whiskerPath(x: number, y1: number, y2: number, cap = 6): string {
	const [cx, a, b, half] = [svgNumber(x), svgNumber(y1), svgNumber(y2), cap / 2];
	return `M${svgNumber(cx - half)},${a}h${cap}m-${half},0V${b}m-${half},0h${cap}`;
}
