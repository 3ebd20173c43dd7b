import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../domain/analysis/categories';
import { flowLayout, flowMatrix, flowSummary, type FlowCount } from './flow';

const FLOWS: FlowCount[] = [
	{ from: 'secure', to: 'secure', count: 6 },
	{ from: 'secure', to: 'focus', count: 2 },
	{ from: 'focus', to: 'secure', count: 1 },
	{ from: 'intensive', to: 'focus', count: 1 }
];

const OPTIONS = { top: 0, bottom: 140, sourceX: 100, targetX: 300, nodeGap: 10 };

describe('flowMatrix', () => {
	it('fills every from/to pair, zero where no school moved', () => {
		const m = flowMatrix(FLOWS);
		expect(Object.keys(m)).toEqual([...CATEGORIES]);
		expect(Object.keys(m.secure)).toEqual([...CATEGORIES]);
		expect(m.secure.secure).toBe(6);
		expect(m.secure.focus).toBe(2);
		expect(m.secure_plus.intensive).toBe(0);
	});

	it('adds repeated pairs and ignores counts of zero or less', () => {
		const m = flowMatrix([
			{ from: 'focus', to: 'focus', count: 2 },
			{ from: 'focus', to: 'focus', count: 3 },
			{ from: 'secure', to: 'focus', count: -4 },
			{ from: 'secure', to: 'focus', count: 0 }
		]);
		expect(m.focus.focus).toBe(5);
		expect(m.secure.focus).toBe(0);
	});
});

describe('flowSummary', () => {
	it.each<[string, FlowCount[], ReturnType<typeof flowSummary>]>([
		['counts stayed, more and less support', FLOWS, { total: 10, stayed: 6, moreSupport: 2, lessSupport: 2 }],
		['is all zero for no flows', [], { total: 0, stayed: 0, moreSupport: 0, lessSupport: 0 }],
		[
			'counts a jump of several categories once per school',
			[{ from: 'secure_plus', to: 'intensive', count: 3 }],
			{ total: 3, stayed: 0, moreSupport: 3, lessSupport: 0 }
		]
	])('%s', (_, flows, summary) => {
		expect(flowSummary(flows)).toEqual(summary);
	});
});

describe('flowLayout', () => {
	const layout = flowLayout(FLOWS, OPTIONS);

	it('stacks five nodes a column in category order, sized by count on one shared scale', () => {
		// 140 high, 4 gaps of 10: 100 units for 10 schools, so 10 units a school.
		expect(layout.total).toBe(10);
		expect(layout.from.map((n) => [n.category, n.count, n.y0, n.y1])).toEqual([
			['secure_plus', 0, 0, 0],
			['secure', 8, 10, 90],
			['light_touch', 0, 100, 100],
			['focus', 1, 110, 120],
			['intensive', 1, 130, 140]
		]);
		expect(layout.to.map((n) => [n.category, n.count, n.y0, n.y1])).toEqual([
			['secure_plus', 0, 0, 0],
			['secure', 7, 10, 80],
			['light_touch', 0, 90, 90],
			['focus', 3, 100, 130],
			['intensive', 0, 140, 140]
		]);
	});

	it('stacks links inside each node in category order and draws the widest first', () => {
		expect(layout.links.map((l) => [l.from, l.to, l.count, l.width, l.sourceY, l.targetY])).toEqual([
			['secure', 'secure', 6, 60, 40, 40],
			['secure', 'focus', 2, 20, 80, 110],
			// Focus's one school lands in Secure below Secure's own six.
			['focus', 'secure', 1, 10, 115, 75],
			// Intensive's one school lands in Focus below Secure's two.
			['intensive', 'focus', 1, 10, 135, 125]
		]);
	});

	it('draws each link from the left column to the right one', () => {
		const link = layout.links[1];
		expect(link.path.startsWith('M100,80C')).toBe(true);
		expect(link.path.endsWith('300,110')).toBe(true);
	});

	it('lays out no links and flat nodes when there are no schools', () => {
		const empty = flowLayout([], OPTIONS);
		expect(empty.links).toEqual([]);
		expect(empty.total).toBe(0);
		expect(empty.from.every((n) => n.y0 === n.y1)).toBe(true);
	});
});
