import { describe, expect, it } from 'vitest';
import {
	addMonths,
	isIsoDate,
	isOpen,
	latestOfsted,
	leadershipRisks,
	ofstedStanding,
	openConcerns,
	summariseSoftIntelligence,
	type OfstedEntry,
	type SoftIntelligenceEntry
} from './soft-intelligence';
import { entry, legacy, reportCard, type ConcernType } from './test-fixtures';

const AS_OF = '2019-09-01';

describe('isOpen', () => {
	it.each([
		['2019-01-01', null, true],
		['2019-09-01', null, true],
		['2019-09-02', null, false],
		['2019-01-01', '2019-09-01', false],
		['2019-01-01', '2019-09-02', true],
		['2019-01-01', '2019-06-30', false]
	])('dated %s, ended %s: open on 1 September 2019 is %s', (date, endDate, open) => {
		expect(isOpen(entry('finance', date, endDate), AS_OF)).toBe(open);
	});
});

describe('latestOfsted', () => {
	it('takes the newest inspection on or before the date', () => {
		const old = legacy('inadequate', '2015-02-01');
		const recent = legacy('good', '2018-05-01');
		const future = legacy('outstanding', '2020-01-01');
		expect(latestOfsted([recent, future, old], AS_OF)).toBe(recent);
	});

	it('ignores withdrawn (ended) inspections and everything that is not Ofsted', () => {
		const withdrawn = { ...legacy('inadequate', '2019-01-01'), endDate: '2019-02-01' };
		const kept = legacy('requires_improvement', '2017-01-01');
		expect(latestOfsted([withdrawn, kept, entry('finance', '2019-03-01')], AS_OF)).toBe(kept);
	});

	it('on the same day prefers the report card, whatever the order given', () => {
		const a = legacy('good', '2019-01-01');
		const b = reportCard([], '2019-01-01');
		expect(latestOfsted([a, b], AS_OF)).toBe(b);
		expect(latestOfsted([b, a], AS_OF)).toBe(b);
	});

	it('is null with nothing recorded', () => {
		expect(latestOfsted([], AS_OF)).toBeNull();
	});
});

describe('ofstedStanding', () => {
	const area = (grade: 'exceptional' | 'strong_standard' | 'expected_standard' | 'needs_attention' | 'urgent_improvement') => [
		{ area: 'Leadership and governance', grade: 'expected_standard' as const },
		{ area: 'Achievement', grade }
	];
	it.each([
		['no inspection', null, 'none'],
		['Outstanding', legacy('outstanding', '2018-01-01'), 'good_or_better'],
		['Good', legacy('good', '2018-01-01'), 'good_or_better'],
		['Requires improvement', legacy('requires_improvement', '2018-01-01'), 'requires_improvement'],
		['Inadequate', legacy('inadequate', '2018-01-01'), 'inadequate'],
		['report card, all Expected or better', reportCard(area('exceptional'), '2025-12-01'), 'good_or_better'],
		['report card, an area Needs attention', reportCard(area('needs_attention'), '2025-12-01'), 'requires_improvement'],
		['report card, an area Urgent improvement', reportCard(area('urgent_improvement'), '2025-12-01'), 'inadequate'],
		['report card, safeguarding not met', reportCard(area('strong_standard'), '2025-12-01', false), 'inadequate']
	])('%s → %s', (_, e, standing) => {
		expect(ofstedStanding(e as OfstedEntry | null)).toBe(standing);
	});
});

describe('open concerns', () => {
	it.each([
		['interim_leadership', true],
		['governance', true],
		['safeguarding', true],
		['finance', true],
		['staffing', true],
		['complaint', true],
		['other', true],
		['new_head', false],
		['self_referral', false]
	] as [ConcernType, boolean][])('%s counts as a concern: %s', (type, concern) => {
		expect(openConcerns([entry(type, '2019-01-01')], AS_OF).length).toBe(concern ? 1 : 0);
	});

	it('lists open concerns oldest first and leaves out ended ones', () => {
		const a = entry('finance', '2019-05-01');
		const b = entry('staffing', '2018-05-01');
		const ended = entry('complaint', '2018-01-01', '2019-01-01');
		expect(openConcerns([a, ended, b], AS_OF)).toEqual([b, a]);
	});
});

describe('leadershipRisks', () => {
	it.each([
		['new_head', '2018-01-01', null, true],
		['new_head', '2017-09-02', null, true],
		['new_head', '2017-09-01', null, false],
		['new_head', '2018-01-01', '2019-01-01', false],
		['interim_leadership', '2010-01-01', null, true],
		['governance', '2019-08-01', null, true],
		['finance', '2019-08-01', null, false],
		['staffing', '2019-08-01', null, false]
	] as [ConcernType, string, string | null, boolean][])('%s dated %s ended %s is a risk: %s', (type, date, end, risk) => {
		expect(leadershipRisks([entry(type, date, end)], AS_OF, 24).length).toBe(risk ? 1 : 0);
	});
});

describe('summariseSoftIntelligence', () => {
	it('reads the register once for the rules', () => {
		const ofsted = legacy('requires_improvement', '2018-03-01');
		const safeguarding = entry('safeguarding', '2019-02-01');
		const referral = entry('self_referral', '2019-07-01');
		const head = entry('new_head', '2019-04-01');
		const register: SoftIntelligenceEntry[] = [referral, ofsted, head, safeguarding];
		expect(summariseSoftIntelligence(register, AS_OF, 24)).toEqual({
			ofsted,
			standing: 'requires_improvement',
			openConcerns: [safeguarding],
			safeguarding: [safeguarding],
			selfReferrals: [referral],
			leadershipRisks: [head]
		});
	});
});

describe('dates', () => {
	it.each([
		['2019-09-01', -24, '2017-09-01'],
		['2020-03-31', -1, '2020-02-29'],
		['2019-12-15', 1, '2020-01-15'],
		['2019-01-31', 13, '2020-02-29']
	])('addMonths(%s, %i) is %s', (date, months, expected) => {
		expect(addMonths(date, months)).toBe(expected);
	});

	it.each([
		['2019-09-01', true],
		['2019-02-30', false],
		['01-09-2019', false],
		[20190901, false]
	])('isIsoDate(%j) is %s', (value, ok) => {
		expect(isIsoDate(value)).toBe(ok);
	});
});
