import { describe, expect, it } from 'vitest';
import type { HalfTermId } from '../calendar/half-terms';
import { DEFAULT_TEMPLATES } from './default-templates';
import { daysPerSchool, engagementId, occurrenceWindow, type EngagementTemplate } from './templates';

const template = (count: number, from: HalfTermId, to: HalfTermId): EngagementTemplate => ({
	...DEFAULT_TEMPLATES[0],
	count,
	window: { from, to }
});

describe('occurrenceWindow', () => {
	it.each<[number, HalfTermId, HalfTermId, number, HalfTermId, HalfTermId]>([
		// 3 over the year: one a term.
		[3, 'autumn_1', 'summer_2', 1, 'autumn_1', 'autumn_2'],
		[3, 'autumn_1', 'summer_2', 2, 'spring_1', 'spring_2'],
		[3, 'autumn_1', 'summer_2', 3, 'summer_1', 'summer_2'],
		// 6 over the year: one a half term.
		[6, 'autumn_1', 'summer_2', 1, 'autumn_1', 'autumn_1'],
		[6, 'autumn_1', 'summer_2', 4, 'spring_2', 'spring_2'],
		// A one-off keeps its whole window.
		[1, 'autumn_1', 'autumn_2', 1, 'autumn_1', 'autumn_2'],
		// Uneven shares overlap rather than leave a half term out.
		[2, 'autumn_1', 'spring_1', 1, 'autumn_1', 'autumn_2'],
		[2, 'autumn_1', 'spring_1', 2, 'autumn_2', 'spring_1'],
		// More occurrences than half terms: several share one.
		[4, 'spring_1', 'spring_2', 2, 'spring_1', 'spring_1'],
		[4, 'spring_1', 'spring_2', 3, 'spring_2', 'spring_2']
	])('%i over %s to %s: number %i is in %s to %s', (count, from, to, sequence, wantFrom, wantTo) => {
		expect(occurrenceWindow(template(count, from, to), sequence)).toEqual({ from: wantFrom, to: wantTo });
	});
});

describe('daysPerSchool', () => {
	it('multiplies count by days and gives 0 to a category with no templates', () => {
		const totals = daysPerSchool([{ ...template(3, 'autumn_1', 'summer_2'), category: 'focus', days: 0.5 }]);
		expect(totals).toEqual({ secure_plus: 0, secure: 0, light_touch: 0, focus: 1.5, intensive: 0 });
	});
});

describe('engagementId', () => {
	it('is built from school, template and occurrence', () => {
		expect(engagementId(100001, 'focus.review', 2)).toBe('100001/focus.review/2');
	});
});
