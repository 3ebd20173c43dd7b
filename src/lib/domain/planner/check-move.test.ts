import { addDays } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTermDates } from '../calendar/default-term-dates';
import { academicYearBounds } from '../calendar/half-terms';
import { halfTermOf } from '../calendar/working-days';
import { toDate, toIso } from '../calendar/iso-date';
import { checkMove } from './check-move';
import { DEFAULT_TEMPLATES } from './default-templates';
import { plan } from './plan';
import { planInputArbitrary, PROPERTY_TIMEOUT_MS, ruleBreaches } from './plan-test-support';
import type { Engagement, PlanInput, PlanResult } from './plan-types';
import { engagementId } from './templates';

/** Advisers are users: their ids are user ids. */
const JANE = 1;

const input: PlanInput = {
	calendar: defaultTermDates(2026),
	closures: ['2026-02-06'],
	advisers: [{ id: JANE, name: 'Jane Smith', daysPerWeek: 3, daysOff: ['2026-02-10'] }],
	schools: [
		{ urn: 100001, name: 'Ash Primary', category: 'focus', linkAdviserId: JANE },
		{ urn: 100002, name: 'Beech Primary', category: 'intensive', linkAdviserId: JANE }
	],
	templates: DEFAULT_TEMPLATES
};

/** A hand-made plan, so each case below knows exactly what is booked where. */
function engagement(urn: number, templateId: string, sequence: number, date: string, status: Engagement['status'] = 'planned'): Engagement {
	const template = DEFAULT_TEMPLATES.find((t) => t.id === templateId)!;
	return {
		id: engagementId(urn, templateId, sequence),
		urn,
		adviserId: JANE,
		templateId,
		category: template.category,
		activity: template.activity,
		label: template.label,
		mode: template.mode,
		date,
		days: template.days,
		halfTerm: null,
		sequence,
		status,
		fulfils: { templateId, sequence }
	};
}
const current: PlanResult = {
	engagements: [
		engagement(100001, 'focus.desktop_analysis', 1, '2025-09-08', 'completed'),
		engagement(100001, 'focus.initial_visit', 1, '2025-09-15'),
		engagement(100001, 'focus.review', 1, '2025-12-15'),
		engagement(100001, 'focus.project_board', 1, '2025-12-17'),
		engagement(100001, 'focus.review', 2, '2026-02-02'),
		engagement(100001, 'focus.project_board', 2, '2026-03-20'),
		engagement(100001, 'focus.review', 3, '2026-05-11'),
		engagement(100001, 'focus.project_board', 3, '2026-05-18'),
		engagement(100002, 'intensive.initial_visit', 1, '2025-09-10'),
		engagement(100002, 'intensive.review', 2, '2026-03-02'),
		engagement(100002, 'intensive.review', 3, '2026-03-03'),
		engagement(100002, 'intensive.project_board', 3, '2026-03-04')
	],
	unplaced: [],
	shortfalls: []
};
const review2 = '100001/focus.review/2';

describe('checkMove', () => {
	it.each([
		[review2, '2026-02-03'],
		[review2, '2026-02-02'],
		['100001/focus.project_board/2', '2026-02-24']
	])('allows %s on %s', (id, date) => {
		expect(checkMove(current, id, date, input)).toEqual({ ok: true });
	});

	it.each<[string, string, string, string[]]>([
		['a Saturday', review2, '2026-01-17', ['Engagements must be on a working day in term time, and Saturday 17 January 2026 is not: it is a Saturday.']],
		[
			'a bank holiday in term',
			'100001/focus.review/3',
			'2026-05-04',
			['Engagements must be on a working day in term time, and Monday 4 May 2026 is not: it is a bank holiday (Early May bank holiday).']
		],
		[
			'an LA closure day',
			review2,
			'2026-02-06',
			['Engagements must be on a working day in term time, and Friday 6 February 2026 is not: it is an LA closure day.']
		],
		[
			'the half-term holiday',
			review2,
			'2026-02-18',
			['Engagements must be on a working day in term time, and Wednesday 18 February 2026 is not: it is in the school holidays.']
		],
		["the adviser's day off", review2, '2026-02-10', ['Jane Smith is off on Tuesday 10 February 2026.']],
		[
			'outside its window',
			review2,
			'2025-12-18',
			[
				'SIA-led review 2 of 3 must be between Monday 5 January 2026 and Friday 27 March 2026 (spring 1 to spring 2).',
				'SIA-led reviews must be at least 4 weeks apart, and SIA-led review 1 of 3 is on Monday 15 December 2025.'
			]
		],
		[
			'too close to the previous review',
			review2,
			'2026-01-05',
			['SIA-led reviews must be at least 4 weeks apart, and SIA-led review 1 of 3 is on Monday 15 December 2025.']
		],
		[
			'a Project Board before its review',
			'100001/focus.project_board/2',
			'2026-01-28',
			['It must come after the SIA-led review 2 of 3, on Monday 2 February 2026.']
		],
		['a review after its Project Board', review2, '2026-03-23', ['It must come before the Project Board 2 of 3, on Friday 20 March 2026.']],
		[
			'a full day and a full week',
			review2,
			'2026-03-04',
			[
				'Jane Smith already has 0.5 days booked on Wednesday 4 March 2026; this 1 day would make 1.5 days, over the limit of 1 day a day.',
				"The week beginning Monday 2 March 2026 would then hold 3.5 days of Jane Smith's work, over their 3 days a week."
			]
		],
		['a full week', review2, '2026-03-05', ["The week beginning Monday 2 March 2026 would then hold 3.5 days of Jane Smith's work, over their 3 days a week."]],
		[
			'an Intensive initial visit after the first 3 weeks',
			'100002/intensive.initial_visit/1',
			'2025-09-24',
			['Initial visit must be between Tuesday 2 September 2025 and Monday 22 September 2025 (autumn 1, first 3 weeks).']
		],
		['a completed engagement', '100001/focus.desktop_analysis/1', '2025-09-09', ['It has already been completed, so its date cannot change.']],
		['an engagement that is not in the plan', '100001/focus.review/9', '2026-02-03', ['There is no engagement "100001/focus.review/9" in this plan.']],
		['a date outside the year', review2, '2026-09-01', ['Tuesday 1 September 2026 is outside the 2025/26 school year.']],
		['a date that does not exist', review2, '2026-02-30', ['"2026-02-30" is not a real date.']]
	])('refuses %s', (_name, id, date, reasons) => {
		expect(checkMove(current, id, date, input)).toEqual({ ok: false, reasons });
	});

	it('refuses a date before the day re-planning started from', () => {
		expect(checkMove(current, review2, '2026-01-06', { ...input, notBefore: '2026-01-12' })).toEqual({
			ok: false,
			reasons: [
				'Tuesday 6 January 2026 has passed: choose a date from Monday 12 January 2026.',
				'SIA-led reviews must be at least 4 weeks apart, and SIA-led review 1 of 3 is on Monday 15 December 2025.'
			]
		});
	});

	it(
		'on random plans: allows a move exactly when the moved plan still keeps every rule',
		() => {
			let allowed = 0;
			// Mostly a few weeks either way (the moves advisers make), sometimes anywhere in the year.
			const shift = fc.oneof(
				{ arbitrary: fc.integer({ min: -21, max: 21 }).map((days) => ({ days, fromStart: false })), weight: 3 },
				{ arbitrary: fc.nat({ max: 364 }).map((days) => ({ days, fromStart: true })), weight: 1 }
			);
			fc.assert(
				fc.property(planInputArbitrary, fc.nat(), shift, (randomInput, pick, { days, fromStart }) => {
					const result = plan(randomInput);
					fc.pre(result.engagements.length > 0);
					const moving = result.engagements[pick % result.engagements.length];
					const from = fromStart ? academicYearBounds(randomInput.calendar.summerYear).start : moving.date;
					const date = toIso(addDays(toDate(from), days));
					const check = checkMove(result, moving.id, date, randomInput);
					const halfTerm = halfTermOf(randomInput.calendar, date);
					const moved = { ...result, engagements: result.engagements.map((e) => (e.id === moving.id ? { ...e, date, halfTerm } : e)) };
					expect(check.ok).toBe(ruleBreaches(randomInput, moved).length === 0);
					if (check.ok) allowed++;
				}),
				{ numRuns: 200 }
			);
			// Enough moves are allowed, and enough refused, for both sides of "exactly when" to be exercised.
			expect(allowed).toBeGreaterThan(20);
			expect(allowed).toBeLessThan(180);
		},
		PROPERTY_TIMEOUT_MS
	);
});
