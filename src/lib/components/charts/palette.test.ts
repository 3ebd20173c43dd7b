import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../domain/analysis/categories';
import { blend, contrastRatio, GRAPHIC_CONTRAST, TEXT_CONTRAST } from './contrast';
import { CATEGORY_STYLE_LIST, CATEGORY_STYLES, FLOW_LINK_OPACITY, INK, SERIES_STYLES, SIGNIFICANCE_COLOURS, WORKLOAD_COLOURS } from './palette';

const WHITE = '#ffffff';

describe('chart palette', () => {
	it.each(CATEGORIES.map((c) => [c, CATEGORY_STYLES[c].colour]))('%s (%s) is a mark colour with 3:1 on white', (_, colour) => {
		expect(contrastRatio(colour, WHITE)).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
	});

	it.each(CATEGORIES.map((c) => [c, CATEGORY_STYLES[c].colour]))('%s flow links (%s, translucent) still have 3:1 on white', (_, colour) => {
		expect(contrastRatio(blend(colour, FLOW_LINK_OPACITY), WHITE)).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
	});

	it.each([
		['significance above', SIGNIFICANCE_COLOURS.above],
		['significance average', SIGNIFICANCE_COLOURS.average],
		['significance below', SIGNIFICANCE_COLOURS.below],
		['workload within capacity', WORKLOAD_COLOURS.withinCapacity],
		['workload over capacity', WORKLOAD_COLOURS.overCapacity],
		['capacity marker', WORKLOAD_COLOURS.capacityMarker],
		['school series', SERIES_STYLES.school.colour],
		['LA series', SERIES_STYLES.la.colour],
		['England series', SERIES_STYLES.england.colour],
		['axis', INK.axis],
		['reference line', INK.reference]
	])('%s (%s) has 3:1 on white', (_, colour) => {
		expect(contrastRatio(colour, WHITE)).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
	});

	it.each([
		['text', INK.text],
		['secondary text', INK.secondaryText]
	])('%s (%s) has 4.5:1 on white and on the no-data shading', (_, colour) => {
		expect(contrastRatio(colour, WHITE)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
		expect(contrastRatio(colour, INK.noData)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
	});

	it('gives every category its own shape, colour and label, in category order', () => {
		expect(CATEGORY_STYLE_LIST.map((s) => s.category)).toEqual([...CATEGORIES]);
		expect(new Set(CATEGORY_STYLE_LIST.map((s) => s.shape)).size).toBe(CATEGORIES.length);
		expect(new Set(CATEGORY_STYLE_LIST.map((s) => s.colour)).size).toBe(CATEGORIES.length);
		expect(CATEGORY_STYLE_LIST.map((s) => s.label)).toEqual(['Secure Plus', 'Secure', 'Light touch support', 'Focus support', 'Intensive support']);
	});

	it('gives each trend series its own colour, dash and shape', () => {
		const styles = Object.values(SERIES_STYLES);
		for (const pick of [(s: (typeof styles)[number]) => s.colour, (s: (typeof styles)[number]) => s.dash, (s: (typeof styles)[number]) => s.shape])
			expect(new Set(styles.map(pick)).size).toBe(styles.length);
	});
});
