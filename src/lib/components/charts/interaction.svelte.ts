import { arrowTarget } from './keyboard';

/** A tooltip: where it points (in the chart's viewBox units) and what it says. */
export interface Tip {
	x: number;
	y: number;
	title: string;
	lines: string[];
}

/**
 * The state one chart needs once hydrated: which mark is the tab stop, and which tooltip shows.
 * On the server the first mark is the tab stop and no tooltip shows, so the markup is the same
 * with or without JavaScript.
 */
export class ChartInteraction {
	active = $state(0);
	tip = $state<Tip | null>(null);

	/**
	 * Attributes and handlers for mark `index` of `count`, spread onto its element. The marks are
	 * data points, not controls, but they take focus on purpose: so a keyboard user can get each
	 * point's tooltip, as a mouse user does by hovering. Only the active mark is in the tab order;
	 * arrow keys, Home and End move between marks, Escape hides the tooltip.
	 */
	mark(index: number, count: number, tip: () => Tip) {
		// If the chart's data shrank under the active mark, the last mark takes the tab stop.
		const active = Math.min(this.active, count - 1);
		return {
			'data-mark': '',
			tabindex: index === active ? 0 : -1,
			onfocus: () => {
				this.active = index;
				this.tip = tip();
			},
			onblur: () => (this.tip = null),
			onmouseenter: () => (this.tip = tip()),
			onmouseleave: () => (this.tip = null),
			onkeydown: (event: KeyboardEvent) => {
				if (event.key === 'Escape') {
					this.tip = null;
					return;
				}
				const next = arrowTarget(event.key, index, count);
				if (next === null) return;
				event.preventDefault();
				const marks = (event.currentTarget as Element).closest('svg')?.querySelectorAll<SVGElement>('[data-mark]');
				marks?.[next]?.focus();
			}
		};
	}
}
