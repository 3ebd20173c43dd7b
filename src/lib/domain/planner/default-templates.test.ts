import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../analysis/categories';
import { DEFAULT_TEMPLATES } from './default-templates';
import { daysPerSchool } from './templates';
import { validateTemplates } from './validate-templates';

const byId = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, t]));

describe('DEFAULT_TEMPLATES', () => {
	it('pass validation', () => {
		expect(validateTemplates(DEFAULT_TEMPLATES)).toEqual([]);
	});

	it.each([
		['secure_plus', 0.25],
		['secure', 0.75],
		['light_touch', 1.0],
		['focus', 5.75],
		['intensive', 10.0]
	] as const)('add up to the default %s total of %d adviser days a school', (category, days) => {
		expect(daysPerSchool(DEFAULT_TEMPLATES)[category]).toBe(days);
	});

	it.each([
		// Costs (docs/scheduling.md): desktop analysis and telephone 0.25, visit 0.5 (initial visit at Focus and above 1.0), review 1.0, Project Board 0.5.
		['secure_plus.desktop_analysis', 1, 0.25, 'remote'],
		['secure_plus.se_summary_invitation', 1, 0, 'remote'],
		['secure.desktop_analysis', 1, 0.25, 'remote'],
		['secure.se_summary_call', 1, 0.25, 'remote'],
		['secure.progress_call', 1, 0.25, 'remote'],
		['light_touch.desktop_analysis', 1, 0.25, 'remote'],
		['light_touch.initial_visit', 1, 0.5, 'on_site'],
		['light_touch.follow_up', 1, 0.25, 'remote'],
		['focus.desktop_analysis', 1, 0.25, 'remote'],
		['focus.initial_visit', 1, 1.0, 'on_site'],
		['focus.review', 3, 1.0, 'on_site'],
		['focus.project_board', 3, 0.5, 'on_site'],
		['intensive.initial_visit', 1, 1.0, 'on_site'],
		['intensive.review', 6, 1.0, 'on_site'],
		['intensive.project_board', 6, 0.5, 'on_site']
	])('%s: %i a year, %d days each, %s', (id, count, days, mode) => {
		const template = byId.get(id);
		expect(template).toMatchObject({ count, days, mode });
	});

	it.each([
		['secure_plus.desktop_analysis', 'autumn_1', 'autumn_1'],
		['secure.se_summary_call', 'autumn_2', 'autumn_2'],
		['secure.progress_call', 'spring_2', 'spring_2'],
		['light_touch.initial_visit', 'autumn_1', 'autumn_2'],
		['light_touch.follow_up', 'autumn_2', 'autumn_2'],
		['focus.initial_visit', 'autumn_1', 'autumn_1'],
		['focus.review', 'autumn_1', 'summer_2'],
		['intensive.initial_visit', 'autumn_1', 'autumn_1']
	])('%s falls in %s to %s', (id, from, to) => {
		expect(byId.get(id)?.window).toEqual({ from, to });
	});

	it('give the Intensive initial visit the first 3 weeks of autumn and keep reviews 4 weeks apart', () => {
		expect(byId.get('intensive.initial_visit')?.withinWeeks).toBe(3);
		expect(DEFAULT_TEMPLATES.filter((t) => t.activity === 'review').map((t) => t.minWeeksApart)).toEqual([4, 4]);
	});

	it.each(CATEGORIES)('%s: every template carries its own category and an id that names it', (category) => {
		const own = DEFAULT_TEMPLATES.filter((t) => t.id.startsWith(`${category}.`));
		expect(own.length).toBeGreaterThan(0);
		expect(own.every((t) => t.category === category)).toBe(true);
	});

	it('put the initial visit before reviews, and a review before each Project Board', () => {
		for (const category of ['focus', 'intensive']) {
			expect(byId.get(`${category}.review`)?.after).toContain(`${category}.initial_visit`);
			expect(byId.get(`${category}.project_board`)?.after).toEqual([`${category}.initial_visit`, `${category}.review`]);
		}
	});
});
