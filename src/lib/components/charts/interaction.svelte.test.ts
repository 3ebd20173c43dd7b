import { describe, expect, it } from 'vitest';
import { ChartInteraction, type Tip } from './interaction.svelte';

const TIP: Tip = { x: 10, y: 20, title: 'Secure', lines: ['40 schools'] };

function key(name: string): KeyboardEvent {
	return { key: name, preventDefault() {}, currentTarget: null } as unknown as KeyboardEvent;
}

describe('ChartInteraction', () => {
	it('makes the first mark the only tab stop until another is focused', () => {
		const chart = new ChartInteraction();
		expect([0, 1, 2].map((i) => chart.mark(i, 3, () => TIP).tabindex)).toEqual([0, -1, -1]);
		chart.mark(2, 3, () => TIP).onfocus();
		expect([0, 1, 2].map((i) => chart.mark(i, 3, () => TIP).tabindex)).toEqual([-1, -1, 0]);
	});

	it('keeps a tab stop when the marks shrink below the active one', () => {
		const chart = new ChartInteraction();
		chart.mark(4, 5, () => TIP).onfocus();
		expect([0, 1].map((i) => chart.mark(i, 2, () => TIP).tabindex)).toEqual([-1, 0]);
	});

	it('shows the tooltip on focus and hover, and hides it on blur, leave and Escape', () => {
		const chart = new ChartInteraction();
		const mark = chart.mark(0, 1, () => TIP);
		mark.onfocus();
		expect(chart.tip).toEqual(TIP);
		mark.onkeydown(key('Escape'));
		expect(chart.tip).toBeNull();
		mark.onmouseenter();
		expect(chart.tip).toEqual(TIP);
		mark.onmouseleave();
		expect(chart.tip).toBeNull();
		mark.onfocus();
		mark.onblur();
		expect(chart.tip).toBeNull();
	});

	it('marks every element for the arrow keys to find', () => {
		expect(new ChartInteraction().mark(0, 1, () => TIP)['data-mark']).toBe('');
	});
});
