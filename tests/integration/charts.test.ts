import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { Component } from 'svelte';
import AttainmentProgressScatter from '../../src/lib/components/charts/AttainmentProgressScatter.svelte';
import CategoryCounts from '../../src/lib/components/charts/CategoryCounts.svelte';
import CategoryFlow from '../../src/lib/components/charts/CategoryFlow.svelte';
import ForestPlot from '../../src/lib/components/charts/ForestPlot.svelte';
import TrendLine from '../../src/lib/components/charts/TrendLine.svelte';
import WorkloadChart from '../../src/lib/components/charts/WorkloadChart.svelte';
import type { ScatterSchool } from '../../src/lib/components/charts/scatter';
import { scatterDrawing, scatterTable } from '../../src/lib/components/charts/scatter-drawing';
import type { ProgressScore } from '../../src/lib/components/charts/progress';

/*
 * Each chart rendered on the server, as a browser with JavaScript off would get it: the SVG, the
 * accessible name, and the "Show data" table must all be in the HTML.
 */

function html<Props extends Record<string, unknown>>(component: Component<Props>, props: Props): string {
	return render(component, { props }).body;
}

/** The parts every chart must have without JavaScript; `svgHeight` when it should draw a plot. */
function expectAccessibleChart(body: string, title: string, svgHeight?: number) {
	if (svgHeight !== undefined) expect(body).toContain(`<svg viewBox="0 0 640 ${svgHeight}"`);
	expect(body).toMatch(new RegExp(`<figure class="app-chart[^"]*"[^>]*>\\s*<figcaption[^>]*>${title}</figcaption>`));
	expect(body).toMatch(/<details class="govuk-details[^"]*"[^>]*>\s*<summary class="govuk-details__summary/);
	expect(body).toContain('Show data');
	expect(body).toMatch(/<table class="govuk-table/);
	expect(body).toMatch(/<caption[^>]*>[^<]+<\/caption>/);
}

/** The marks (data points, bars, links) in the SVG: exactly one is the tab stop until hydrated. */
function marks(body: string): string[] {
	return [...body.matchAll(/<(?:g|a|path)\b[^>]*\bdata-mark=""[^>]*>/g)].map((m) => m[0]);
}

function expectMarks(body: string, count: number) {
	const found = marks(body);
	expect(found).toHaveLength(count);
	expect(found.filter((m) => /tabindex="0"/.test(m))).toHaveLength(1);
	expect(found.filter((m) => /tabindex="-1"/.test(m))).toHaveLength(count - 1);
	for (const m of found) expect(m).toMatch(/aria-label="[^"]{10,}"/);
}

/** The text of a table's body cells, row by row. */
function tableRows(body: string): string[][] {
	const tbody = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
	return [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
		[...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
			cell[1]
				.replace(/<[^>]+>/g, '')
				.replace(/<!--[\s\S]*?-->/g, '')
				.trim()
		)
	);
}

describe('CategoryCounts', () => {
	const body = html(CategoryCounts, {
		current: { label: '2018/19', counts: { secure_plus: 18, secure: 47, light_touch: 29, focus: 12, intensive: 5 } },
		previous: { label: '2017/18', counts: { secure_plus: 15, secure: 50, light_touch: 24, focus: 14, intensive: 7 } }
	});

	it('renders an SVG with a caption and a data table', () => {
		expectAccessibleChart(body, 'Schools in each support category', 296);
	});

	it('makes a focusable, labelled bar pair for each category', () => {
		expectMarks(body, 5);
		expect(body).toContain('aria-label="Secure: 47 schools in 2018/19; 50 in 2017/18 (3 fewer)"');
	});

	it('tables this year, last year and the change', () => {
		expect(tableRows(body)).toEqual([
			['Secure Plus', '18', '15', '+3'],
			['Secure', '47', '50', '-3'],
			['Light touch support', '29', '24', '+5'],
			['Focus support', '12', '14', '-2'],
			['Intensive support', '5', '7', '-2']
		]);
	});
});

describe('CategoryFlow', () => {
	const flows = [
		{ from: 'secure', to: 'secure', count: 30 },
		{ from: 'secure', to: 'focus', count: 2 },
		{ from: 'focus', to: 'light_touch', count: 3 }
	] as const;
	const body = html(CategoryFlow, { flows: [...flows], fromLabel: '2017/18', toLabel: '2018/19' });

	it('renders an SVG with a caption, a summary and a data table', () => {
		expectAccessibleChart(body, 'How schools moved between support categories', 400);
		expect(body).toContain('Of 35 schools with a category in both years, 30 stayed in the same category, 2 moved to more support and 3 to less support.');
	});

	it('draws one focusable, labelled link for each from/to pair', () => {
		expectMarks(body, 3);
		expect(body).toContain('aria-label="Secure in 2017/18 to Focus support in 2018/19: 2 schools, moved to more support"');
	});

	it('tables the whole 5 by 5 matrix with totals', () => {
		expect(tableRows(body)).toEqual([
			['Secure Plus', '0', '0', '0', '0', '0', '0'],
			['Secure', '0', '30', '0', '2', '0', '32'],
			['Light touch support', '0', '0', '0', '0', '0', '0'],
			['Focus support', '0', '0', '3', '0', '0', '3'],
			['Intensive support', '0', '0', '0', '0', '0', '0'],
			['Total in 2018/19', '0', '30', '3', '2', '0', '35']
		]);
	});

	it('says so, rather than drawing an empty chart, when no school has both years', () => {
		const empty = html(CategoryFlow, { flows: [], fromLabel: '2017/18', toLabel: '2018/19' });
		expect(empty).not.toContain('<svg');
		expect(empty).toContain('No school has a support category in both 2017/18 and 2018/19 yet.');
		expectAccessibleChart(empty, 'How schools moved between support categories');
	});
});

describe('AttainmentProgressScatter', () => {
	const school = (urn: number, name: string, category: ScatterSchool['category'], attainment: number | null, progress: number | null): ScatterSchool => ({
		urn,
		name,
		category,
		attainment,
		progress: progress === null ? null : { score: progress, lower: progress - 2, upper: progress + 2 }
	});
	const schools = [
		school(100001, 'Oak Primary', 'secure', 4, 1.5),
		school(100002, 'Ash Junior', 'focus', -18, -3),
		school(100003, 'Elm Academy', 'secure_plus', 15, 2.5),
		school(100004, 'Birch Infant', 'secure', null, null),
		school(100005, 'Yew Primary', 'secure', -2, 0.5)
	];
	const dataHref = '/overview/attainment-progress?year=2019';
	const scatter = (list: ScatterSchool[], year: number) => html(AttainmentProgressScatter, { drawing: scatterDrawing(list), year, dataHref });
	/** Each category's path of marks, and how many marks it draws (one move each). */
	const markPaths = (body: string) =>
		Object.fromEntries([...body.matchAll(/<path d="([^"]+)"[^>]*data-category="([a-z_]+)"/g)].map((m) => [m[2], (m[1].match(/M/g) ?? []).length]));

	it('draws one path of marks and one of intervals a category, with axes, England lines and a link to the data', () => {
		const body = scatter(schools, 2019);
		expect(body).toContain('<svg viewBox="0 0 640 460"');
		expect(body).toMatch(/<figure class="app-chart[^"]*"[^>]*>\s*<figcaption[^>]*>Attainment against progress<\/figcaption>/);
		expect(markPaths(body)).toEqual({ secure_plus: 1, secure: 2, focus: 1 });
		expect(body.match(/class="app-chart__ci"/g)).toHaveLength(3);
		expect(body).toContain('RWM expected: points above or below England');
		expect(body).toContain('Average progress score (0 = national)');
		expect(body).toContain('>England</text>');
		expect(body).toContain('1 school without the figures to plot is listed in the table only.');
		expect(body).toContain(`href="${dataHref}"`);
		expect(body).toContain('See every school’s figures as a table (5 schools)');
		// No table and no mark for each school in the page: those are on the data page.
		expect(body).not.toContain('<table');
		expect(body).not.toContain('Oak Primary');
	});

	it('stays the same kind of size for 700 schools: a few numbers a school, not a link and a label', () => {
		const many = Array.from({ length: 700 }, (_, i) =>
			school(200000 + i, `School ${i}`, (['secure_plus', 'secure', 'light_touch', 'focus', 'intensive'] as const)[i % 5], (i % 41) - 20, ((i % 13) - 6) / 2)
		);
		const body = scatter(many, 2019);
		expect(markPaths(body)).toEqual({ secure_plus: 140, secure: 140, light_touch: 140, focus: 140, intensive: 140 });
		expect(body.length).toBeLessThan(60_000);
	});

	it('tables every school on its data page, linked, with the ones it could not plot', () => {
		const table = scatterTable(schools, { title: 'Attainment against progress', year: 2019 });
		expect(table.caption).toBe('Attainment against progress, 2018/19');
		expect(table.rows.map((r) => r.cells.map((c) => (typeof c === 'string' ? c : c.text)))).toEqual([
			['Elm Academy', 'Secure Plus', '+15.0', '+2.5', '+0.5 to +4.5'],
			['Birch Infant', 'Secure', 'Not published', 'Not published', ''],
			['Oak Primary', 'Secure', '+4.0', '+1.5', '-0.5 to +3.5'],
			['Yew Primary', 'Secure', '-2.0', '+0.5', '-1.5 to +2.5'],
			['Ash Junior', 'Focus support', '-18.0', '-3.0', '-5.0 to -1.0']
		]);
		expect(table.rows[0].cells[0]).toEqual({ text: 'Elm Academy', href: '/schools/100003' });
		expect(scatterTable(schools, { title: 'A', year: 2019, schoolHref: (urn) => `/la/202/schools/${urn}` }).rows[0].cells[0]).toEqual({
			text: 'Elm Academy',
			href: '/la/202/schools/100003'
		});
	});

	it('in a year with no progress scores, says why and shows attainment alone, a row a category', () => {
		const noProgress = schools.map((s) => ({ ...s, progress: null }));
		const body = scatter(noProgress, 2024);
		expect(body).toContain('There are no KS2 progress scores for 2023/24');
		expect(body).toContain('Schools are shown by attainment alone, a row for each category.');
		expect(body).not.toContain('Average progress score (0 = national)');
		expect(body).toContain('<svg viewBox="0 0 640 330"');
		expect(markPaths(body)).toEqual({ secure_plus: 1, secure: 2, focus: 1 });
		expect(body).not.toContain('class="app-chart__ci"');
	});

	it('with nothing to plot, says so instead of drawing axes', () => {
		const body = scatter([], 2021);
		expect(body).not.toContain('<svg');
		expect(body).toContain('No school has a published RWM expected figure for 2020/21.');
	});
});

describe('TrendLine', () => {
	const series = [
		{
			label: 'Oak Primary',
			kind: 'school' as const,
			points: [
				{ year: 2018, value: 61 },
				{ year: 2019, value: 58 },
				{ year: 2023, value: 52 },
				{ year: 2024, value: 57 }
			]
		},
		{
			label: 'England',
			kind: 'england' as const,
			points: [
				{ year: 2018, value: 64 },
				{ year: 2019, value: 65 },
				{ year: 2022, value: 59 },
				{ year: 2023, value: 60 },
				{ year: 2024, value: 61 }
			]
		}
	];
	const body = html(TrendLine, { series });

	it('renders an SVG with a caption and a data table', () => {
		expectAccessibleChart(body, 'Reading, writing and maths combined: expected standard', 340);
	});

	it('breaks each line at the years with no data, and shades the years nobody has', () => {
		const lines = [...body.matchAll(/<path d="(M[^"]+)" stroke="([^"]+)" stroke-width/g)];
		// School: 2018-19 and 2023-24. England: 2018-19 and 2022-24. Never one line across the gap.
		expect(lines).toHaveLength(4);
		for (const [, d] of lines) expect(d.match(/L/g)?.length ?? 0).toBeLessThanOrEqual(2);
		expect(body.match(/>No data<\/text>/g)).toHaveLength(1);
	});

	it('gives every point a focusable label', () => {
		expectMarks(body, 9);
		expect(body).toContain('aria-label="Oak Primary, 2022/23: 52%"');
	});

	it('tables every year, saying where there is no data', () => {
		expect(tableRows(body)).toEqual([
			['2017/18', '61%', '64%'],
			['2018/19', '58%', '65%'],
			['2019/20', 'no data', 'no data'],
			['2020/21', 'no data', 'no data'],
			['2021/22', 'no data', '59%'],
			['2022/23', '52%', '60%'],
			['2023/24', '57%', '61%']
		]);
	});
});

describe('ForestPlot', () => {
	const scores: ProgressScore[] = [
		{ subject: 'reading', status: 'below', score: -2.3, lower: -4.1, upper: -0.5 },
		{ subject: 'writing', status: 'average', score: 0.8, lower: -0.9, upper: 2.5 },
		{ subject: 'maths', status: 'well_above', score: 4.6, lower: 2.9, upper: 6.3 }
	];

	it('renders an SVG with scores, intervals, a 0 line and significance in words', () => {
		const body = html(ForestPlot, { year: 2019, scores });
		expectAccessibleChart(body, 'Progress scores', 254);
		expectMarks(body, 3);
		expect(body).toContain('aria-label="Reading: -2.3 (-4.1 to -0.5), Significantly below average"');
		expect(body).toContain('Average (0)');
		expect(tableRows(body)).toEqual([
			['Reading', '-2.3', '-4.1 to -0.5', 'Significantly below average'],
			['Writing', '+0.8', '-0.9 to +2.5', 'Not significantly different from average'],
			['Maths', '+4.6', '+2.9 to +6.3', 'Well above average']
		]);
	});

	it('shows a note, not an empty plot, for a year without progress scores', () => {
		const none = scores.map((s) => ({ ...s, status: 'not_published' as const, score: null, lower: null, upper: null }));
		const body = html(ForestPlot, { year: 2025, scores: none });
		expect(body).not.toContain('<svg');
		expect(body).toContain('There are no KS2 progress scores for 2024/25');
		expectAccessibleChart(body, 'Progress scores');
	});
});

describe('WorkloadChart', () => {
	const body = html(WorkloadChart, {
		advisers: [
			{
				adviser: 'Amira Khan',
				halfTerms: [
					{ label: 'Autumn 1', planned: 8.5, capacity: 6 },
					{ label: 'Autumn 2', planned: 5.25, capacity: 6 }
				]
			}
		]
	});

	it('renders an SVG with a caption, a summary and a data table', () => {
		expectAccessibleChart(body, 'Adviser workload by half term', 148);
		expect(body).toContain('1 half term is planned over capacity.');
	});

	it('makes over capacity obvious: a hatched bar and the words', () => {
		expectMarks(body, 2);
		expect(body).toMatch(/<pattern id="[^"]+-over"/);
		expect(body).toMatch(/fill="url\(#[^)]+-over\)"/);
		expect(body).toContain('over by 2.5 days');
		expect(body).toContain('aria-label="Amira Khan, Autumn 1: 8.5 of 6 days planned, over by 2.5 days"');
		expect(tableRows(body)).toEqual([
			['Amira Khan', 'Autumn 1', '8.5', '6', 'over by 2.5 days'],
			['Amira Khan', 'Autumn 2', '5.25', '6', '0.75 days spare']
		]);
	});
});
