import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates';
import type { EngagementTemplate } from './templates';
import { validateTemplates, type TemplateProblem } from './validate-templates';

/** The defaults with the Focus review (or another template) edited. */
function edit(change: Partial<EngagementTemplate>, id = 'focus.review'): EngagementTemplate[] {
	return DEFAULT_TEMPLATES.map((t) => (t.id === id ? { ...t, ...change } : t));
}
const review = '"SIA-led review" (Focus support)';

describe('validateTemplates', () => {
	it.each<[string, EngagementTemplate[], TemplateProblem[]]>([
		[
			'a count of 0',
			edit({ count: 0 }),
			[{ templateId: 'focus.review', field: 'count', message: `The number of times ${review} happens in a year must be a whole number from 1 to 20.` }]
		],
		[
			'a fractional count',
			edit({ count: 2.5 }),
			[{ templateId: 'focus.review', field: 'count', message: `The number of times ${review} happens in a year must be a whole number from 1 to 20.` }]
		],
		[
			'a window that ends before it starts',
			edit({ window: { from: 'spring_1', to: 'autumn_2' } }),
			[{ templateId: 'focus.review', field: 'window', message: `The window for ${review} ends in autumn 2, before it starts in spring 1.` }]
		],
		[
			'more than a day of adviser time',
			edit({ days: 1.5 }),
			[
				{
					templateId: 'focus.review',
					field: 'days',
					message: `The adviser time for ${review} must be 0, 0.25, 0.5, 0.75 or 1 day: each engagement happens on a single day, and no adviser works more than 1 day a day.`
				}
			]
		],
		[
			'a cost that is not in quarter days',
			edit({ days: 0.3 }),
			[
				{
					templateId: 'focus.review',
					field: 'days',
					message: `The adviser time for ${review} must be 0, 0.25, 0.5, 0.75 or 1 day: each engagement happens on a single day, and no adviser works more than 1 day a day.`
				}
			]
		],
		['an empty name', edit({ label: ' ' }), [{ templateId: 'focus.review', field: 'label', message: 'Give the engagement "focus.review" a name.' }]],
		[
			'a 2 MB name',
			edit({ label: 'x'.repeat(2_000_000) }),
			[{ templateId: 'focus.review', field: 'label', message: 'The name of the engagement "focus.review" must be 100 characters or fewer.' }]
		],
		[
			'a name on two lines',
			edit({ label: 'Review\r\nBEGIN:VEVENT' }),
			[{ templateId: 'focus.review', field: 'label', message: 'The name of the engagement "focus.review" must be on one line.' }]
		],
		[
			'a negative gap',
			edit({ minWeeksApart: -1 }),
			[
				{
					templateId: 'focus.review',
					field: 'minWeeksApart',
					message: `The gap between one ${review} and the next must be left empty or be a whole number of weeks from 0 to 26.`
				}
			]
		],
		[
			'a "first weeks" limit of 0',
			edit({ withinWeeks: 0 }),
			[
				{
					templateId: 'focus.review',
					field: 'withinWeeks',
					message: `"Within the first weeks" for ${review} must be left empty or be a whole number of weeks from 1 to 26.`
				}
			]
		],
		[
			'a link to another category',
			edit({ after: ['intensive.initial_visit'] }),
			[
				{
					templateId: 'focus.review',
					field: 'after',
					message: `${review} is set to come after "intensive.initial_visit", which is not an engagement of Focus support.`
				}
			]
		],
		['a link to itself', edit({ after: ['focus.review'] }), [{ templateId: 'focus.review', field: 'after', message: `${review} cannot come after itself.` }]],
		[
			'a circle of links',
			edit({ after: ['focus.project_board'] }),
			[
				{
					templateId: 'focus.project_board',
					field: 'after',
					message:
						'The order of Focus support engagements goes round in a circle: Project Board, then SIA-led review, then back to the start. Remove one of these "comes after" links.'
				}
			]
		],
		[
			'two templates with one id',
			[...DEFAULT_TEMPLATES, { ...DEFAULT_TEMPLATES[0] }],
			[{ templateId: 'secure_plus.desktop_analysis', field: 'id', message: 'Two engagements use the id "secure_plus.desktop_analysis"; each needs its own.' }]
		],
		[
			'an unknown category',
			edit({ category: 'outstanding' as never }),
			[
				{ templateId: 'focus.review', field: 'category', message: 'Choose the category "SIA-led review" (its category) belongs to.' },
				{
					templateId: 'focus.review',
					field: 'after',
					message: '"SIA-led review" (its category) is set to come after "focus.initial_visit", which is not an engagement of its category.'
				},
				{
					templateId: 'focus.project_board',
					field: 'after',
					message: '"Project Board" (Focus support) is set to come after "focus.review", which is not an engagement of Focus support.'
				}
			]
		]
	])('explains %s', (_name, templates, expected) => {
		expect(validateTemplates(templates)).toEqual(expected);
	});
});
