import type { Category } from '../analysis/categories';
import type { EngagementTemplate } from './templates';

/** The data review each category starts with: the same in every category that lists one. */
function desktopAnalysis(category: Category): EngagementTemplate {
	return {
		id: `${category}.desktop_analysis`,
		category,
		activity: 'desktop_analysis',
		label: 'Desktop analysis',
		count: 1,
		window: { from: 'autumn_1', to: 'autumn_1' },
		withinWeeks: null,
		days: 0.25,
		mode: 'remote',
		after: [],
		minWeeksApart: null
	};
}

/**
 * The engagements each category promises by default (docs/scheduling.md), with these
 * costs: desktop analysis and telephone 0.25 days, visit 0.5 (initial visit at Focus and above
 * 1.0), review 1.0, Project Board 0.5. Per school that is 0.25, 0.75, 1.0, 5.75 and 10.0 days.
 *
 * Choices made where the description of each category leaves room:
 * - The desktop analysis is in autumn 1 for every category that lists it. Intensive support does
 *   not list one (its 10.0 days are the initial visit, 6 reviews and 6 Project Boards), so none
 *   is planned: the school's data was already reviewed when it was placed in Intensive.
 * - The Secure Plus invitation to submit an SE summary takes no adviser time but is dated, so it
 *   appears in the schedule.
 * - Light touch: the initial visit is "autumn" (either half term) and the follow-up "at the end
 *   of term 1" is autumn 2, by telephone; an adviser can change it to a visit.
 * - Things that are not adviser days (traded support, Tier 1/2 enrolment, checks only if a concern
 *   is raised) are not engagements and are not planned.
 * - Everything follows the desktop analysis, then the initial visit; each Project Board follows
 *   that term's (or half term's) review, and reviews are at least 4 weeks apart.
 */
export const DEFAULT_TEMPLATES: readonly EngagementTemplate[] = [
	desktopAnalysis('secure_plus'),
	{
		id: 'secure_plus.se_summary_invitation',
		category: 'secure_plus',
		activity: 'se_summary_invitation',
		label: 'Invitation to submit an SE summary (the school can self-refer)',
		count: 1,
		window: { from: 'autumn_1', to: 'autumn_1' },
		withinWeeks: null,
		days: 0,
		mode: 'remote',
		after: ['secure_plus.desktop_analysis'],
		minWeeksApart: null
	},
	desktopAnalysis('secure'),
	{
		id: 'secure.se_summary_call',
		category: 'secure',
		activity: 'telephone',
		label: 'Telephone discussion of the SE summary',
		count: 1,
		window: { from: 'autumn_2', to: 'autumn_2' },
		withinWeeks: null,
		days: 0.25,
		mode: 'remote',
		after: ['secure.desktop_analysis'],
		minWeeksApart: null
	},
	{
		id: 'secure.progress_call',
		category: 'secure',
		activity: 'telephone',
		label: 'Follow-up telephone discussion of progress',
		count: 1,
		window: { from: 'spring_2', to: 'spring_2' },
		withinWeeks: null,
		days: 0.25,
		mode: 'remote',
		after: ['secure.se_summary_call'],
		minWeeksApart: null
	},
	desktopAnalysis('light_touch'),
	{
		id: 'light_touch.initial_visit',
		category: 'light_touch',
		activity: 'initial_visit',
		label: 'Initial visit',
		count: 1,
		window: { from: 'autumn_1', to: 'autumn_2' },
		withinWeeks: null,
		days: 0.5,
		mode: 'on_site',
		after: ['light_touch.desktop_analysis'],
		minWeeksApart: null
	},
	{
		id: 'light_touch.follow_up',
		category: 'light_touch',
		activity: 'telephone',
		label: 'Follow-up on the areas for improvement (a visit instead if progress is a concern)',
		count: 1,
		window: { from: 'autumn_2', to: 'autumn_2' },
		withinWeeks: null,
		days: 0.25,
		mode: 'remote',
		after: ['light_touch.initial_visit'],
		minWeeksApart: null
	},
	desktopAnalysis('focus'),
	{
		id: 'focus.initial_visit',
		category: 'focus',
		activity: 'initial_visit',
		label: 'Initial visit to discuss the criteria-based self-evaluation',
		count: 1,
		window: { from: 'autumn_1', to: 'autumn_1' },
		withinWeeks: null,
		days: 1,
		mode: 'on_site',
		after: ['focus.desktop_analysis'],
		minWeeksApart: null
	},
	{
		id: 'focus.review',
		category: 'focus',
		activity: 'review',
		label: 'SIA-led review',
		count: 3,
		window: { from: 'autumn_1', to: 'summer_2' },
		withinWeeks: null,
		days: 1,
		mode: 'on_site',
		after: ['focus.initial_visit'],
		minWeeksApart: 4
	},
	{
		id: 'focus.project_board',
		category: 'focus',
		activity: 'project_board',
		label: 'Project Board',
		count: 3,
		window: { from: 'autumn_1', to: 'summer_2' },
		withinWeeks: null,
		days: 0.5,
		mode: 'on_site',
		after: ['focus.initial_visit', 'focus.review'],
		minWeeksApart: null
	},
	{
		id: 'intensive.initial_visit',
		category: 'intensive',
		activity: 'initial_visit',
		label: 'Initial visit',
		count: 1,
		window: { from: 'autumn_1', to: 'autumn_1' },
		withinWeeks: 3,
		days: 1,
		mode: 'on_site',
		after: [],
		minWeeksApart: null
	},
	{
		id: 'intensive.review',
		category: 'intensive',
		activity: 'review',
		label: 'SIA-led review',
		count: 6,
		window: { from: 'autumn_1', to: 'summer_2' },
		withinWeeks: null,
		days: 1,
		mode: 'on_site',
		after: ['intensive.initial_visit'],
		minWeeksApart: 4
	},
	{
		id: 'intensive.project_board',
		category: 'intensive',
		activity: 'project_board',
		label: 'Project Board',
		count: 6,
		window: { from: 'autumn_1', to: 'summer_2' },
		withinWeeks: null,
		days: 0.5,
		mode: 'on_site',
		after: ['intensive.initial_visit', 'intensive.review'],
		minWeeksApart: null
	}
];
