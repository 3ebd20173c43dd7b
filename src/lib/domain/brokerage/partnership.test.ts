import { describe, expect, it } from 'vitest';
import { parseReviewDates, setUpProblems, takeStep, type PartnershipState, type PartnershipStep } from './partnership';

const at = (
	status: PartnershipState['status'],
	supportedResponse: PartnershipState['supportedResponse'] = null,
	supportingResponse: PartnershipState['supportingResponse'] = null
): PartnershipState => ({
	status,
	supportedResponse,
	supportingResponse
});

describe('takeStep', () => {
	const cases: [string, PartnershipState, PartnershipStep, PartnershipState | string][] = [
		['a lead adviser agrees a proposal', at('proposed'), { kind: 'agree' }, at('agreed')],
		['agreeing twice', at('agreed'), { kind: 'agree' }, 'This partnership has already been agreed.'],
		[
			'a school answers before it is agreed',
			at('proposed'),
			{ kind: 'respond', side: 'supported', response: 'accepted' },
			'A lead adviser agrees the partnership first; then each school can accept or decline it.'
		],
		['the supported school accepts first', at('agreed'), { kind: 'respond', side: 'supported', response: 'accepted' }, at('agreed', 'accepted')],
		[
			'then the supporting school accepts',
			at('agreed', 'accepted'),
			{ kind: 'respond', side: 'supporting', response: 'accepted' },
			at('accepted', 'accepted', 'accepted')
		],
		[
			'the supporting school declines',
			at('agreed', 'accepted'),
			{ kind: 'respond', side: 'supporting', response: 'declined' },
			at('declined', 'accepted', 'declined')
		],
		[
			'a school answers twice',
			at('agreed', 'accepted'),
			{ kind: 'respond', side: 'supported', response: 'declined' },
			'Your school has already accepted this partnership.'
		],
		['set up once both accept', at('accepted', 'accepted', 'accepted'), { kind: 'activate' }, at('active', 'accepted', 'accepted')],
		['set up too early', at('agreed', 'accepted'), { kind: 'activate' }, 'Both schools must accept the partnership before it is set up.'],
		['ended with an outcome', at('active', 'accepted', 'accepted'), { kind: 'end' }, at('ended', 'accepted', 'accepted')],
		['ending one not yet active', at('agreed'), { kind: 'end' }, 'Only an active partnership can be ended with an outcome. Withdraw it instead.'],
		['withdrawing a proposal', at('proposed'), { kind: 'withdraw' }, at('withdrawn')],
		['withdrawing an active one', at('active', 'accepted', 'accepted'), { kind: 'withdraw' }, 'An active partnership is ended with an outcome, not withdrawn.'],
		['anything after it is declined', at('declined', 'declined'), { kind: 'agree' }, 'This partnership is declined, so nothing more can be done with it.'],
		['anything after it ended', at('ended', 'accepted', 'accepted'), { kind: 'withdraw' }, 'This partnership is ended, so nothing more can be done with it.']
	];
	it.each(cases)('%s', (_, state, step, expected) => {
		const outcome = takeStep(state, step);
		if (typeof expected === 'string') expect(outcome).toEqual({ ok: false, message: expected });
		else expect(outcome).toEqual({ ok: true, state: expected });
	});
});

describe('setUpProblems', () => {
	const working = () => null;
	const good = { objectives: 'Raise maths progress in years 5 and 6', startDate: '2026-11-02', reviewDates: ['2027-01-18', '2027-03-15'] };
	const cases: [string, Partial<typeof good>, (date: string) => string | null, Record<string, string>][] = [
		['a good set-up', {}, working, {}],
		['no objectives', { objectives: '  ' }, working, { objectives: 'Enter what the partnership is for: its objectives.' }],
		['a start that is not a date', { startDate: '2/11/2026' }, working, { 'start-date': 'Enter the start date as a real date, like 2026-11-02.' }],
		[
			'a start in another year',
			{ startDate: '2027-09-06' },
			working,
			{
				'start-date': 'The start date must be in the 2026/27 school year.',
				'review-dates': 'Each review must come after the start. Monday 18 January 2027 does not.'
			}
		],
		['no review', { reviewDates: [] }, working, { 'review-dates': 'Enter at least one review date.' }],
		[
			'seven reviews',
			{ reviewDates: ['2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15', '2027-01-18', '2027-01-19'] },
			working,
			{ 'review-dates': 'Enter at most 6 review dates.' }
		],
		[
			'a review that is not a date',
			{ reviewDates: ['2027-02-30'] },
			working,
			{ 'review-dates': '"2027-02-30" is not a real date. Enter each review date like 2027-01-18, one a line.' }
		],
		['a review twice', { reviewDates: ['2027-01-18', '2027-01-18'] }, working, { 'review-dates': 'Monday 18 January 2027 is given twice.' }],
		[
			'a review before the start',
			{ reviewDates: ['2026-10-05'] },
			working,
			{ 'review-dates': 'Each review must come after the start. Monday 5 October 2026 does not.' }
		],
		['a review after the year', { reviewDates: ['2027-09-06'] }, working, { 'review-dates': 'Monday 6 September 2027 is not in the 2026/27 school year.' }],
		[
			'a review on a closure day',
			{},
			(d) => (d === '2027-03-15' ? 'it is an LA closure day' : null),
			{ 'review-dates': 'No review can be on Monday 15 March 2027, because it is an LA closure day.' }
		]
	];
	it.each(cases)('%s', (_, change, notWorking, expected) => {
		expect(setUpProblems({ ...good, ...change }, 2027, notWorking)).toEqual(expected);
	});

	it('reads review dates one a line or with commas, in date order', () => {
		expect(parseReviewDates('2027-03-15\n 2027-01-18, \n\n2027-05-10')).toEqual(['2027-01-18', '2027-03-15', '2027-05-10']);
	});
});
