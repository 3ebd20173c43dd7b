import { scaleBand, scaleLinear } from 'd3-scale';
import { CATEGORIES, CATEGORY_LABELS, compareCategories, type Category } from '../../domain/analysis/categories';
import { academicYearLabel } from '../../domain/ks2/types';
import { intervalText, pct, signedFixed } from './format';
import { linearTicks, paddedDomain, type Tick } from './scales';
import { jitter, scatterPlan, type AttainmentMeasure, type ScatterSchool } from './scatter';
import type { TableData, TableRow } from './DataTable.svelte';

/*
 * The attainment against progress scatter, laid out once on the server as positions, so the page
 * carries a few numbers a school rather than the schools themselves: the chart is drawn from this
 * with one path a category for the marks and one for the intervals, whatever the size of the LA.
 * Each school's figures, linked to its profile, are in the table on a page of their own (`scatterTable`).
 */

export const SCATTER_WIDTH = 640;

export interface ScatterLayer {
	category: Category;
	/**
	 * The category's marks in viewBox units, rounded to whole units (a chart about 640 units wide
	 * drawn at most 960 pixels across: within a pixel, and a third of the digits of a tenth).
	 * In a scatter, four numbers a school: x, y, and the y of its interval's two ends; in a strip, two: x, y.
	 */
	points: number[];
}

export interface ScatterDrawing {
	/** As `scatterPlan` says: a scatter, attainment alone a row a category (a strip), or nothing to plot. */
	mode: 'scatter' | 'strip' | 'empty';
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	xTicks: Tick[];
	yTicks: Tick[];
	xLabel: string;
	/** Where England's line is across, or null when there is none. */
	englandX: number | null;
	/** Where progress of 0 is, up the scatter (null on a strip). */
	zeroY: number | null;
	/** The strip's rows, a category each: where each sits (empty on a scatter). */
	rows: { category: Category; y: number }[];
	/** A layer a category with marks, in CATEGORIES order. */
	layers: ScatterLayer[];
	/** Schools drawn, and left out for want of figures (listed in the table only). */
	drawn: number;
	notDrawn: number;
}

const whole = (n: number) => Math.round(n);

/** Lays out the scatter for `schools`: the gap to England in points (the overview's), or each school's %. */
export function scatterDrawing(schools: readonly ScatterSchool[], options: { measure?: AttainmentMeasure; england?: number | null } = {}): ScatterDrawing {
	const measure = options.measure ?? 'gap';
	const plan = scatterPlan(schools);
	const strip = plan.mode === 'strip';
	const height = strip ? 330 : 460;
	const plot = { left: strip ? 170 : 70, right: SCATTER_WIDTH - 16, top: 24, bottom: height - 60 };
	const englandValue = measure === 'gap' ? 0 : (options.england ?? null);
	const placed = strip ? plan.attainmentOnly : plan.plotted;
	const xDomain = paddedDomain(
		placed.map((s) => s.attainment),
		{ include: englandValue === null ? [] : [englandValue], clamp: measure === 'percent' ? [0, 100] : undefined }
	);
	const yDomain = paddedDomain(
		plan.plotted.flatMap((s) => [s.progress.lower, s.progress.upper]),
		{ include: [0] }
	);
	const x = scaleLinear().domain(xDomain).range([plot.left, plot.right]);
	const y = scaleLinear().domain(yDomain).range([plot.bottom, plot.top]);
	const rowOf = scaleBand<string>().domain(CATEGORIES).range([plot.top, plot.bottom]).padding(0.15);
	const byCategory = new Map<Category, number[]>();
	const pointsOf = (c: Category) => byCategory.get(c) ?? (byCategory.set(c, []).get(c) as number[]);
	if (strip) {
		for (const s of plan.attainmentOnly) {
			pointsOf(s.category).push(whole(x(s.attainment)), whole((rowOf(s.category) ?? 0) + rowOf.bandwidth() * (0.5 + jitter(s.urn) * 0.7)));
		}
	} else {
		for (const s of plan.plotted) {
			pointsOf(s.category).push(whole(x(s.attainment)), whole(y(s.progress.score)), whole(y(s.progress.lower)), whole(y(s.progress.upper)));
		}
	}
	const drawn = plan.mode === 'empty' ? 0 : placed.length;
	return {
		mode: plan.mode,
		height,
		plot,
		xTicks: linearTicks(xDomain, [plot.left, plot.right], 8, { signed: measure === 'gap', suffix: measure === 'percent' ? '%' : '' }),
		yTicks: strip ? [] : linearTicks(yDomain, [plot.bottom, plot.top], 6, { signed: true }),
		xLabel: measure === 'gap' ? 'RWM expected: points above or below England' : 'RWM expected (% of pupils)',
		englandX: englandValue === null ? null : whole(x(englandValue)),
		zeroY: strip ? null : whole(y(0)),
		rows: strip ? CATEGORIES.map((category) => ({ category, y: whole((rowOf(category) ?? 0) + rowOf.bandwidth() / 2) })) : [],
		layers: CATEGORIES.filter((c) => byCategory.has(c)).map((category) => ({ category, points: byCategory.get(category)! })),
		drawn,
		notDrawn: schools.length - drawn
	};
}

/** Every school on the scatter, plotted or not, by category then name, each linked to its profile: the chart's data. */
export function scatterTable(
	schools: readonly ScatterSchool[],
	options: { title: string; year: number; measure?: AttainmentMeasure; schoolHref?: (urn: number) => string }
): TableData {
	const measure = options.measure ?? 'gap';
	const href = options.schoolHref ?? ((urn: number) => `/schools/${urn}`);
	const rows = [...schools]
		.sort((a, b) => compareCategories(a.category, b.category) || a.name.localeCompare(b.name))
		.map((s): TableRow => ({
			key: s.urn,
			cells: [
				{ text: s.name, href: href(s.urn) },
				CATEGORY_LABELS[s.category],
				s.attainment === null ? 'Not published' : measure === 'gap' ? signedFixed(s.attainment) : pct(s.attainment),
				s.progress ? signedFixed(s.progress.score) : 'Not published',
				s.progress ? intervalText(s.progress.lower, s.progress.upper) : ''
			]
		}));
	return {
		caption: `${options.title}, ${academicYearLabel(options.year)}`,
		columns: [
			{ label: 'School' },
			{ label: 'Category' },
			{ label: measure === 'gap' ? 'RWM expected: points above or below England' : 'RWM expected %', numeric: true },
			{ label: 'Average progress score', numeric: true },
			{ label: '95% confidence interval', numeric: true }
		],
		rows
	};
}
