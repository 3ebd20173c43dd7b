import { describe, expect, it } from 'vitest';
import { defaultTermDates } from '../calendar/default-term-dates';
import { daysBetween } from '../calendar/iso-date';
import { workingDays } from '../calendar/working-days';
import { DEFAULT_TEMPLATES } from './default-templates';
import { plan } from './plan';
import { ruleBreaches } from './plan-test-support';
import type { Adviser, FixedEngagement, PlanInput, PlanSchool } from './plan-types';
import { PlanInputError } from './validate-plan-input';

/** Advisers are users: their ids are user ids. */
const JANE = 1;
const SAM = 2;
/** Not an adviser in the list. */
const PAT = 7;

// 2025/26: autumn 1 runs from Tuesday 2 September to Friday 24 October 2025.
const calendar = defaultTermDates(2026);
const jane: Adviser = { id: JANE, name: 'Jane Smith', daysPerWeek: 3, daysOff: [] };
const sam: Adviser = { id: SAM, name: 'Sam Jones', daysPerWeek: 0.5, daysOff: [] };

const REVIEW_THEN_BOARD_EACH_TERM = ['review', 'project_board', 'review', 'project_board', 'review', 'project_board'];

function input(schools: PlanSchool[], changes: Partial<PlanInput> = {}): PlanInput {
	return { calendar, closures: [], advisers: [jane, sam], schools, templates: DEFAULT_TEMPLATES, ...changes };
}
function school(urn: number, category: PlanSchool['category'], linkAdviserId: number | null = JANE): PlanSchool {
	return { urn, name: `School ${urn}`, category, linkAdviserId };
}

describe('plan', () => {
	it('plans a Focus school in order: analysis, initial visit, then a review and a Project Board each term', () => {
		const schools = [school(100001, 'focus')];
		const result = plan(input(schools));
		expect(result.unplaced).toEqual([]);
		expect(ruleBreaches(input(schools), result)).toEqual([]);
		const sequence = result.engagements.map((e) => `${e.activity} ${e.halfTerm}`);
		expect(sequence.slice(0, 2)).toEqual(['desktop_analysis autumn_1', 'initial_visit autumn_1']);
		expect(result.engagements.filter((e) => e.activity === 'review').map((e) => e.halfTerm?.split('_')[0])).toEqual(['autumn', 'spring', 'summer']);
		expect(result.engagements.map((e) => e.activity)).toEqual(['desktop_analysis', 'initial_visit', ...REVIEW_THEN_BOARD_EACH_TERM]);
		expect(result.engagements.every((e) => e.status === 'planned' && e.adviserId === JANE)).toBe(true);
	});

	it('gives an Intensive school its initial visit within the first 3 weeks of autumn', () => {
		const result = plan(input([school(100002, 'intensive')]));
		const visit = result.engagements.find((e) => e.activity === 'initial_visit');
		expect(visit && daysBetween('2025-09-02', visit.date)).toBeLessThan(21);
		expect(result.engagements).toHaveLength(13);
	});

	it('reports a school with no link adviser, engagement by engagement, and plans nothing for it', () => {
		const result = plan(input([school(100003, 'secure', null)]));
		expect(result.engagements).toEqual([]);
		expect(result.unplaced.map((u) => [u.templateId, u.cause, u.reason])).toEqual([
			['secure.desktop_analysis', 'no_link_adviser', 'School 100003 has no link adviser. Choose one, then plan again.'],
			['secure.progress_call', 'no_link_adviser', 'School 100003 has no link adviser. Choose one, then plan again.'],
			['secure.se_summary_call', 'no_link_adviser', 'School 100003 has no link adviser. Choose one, then plan again.']
		]);
		expect(result.shortfalls).toEqual([]);
	});

	it('reports a link adviser who is not in the adviser list', () => {
		const result = plan(input([school(100004, 'secure_plus', PAT)]));
		expect(result.unplaced.map((u) => u.reason)).toEqual([
			'School 100004\'s link adviser (id "7") is not in the list of advisers. Add them, or choose another link adviser.',
			'School 100004\'s link adviser (id "7") is not in the list of advisers. Add them, or choose another link adviser.'
		]);
	});

	it("reports what does not fit an adviser's capacity, with the shortfall by half term", () => {
		const schools = Array.from({ length: 6 }, (_, i) => school(100010 + i, 'focus', SAM));
		const result = plan(input(schools));
		expect(ruleBreaches(input(schools), result)).toEqual([]);
		// Half a day a week cannot hold a single whole-day visit or review.
		expect(result.engagements.some((e) => e.days === 1)).toBe(false);
		const short = result.unplaced.filter((u) => u.cause === 'capacity');
		expect(short.length).toBeGreaterThan(0);
		expect(short[0].reason).toMatch(
			/^Capacity short: Sam Jones has no working day between \w+day \d+ \w+ 20\d\d and \w+day \d+ \w+ 20\d\d with 1 day free, keeping to 1 day a day and 0.5 days a week\.$/
		);
		const autumn1 = result.shortfalls.find((s) => s.halfTerm === 'autumn_1');
		const autumn1Days = short.filter((u) => u.halfTerm === 'autumn_1').reduce((sum, u) => sum + u.days, 0);
		expect(autumn1).toMatchObject({ adviserId: SAM, days: autumn1Days, message: `Capacity short by ${autumn1Days} days in autumn 1 for Sam Jones` });
		expect(autumn1?.urns.length).toBeGreaterThan(0);
	});

	it('does not plan in the past when re-planning mid-year, and says which windows have gone', () => {
		const result = plan(input([school(100020, 'focus')], { notBefore: '2026-01-05' }));
		expect(result.engagements.every((e) => e.date >= '2026-01-05')).toBe(true);
		expect(result.unplaced.map((u) => [u.id, u.cause, u.reason])).toEqual([
			['100020/focus.desktop_analysis/1', 'window_passed', 'Its window (autumn 1) ended before Monday 5 January 2026, the date the plan was redone from.'],
			['100020/focus.initial_visit/1', 'window_passed', 'Its window (autumn 1) ended before Monday 5 January 2026, the date the plan was redone from.'],
			[
				'100020/focus.project_board/1',
				'window_passed',
				'Its window (autumn 1 to autumn 2) ended before Monday 5 January 2026, the date the plan was redone from.'
			],
			['100020/focus.review/1', 'window_passed', 'Its window (autumn 1 to autumn 2) ended before Monday 5 January 2026, the date the plan was redone from.']
		]);
		expect(result.engagements.map((e) => e.id)).toEqual([
			'100020/focus.review/2',
			'100020/focus.project_board/2',
			'100020/focus.review/3',
			'100020/focus.project_board/3'
		]);
	});

	it("keeps off an adviser's days off, and says so when they fill a window", () => {
		const autumn1 = workingDays(calendar)
			.filter((d) => d.halfTerm === 'autumn_1')
			.map((d) => d.date);
		const away = { ...jane, daysOff: autumn1 };
		const result = plan(input([school(100030, 'secure_plus')], { advisers: [away] }));
		expect(result.engagements).toEqual([]);
		expect(result.unplaced.map((u) => u.reason)).toEqual([
			'Jane Smith has no working day in its window (autumn 1): every day in it is a holiday, a closure day or a day off.',
			'Jane Smith has no working day in its window (autumn 1): every day in it is a holiday, a closure day or a day off.'
		]);
	});

	it('skips LA closure days', () => {
		const closures = workingDays(calendar)
			.filter((d) => d.halfTerm === 'autumn_1')
			.map((d) => d.date)
			.slice(0, 30);
		const result = plan(input([school(100031, 'secure_plus')], { closures }));
		expect(result.engagements.length).toBe(2);
		expect(result.engagements.every((e) => !closures.includes(e.date))).toBe(true);
	});

	it("spreads an adviser's work through the window instead of piling it into the first week", () => {
		const schools = Array.from({ length: 40 }, (_, i) => school(100100 + i, 'secure'));
		const analyses = plan(input(schools)).engagements.filter((e) => e.activity === 'desktop_analysis');
		expect(analyses).toHaveLength(40);
		const firstWeek = analyses.filter((e) => e.date <= '2025-09-05').length;
		const weeks = new Set(analyses.map((e) => daysBetween('2025-09-01', e.date) / 7).map(Math.floor));
		expect(firstWeek).toBeLessThanOrEqual(8);
		expect(weeks.size).toBeGreaterThanOrEqual(7);
	});

	it('keeps confirmed and completed work, and counts a completed analysis for a school that moved up to Focus', () => {
		const done: FixedEngagement = {
			id: 'db-17',
			urn: 100040,
			adviserId: JANE,
			templateId: 'light_touch.desktop_analysis',
			category: 'light_touch',
			activity: 'desktop_analysis',
			label: 'Desktop analysis',
			mode: 'remote',
			date: '2025-09-10',
			days: 0.25,
			sequence: 1,
			status: 'completed'
		};
		const visit: FixedEngagement = {
			...done,
			id: 'db-18',
			templateId: 'light_touch.initial_visit',
			activity: 'initial_visit',
			date: '2025-09-15',
			days: 0.5,
			status: 'confirmed'
		};
		const schools = [school(100040, 'focus')];
		const result = plan(input(schools, { fixed: [visit, done] }));
		expect(ruleBreaches(input(schools, { fixed: [visit, done] }), result)).toEqual([]);
		expect(result.engagements.find((e) => e.id === 'db-17')).toMatchObject({
			status: 'completed',
			date: '2025-09-10',
			fulfils: { templateId: 'focus.desktop_analysis', sequence: 1 }
		});
		// A Light touch initial visit is half a day, but the activity matches, so it counts as Focus's one.
		expect(result.engagements.find((e) => e.id === 'db-18')).toMatchObject({
			status: 'confirmed',
			fulfils: { templateId: 'focus.initial_visit', sequence: 1 }
		});
		expect(result.engagements.filter((e) => e.status === 'planned').map((e) => e.activity)).toEqual(REVIEW_THEN_BOARD_EACH_TERM);
		expect(result.engagements.filter((e) => e.status === 'planned').every((e) => e.date > '2025-09-15')).toBe(true);
	});

	it('keeps a fixed engagement that meets nothing, and counts its time against the adviser', () => {
		const training: FixedEngagement = {
			id: 'db-40',
			urn: 100050,
			adviserId: SAM,
			templateId: 'old.training',
			category: 'secure',
			activity: 'visit',
			label: 'Governor training',
			mode: 'on_site',
			date: '2025-09-03',
			days: 0.5,
			sequence: 1,
			status: 'confirmed'
		};
		const result = plan(input([school(100050, 'secure_plus', SAM)], { fixed: [training] }));
		expect(result.engagements.find((e) => e.id === 'db-40')).toMatchObject({ fulfils: null, halfTerm: 'autumn_1' });
		const analysis = result.engagements.find((e) => e.activity === 'desktop_analysis');
		// Sam's half day that week is taken, so the analysis goes to another week.
		expect(analysis && analysis.date > '2025-09-07').toBe(true);
	});

	it.each<[string, Partial<PlanInput>, string]>([
		['a school listed twice', { schools: [school(100001, 'focus'), school(100001, 'secure')] }, 'The school with URN 100001 is listed twice.'],
		['an adviser listed twice', { advisers: [jane, jane] }, 'The adviser id "1" is used twice.'],
		['impossible capacity', { advisers: [{ ...jane, daysPerWeek: 6 }] }, "Jane Smith's days a week for school work must be from 0 to 5."],
		['a closure that is not a date', { closures: ['2025-13-01'] }, 'The closure day "2025-13-01" is not a real date (use yyyy-mm-dd).'],
		[
			'bad templates',
			{ templates: [{ ...DEFAULT_TEMPLATES[0], count: 0 }] },
			'The number of times "Desktop analysis" (Secure Plus) happens in a year must be a whole number from 1 to 20.'
		]
	])('refuses %s with a plain message', (_name, changes, message) => {
		const attempt = () => plan(input([], changes));
		expect(attempt).toThrow(PlanInputError);
		expect(attempt).toThrow(message);
	});
});
