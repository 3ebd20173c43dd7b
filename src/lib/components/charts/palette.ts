import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../domain/analysis/categories';
import type { MarkShape } from './symbols';

/*
 * The chart palette, from the GOV.UK Design System colours, darkened where a Design System colour is
 * too light for a mark on white (its yellow and orange). palette.test.ts checks every colour here
 * against WCAG, so a new colour that fails cannot slip in.
 *
 * Category is never told by colour alone: each has a shape too, and every chart labels or
 * legends it in words.
 */

export interface CategoryStyle {
	category: Category;
	label: string;
	colour: string;
	shape: MarkShape;
}

const CATEGORY_COLOURS: Record<Category, string> = {
	secure_plus: '#00703c', // GOV.UK green
	secure: '#1d70b8', // GOV.UK blue
	light_touch: '#806f00', // a mustard: GOV.UK yellow (#ffdd00) is 1.4:1 on white
	focus: '#b35100', // a burnt orange: GOV.UK orange (#f47738) is 2.8:1 on white
	intensive: '#942514' // GOV.UK's dark red
};

// Fewer corners for less support: circle, square, diamond, triangle, then a cross for the most.
const CATEGORY_SHAPES: Record<Category, MarkShape> = {
	secure_plus: 'circle',
	secure: 'square',
	light_touch: 'diamond',
	focus: 'triangle',
	intensive: 'cross'
};

export const CATEGORY_STYLES: Record<Category, CategoryStyle> = Object.fromEntries(
	CATEGORIES.map((c) => [c, { category: c, label: CATEGORY_LABELS[c], colour: CATEGORY_COLOURS[c], shape: CATEGORY_SHAPES[c] }])
) as Record<Category, CategoryStyle>;

/** In category order, for legends. */
export const CATEGORY_STYLE_LIST: readonly CategoryStyle[] = CATEGORIES.map((c) => CATEGORY_STYLES[c]);

/** Neutral colours: text, secondary text, axes, reference lines. */
export const INK = {
	text: '#0b0c0c',
	secondaryText: '#505a5f',
	axis: '#505a5f',
	/** Gridlines are decoration (the values are in labels and the table), so they may be faint. */
	grid: '#dddddd',
	/** England and LA reference lines. */
	reference: '#0b0c0c',
	/** The shading behind years with no published data: a background, not a mark. */
	noData: '#f3f2f1'
} as const;

/** Line series on the trend chart: told apart by colour, dash and marker shape together. */
export type TrendKind = 'school' | 'la' | 'england';

export interface SeriesStyle {
	colour: string;
	/** SVG stroke-dasharray; null for a solid line. */
	dash: string | null;
	width: number;
	shape: MarkShape;
}

export const SERIES_STYLES: Record<TrendKind, SeriesStyle> = {
	school: { colour: '#1d70b8', dash: null, width: 3, shape: 'circle' },
	la: { colour: '#4c2c92', dash: '8 5', width: 2.5, shape: 'square' },
	england: { colour: '#0b0c0c', dash: '2 4', width: 2.5, shape: 'triangle' }
};

/** Progress significance, for the forest plot: always shown with its wording beside it. */
export const SIGNIFICANCE_COLOURS = {
	above: '#00703c',
	average: '#505a5f',
	below: '#942514'
} as const;

/** The workload chart: planned days within capacity, and the days over it (also hatched). */
export const WORKLOAD_COLOURS = {
	withinCapacity: '#1d70b8',
	overCapacity: '#942514',
	capacityMarker: '#0b0c0c'
} as const;

/**
 * The category flow draws links translucent so crossings stay readable. At this opacity the lightest
 * category colour still blends to 3:1 on white (tested).
 */
export const FLOW_LINK_OPACITY = 0.8;
