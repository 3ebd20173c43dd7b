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

/**
 * A marker as a function of where it goes: path data for `shape` centred on x, y, as one subpath
 * that can be joined to others. Every mark of a shape then fits in one <path>, however many
 * schools there are: only the opening move is different, the rest is relative and worked out once.
 */
export function placedSymbol(shape: MarkShape, diameter: number): (x: number, y: number) => string {
	const tokens = [...symbolPath(shape, diameter).matchAll(/([MLAHVZhvz])([^MLAHVZhvz]*)/g)];
	let [startX, startY, curX, curY] = [0, 0, 0, 0];
	let tail = '';
	const r1 = (n: number) => Math.round(n * 10) / 10;
	for (const [, command, args] of tokens) {
		const n = args.split(/[ ,]+/).filter(Boolean).map(Number);
		if (command === 'M') [startX, startY, curX, curY] = [n[0], n[1], n[0], n[1]];
		else if (command === 'L') {
			tail += `l${r1(n[0] - curX)},${r1(n[1] - curY)}`;
			[curX, curY] = [n[0], n[1]];
		} else if (command === 'A') {
			tail += `a${n.slice(0, 5).join(',')},${r1(n[5] - curX)},${r1(n[6] - curY)}`;
			[curX, curY] = [n[5], n[6]];
		} else if (command === 'h') {
			tail += `h${n[0]}`;
			curX += n[0];
		} else if (command === 'v') {
			tail += `v${n[0]}`;
			curY += n[0];
		} else if (command === 'Z' || command === 'z') {
			tail += 'z';
			[curX, curY] = [startX, startY];
		} else throw new Error(`symbolPath gave a ${command} command, which placedSymbol does not place`);
	}
	return (x, y) => `M${r1(x + startX)},${r1(y + startY)}${tail}`;
}
