import { linkHorizontal } from 'd3-shape';
import { CATEGORIES, categoryRank, type Category } from '../../domain/analysis/categories';

/*
 * The category flow: how many schools went from each category last year to each category this
 * year. Laid out as two columns of stacked nodes (last year left, this year right) joined by links
 * as wide as the number of schools, like a Sankey diagram but with a fixed order, so the same
 * category is always at the same height and "moved up" always slopes down the page.
 */

/** One from/to pair. Pairs may repeat; their counts add up. */
export interface FlowCount {
	from: Category;
	to: Category;
	count: number;
}

export type FlowMatrix = Record<Category, Record<Category, number>>;

/** The 5×5 from/to matrix: rows are last year's category, columns this year's. */
export function flowMatrix(flows: readonly FlowCount[]): FlowMatrix {
	const matrix = Object.fromEntries(CATEGORIES.map((from) => [from, Object.fromEntries(CATEGORIES.map((to) => [to, 0]))])) as FlowMatrix;
	for (const f of flows) if (f.count > 0) matrix[f.from][f.to] += f.count;
	return matrix;
}

export interface FlowSummary {
	total: number;
	stayed: number;
	/** Moved to a category with more support (Secure to Focus, say). */
	moreSupport: number;
	lessSupport: number;
}

export function flowSummary(flows: readonly FlowCount[]): FlowSummary {
	const summary: FlowSummary = { total: 0, stayed: 0, moreSupport: 0, lessSupport: 0 };
	for (const f of flows) {
		if (f.count <= 0) continue;
		summary.total += f.count;
		const step = categoryRank(f.to) - categoryRank(f.from);
		if (step === 0) summary.stayed += f.count;
		else if (step > 0) summary.moreSupport += f.count;
		else summary.lessSupport += f.count;
	}
	return summary;
}

export interface FlowNode {
	category: Category;
	side: 'from' | 'to';
	count: number;
	y0: number;
	y1: number;
}

export interface FlowLink {
	from: Category;
	to: Category;
	count: number;
	/** Stroke width: the link's share of the node heights. */
	width: number;
	/** Centre of the link where it leaves its `from` node and where it reaches its `to` node. */
	sourceY: number;
	targetY: number;
	/** SVG path data: a horizontal curve from the left column's right edge to the right column's left edge. */
	path: string;
}

export interface FlowLayoutOptions {
	top: number;
	bottom: number;
	/** The right edge of the left column and the left edge of the right column. */
	sourceX: number;
	targetX: number;
	/** Space between nodes in a column. Empty categories keep their place, as a node of no height. */
	nodeGap: number;
}

export interface FlowLayout {
	from: FlowNode[];
	to: FlowNode[];
	/** Widest first, so narrow links are drawn on top and stay visible. */
	links: FlowLink[];
	total: number;
}

const curve = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

/**
 * Positions for the flow chart. Both columns hold the same schools, so they share one scale and
 * are the same height. Links leave each node in the order of their target category and reach each
 * node in the order of their source category, which keeps crossings to the ones the data needs.
 */
export function flowLayout(flows: readonly FlowCount[], o: FlowLayoutOptions): FlowLayout {
	const matrix = flowMatrix(flows);
	const fromTotals = CATEGORIES.map((from) => CATEGORIES.reduce((sum, to) => sum + matrix[from][to], 0));
	const toTotals = CATEGORIES.map((to) => CATEGORIES.reduce((sum, from) => sum + matrix[from][to], 0));
	const total = fromTotals.reduce((a, b) => a + b, 0);
	const available = o.bottom - o.top - o.nodeGap * (CATEGORIES.length - 1);
	const k = total > 0 ? Math.max(available, 0) / total : 0;

	const column = (side: 'from' | 'to', totals: number[]): FlowNode[] => {
		let y = o.top;
		return CATEGORIES.map((category, i) => {
			const node = { category, side, count: totals[i], y0: y, y1: y + totals[i] * k };
			y = node.y1 + o.nodeGap;
			return node;
		});
	};
	const from = column('from', fromTotals);
	const to = column('to', toTotals);

	// Running offsets down each node as links are stacked into it.
	const leaving = from.map((n) => n.y0);
	const arriving = to.map((n) => n.y0);
	const links: FlowLink[] = [];
	CATEGORIES.forEach((fromCategory, i) => {
		CATEGORIES.forEach((toCategory, j) => {
			const count = matrix[fromCategory][toCategory];
			if (count === 0) return;
			const width = count * k;
			const sourceY = leaving[i] + width / 2;
			const targetY = arriving[j] + width / 2;
			leaving[i] += width;
			arriving[j] += width;
			const path = curve({ source: [o.sourceX, sourceY], target: [o.targetX, targetY] }) ?? '';
			links.push({ from: fromCategory, to: toCategory, count, width, sourceY, targetY, path });
		});
	});
	links.sort((a, b) => b.width - a.width);
	return { from, to, links, total };
}
