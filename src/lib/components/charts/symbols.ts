import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3-shape';

/** The marker shapes that tell categories and series apart without colour. */
export const MARK_SHAPES = ['circle', 'square', 'diamond', 'triangle', 'cross'] as const;
export type MarkShape = (typeof MARK_SHAPES)[number];

const SYMBOL_TYPES: Record<MarkShape, SymbolType> = {
	circle: symbolCircle,
	square: symbolSquare,
	diamond: symbolDiamond,
	triangle: symbolTriangle,
	cross: symbolCross
};

// d3 sizes symbols by area, but a triangle or a cross of equal area looks smaller than a square, so
// those are drawn a little larger to read as the same weight.
const AREA_SCALE: Record<MarkShape, number> = { circle: 1, square: 0.9, diamond: 0.9, triangle: 1.25, cross: 1.15 };

/**
 * SVG path data for a marker centred on 0,0, about `diameter` units across, to a tenth of a unit.
 * Drawn as a path (not a <circle> or <rect>) so that every shape is positioned the same way.
 */
export function symbolPath(shape: MarkShape, diameter: number): string {
	const area = (Math.PI * diameter * diameter) / 4;
	return symbol(SYMBOL_TYPES[shape], area * AREA_SCALE[shape]).digits(1)() ?? '';
}
