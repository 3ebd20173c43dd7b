import { describe, expect, it } from 'vitest';
import { defaultTermDates } from '../calendar/default-term-dates';
import { checkBooking, type Booking } from './booking';
import { DEFAULT_TEMPLATES } from './default-templates';
import { plan } from './plan';
import { replan } from './replan';
import type { Engagement, FixedEngagement, PlanInput } from './plan-types';

/** Advisers are users: their ids are user ids. */
const JANE = 1;
const OMAR = 2;
const NOT_AN_ADVISER = 99;

const input: PlanInput = {
	calendar: defaultTermDates(2026),
	closures: ['2026-02-06'],
	advisers: [
		{ id: JANE, name: 'Jane Smith', daysPerWeek: 3, daysOff: ['2026-02-10'] },
		{ id: OMAR, name: 'Omar Khan', daysPerWeek: 1, daysOff: [] }
	],
	schools: [
		{ urn: 100001, name: 'Ash Primary', category: 'focus', linkAdviserId: JANE },
		{ urn: 100002, name: 'Beech Primary', category: 'secure', linkAdviserId: JANE }
	],
	templates: DEFAULT_TEMPLATES
};

function work(id: string, date: string, days: number, status: Engagement['status'], adviserId = JANE): Engagement {
	return {
		id,
		urn: 100001,
		adviserId,
		templateId: 'focus.review',
		category: 'focus',
		activity: 'review',
		label: 'SIA-led review',
		mode: 'on_site',
		date,
		days,
		halfTerm: null,
		sequence: 1,
		status,
		fulfils: null
	};
}

/**
 * Jane (3 days a week) in the week of 9 March 2026: a confirmed half day on Monday, then 1.75 days of
 * planned work; in the week of 16 March, 3 days of confirmed and completed work.
 */
const engagements = [
	work('a', '2026-03-09', 0.5, 'confirmed'),
	work('b', '2026-03-10', 1, 'planned'),
	work('c', '2026-03-11', 0.25, 'planned'),
	work('g', '2026-03-12', 0.5, 'planned'),
	work('d', '2026-03-16', 1, 'completed'),
	work('e', '2026-03-17', 1, 'confirmed'),
	work('f', '2026-03-18', 1, 'confirmed')
];

/** Booked on 2 March 2026 unless the case says otherwise. */
const visit = (date: string, more: Partial<Booking> = {}): Booking => ({ id: null, adviserId: JANE, date, days: 1, today: '2026-03-02', ...more });

describe('checkBooking: a fixed visit on a chosen day', () => {
	it.each<[string, Booking, string[]]>([
		['a free term-time day', visit('2026-03-03'), []],
		['a day already past, recording a visit already held', visit('2025-09-10'), []],
		[
			'a past day that was already full: recorded as it happened, with a warning',
			visit('2026-03-09', { today: '2026-03-20' }),
			[
				'Jane Smith had other work on Monday 9 March 2026 as well, so that day holds 1.5 days, over the limit of 1 day a day.',
				'The week beginning Monday 9 March 2026 holds 3.25 days of Jane Smith’s work, over their 3 days a week.'
			]
		],
		[
			'a past week that was already full: recorded as it happened, with a warning',
			visit('2026-03-19', { today: '2026-03-20' }),
			['The week beginning Monday 16 March 2026 holds 4 days of Jane Smith’s work, over their 3 days a week.']
		],
		['moving the visit onto its own day', visit('2026-03-09', { id: 'a', days: 0.5 }), []],
		[
			'a day with planned work only: booked, with a warning',
			visit('2026-03-10'),
			[
				'Jane Smith also has 1 day of planned work on Tuesday 10 March 2026, so that day now holds 2 days. Plan the year again to move the planned work to another day.',
				'The week beginning Monday 9 March 2026 now holds 3.25 days of Jane Smith’s work, over their 3 days a week, because of planned work. Plan the year again to move it.'
			]
		],
		[
			'a week filled by planned work: booked, with a warning',
			visit('2026-03-13'),
			[
				'The week beginning Monday 9 March 2026 now holds 3.25 days of Jane Smith’s work, over their 3 days a week, because of planned work. Plan the year again to move it.'
			]
		]
	])('books %s', (_, booking, warnings) => {
		expect(checkBooking(input, engagements, booking)).toEqual({ ok: true, warnings });
	});

	it.each<[string, Booking, string[]]>([
		['a Saturday', visit('2026-03-14'), ['It must be on a working day in term time, and Saturday 14 March 2026 is not: it is a Saturday.']],
		[
			'the Easter holidays',
			visit('2026-04-01'),
			['It must be on a working day in term time, and Wednesday 1 April 2026 is not: it is in the school holidays.']
		],
		[
			'a bank holiday',
			visit('2026-05-04'),
			['It must be on a working day in term time, and Monday 4 May 2026 is not: it is a bank holiday (Early May bank holiday).']
		],
		['an LA closure day', visit('2026-02-06'), ['It must be on a working day in term time, and Friday 6 February 2026 is not: it is an LA closure day.']],
		["the adviser's day off", visit('2026-02-10'), ['Jane Smith is off on Tuesday 10 February 2026.']],
		['a date outside the school year', visit('2026-09-10'), ['Thursday 10 September 2026 is outside the 2025/26 school year.']],
		['a date that is not a date', visit('2026-02-30'), ['"2026-02-30" is not a real date.']],
		[
			'someone who is not an adviser',
			visit('2026-03-03', { adviserId: NOT_AN_ADVISER }),
			['There is no active adviser or lead adviser with id "99", so it cannot go in anyone’s schedule.']
		],
		[
			'a day with confirmed work',
			visit('2026-03-09'),
			[
				'Jane Smith already has 0.5 days of confirmed or completed work on Monday 9 March 2026, so 1 day more would make 1.5 days, over the limit of 1 day a day. Choose another day, or move that work first.'
			]
		],
		[
			'a week full of fixed work',
			visit('2026-03-19'),
			[
				'The week beginning Monday 16 March 2026 already holds 3 days of Jane Smith’s confirmed or completed work, so 1 day more would make 4 days, over their 3 days a week. Choose another week, or move that work first.'
			]
		]
	])('refuses %s', (_, booking, reasons) => {
		expect(checkBooking(input, engagements, booking)).toEqual({ ok: false, reasons });
	});
});

/** A Quality Mark assessment visit as the planner is given it: booked, fixed, with no category. */
const qmVisit: FixedEngagement = {
	id: '100002/quality_mark.basic_skills/1',
	urn: 100002,
	adviserId: JANE,
	templateId: 'quality_mark.basic_skills',
	category: null,
	activity: 'quality_mark_visit',
	label: 'Basic Skills Quality Mark assessment visit',
	mode: 'on_site',
	date: '2025-10-01',
	days: 1,
	sequence: 1,
	status: 'confirmed'
};

describe('the planner and booked visits', () => {
	it("keeps the visit, meets no category's requirement with it, and plans nothing else into that adviser's day", () => {
		const withVisit = plan({ ...input, fixed: [qmVisit] });
		const kept = withVisit.engagements.find((e) => e.id === qmVisit.id);
		expect(kept).toMatchObject({ date: '2025-10-01', adviserId: JANE, status: 'confirmed', category: null, fulfils: null, halfTerm: 'autumn_1' });
		expect(withVisit.engagements.filter((e) => e.adviserId === JANE && e.date === '2025-10-01' && e.days > 0)).toEqual([kept]);
		// The school's own Secure engagements are all still planned: the visit stands beside them.
		expect(withVisit.engagements.filter((e) => e.urn === 100002 && e.category === 'secure')).toHaveLength(3);
		expect(withVisit.unplaced).toEqual([]);
	});

	it('keeps the visit where it is when the year is planned again', () => {
		const first = plan({ ...input, fixed: [qmVisit] });
		const { result, diff } = replan(first, { ...input, schools: input.schools.map((s) => ({ ...s, category: 'intensive' as const })) });
		expect(result.engagements.find((e) => e.id === qmVisit.id)).toMatchObject({ date: '2025-10-01', status: 'confirmed', category: null });
		expect(diff.removed.map((r) => r.engagement.id)).not.toContain(qmVisit.id);
		expect(result.engagements.filter((e) => e.adviserId === JANE && e.date === '2025-10-01' && e.id !== qmVisit.id && e.days > 0)).toEqual([]);
	});
});
