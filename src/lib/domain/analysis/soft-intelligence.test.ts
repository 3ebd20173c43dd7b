import { describe, expect, it } from 'vitest';
import {
	addMonths,
	CONCERN_TYPES,
	isIsoDate,
	isOpen,
	isUngradedConcernOutcome,
	latestOfsted,
	leadershipRisks,
	notJudgedGrade,
	ofstedFields,
	ofstedStanding,
	openConcerns,
	previousGradedOfsted,
	SOFT_INTELLIGENCE_LABELS,
	summariseSoftIntelligence,
	ungradedConcern,
	type OeifJudgements,
	type OfstedEntry,
	type SoftIntelligenceEntry
} from './soft-intelligence';
import { card, entry, legacy, oeif, reportCard, ungraded, type ConcernType } from './test-fixtures';

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

	it.each([
		['9', '10'],
		['99', '100'],
		['1203', '950']
	])('of two records of one inspection, takes the later entry: %s and %s', (x, y) => {
		const [earlier, later] = Number(x) < Number(y) ? [x, y] : [y, x];
		const a = { ...legacy('good', '2019-01-01'), id: earlier };
		const b = { ...legacy('requires_improvement', '2019-01-01'), id: later };
		expect(latestOfsted([a, b], AS_OF)).toBe(b);
		expect(latestOfsted([b, a], AS_OF)).toBe(b);
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

describe('the 2026 kinds of Ofsted outcome', () => {
	const AS_OF_2026 = '2026-05-01';

	it('labels them by kind', () => {
		expect([SOFT_INTELLIGENCE_LABELS.ofsted_legacy, SOFT_INTELLIGENCE_LABELS.ofsted_report_card, SOFT_INTELLIGENCE_LABELS.ofsted_ungraded]).toEqual([
			'Ofsted graded inspection',
			'Ofsted report card',
			'Ofsted ungraded inspection'
		]);
		expect(CONCERN_TYPES).not.toContain('ofsted_ungraded');
	});

	it('reads the new fields of an entry stored before they existed as none, not the predecessor, no source file', () => {
		expect(ofstedFields(legacy('good', '2018-01-01') as OfstedEntry)).toEqual({ categoryOfConcern: null, predecessor: false, sourceFile: null });
		expect(ofstedFields(oeif(null, '2025-01-01', null, { categoryOfConcern: 'serious_weaknesses', predecessor: true }))).toEqual({
			categoryOfConcern: 'serious_weaknesses',
			predecessor: true,
			sourceFile: 'Ofsted MI as at 30 April 2026'
		});
	});

	it.each<[string, OeifJudgements | null, string]>([
		['nothing recorded', null, 'good'],
		['all 2', { qualityOfEducation: 2, behaviourAndAttitudes: 2, personalDevelopment: 2, leadershipAndManagement: 2 }, 'good'],
		['quality of education 3', { qualityOfEducation: 3, leadershipAndManagement: 2 }, 'requires_improvement'],
		['leadership and management 3', { qualityOfEducation: 1, leadershipAndManagement: 3 }, 'requires_improvement'],
		['quality of education 4', { qualityOfEducation: 4, leadershipAndManagement: 3 }, 'inadequate'],
		['leadership and management 4', { qualityOfEducation: 2, leadershipAndManagement: 4 }, 'inadequate'],
		['only behaviour and attitudes 4', { qualityOfEducation: 2, behaviourAndAttitudes: 4, personalDevelopment: 3, leadershipAndManagement: 2 }, 'good'],
		['only early years 3', { qualityOfEducation: 2, leadershipAndManagement: 2, earlyYears: 3 }, 'good']
	])('no overall grade, %s, counts as %s', (_, judgements, grade) => {
		expect(notJudgedGrade(judgements)).toBe(grade);
	});

	it.each([
		['OEIF Good', oeif('good', '2023-01-01', { qualityOfEducation: 2, leadershipAndManagement: 2 }), 'good_or_better'],
		['OEIF Requires improvement', oeif('requires_improvement', '2023-01-01'), 'requires_improvement'],
		['OEIF Inadequate', oeif('inadequate', '2023-01-01'), 'inadequate'],
		[
			'no overall grade, all 2',
			oeif(null, '2025-03-01', { qualityOfEducation: 2, behaviourAndAttitudes: 2, personalDevelopment: 2, leadershipAndManagement: 2 }),
			'good_or_better'
		],
		['no overall grade, quality of education 3', oeif(null, '2025-03-01', { qualityOfEducation: 3, leadershipAndManagement: 2 }), 'requires_improvement'],
		['no overall grade, leadership and management 3', oeif(null, '2025-03-01', { qualityOfEducation: 2, leadershipAndManagement: 3 }), 'requires_improvement'],
		['no overall grade, quality of education 4', oeif(null, '2025-03-01', { qualityOfEducation: 4, leadershipAndManagement: 2 }), 'inadequate'],
		['no overall grade, leadership and management 4', oeif(null, '2025-03-01', { qualityOfEducation: 3, leadershipAndManagement: 4 }), 'inadequate'],
		['OEIF Good, safeguarding not effective', oeif('good', '2023-01-01', null, { safeguardingEffective: false }), 'inadequate'],
		['OEIF Good, safeguarding not recorded', oeif('good', '2023-01-01', null, { safeguardingEffective: null }), 'good_or_better'],
		['OEIF Inadequate, special measures', oeif('inadequate', '2023-01-01', null, { categoryOfConcern: 'special_measures' }), 'inadequate'],
		[
			'no overall grade, all 2, serious weaknesses',
			oeif(null, '2025-03-01', { qualityOfEducation: 2, leadershipAndManagement: 2 }, { categoryOfConcern: 'serious_weaknesses' }),
			'inadequate'
		],
		[
			'report card, Expected, special measures',
			card([{ area: 'Achievement', grade: 'expected_standard' }], '2026-01-01', { categoryOfConcern: 'special_measures' }),
			'inadequate'
		],
		[
			'report card, Needs attention, serious weaknesses',
			card([{ area: 'Achievement', grade: 'needs_attention' }], '2026-01-01', { categoryOfConcern: 'serious_weaknesses' }),
			'inadequate'
		],
		[
			'report card, requires significant improvement',
			card([{ area: 'Achievement', grade: 'urgent_improvement' }], '2026-01-01', { categoryOfConcern: 'requires_significant_improvement' }),
			'inadequate'
		],
		['OEIF Good at the predecessor school', oeif('good', '2019-01-01', null, { predecessor: true }), 'good_or_better']
	])('%s → %s', (_, e, standing) => {
		expect(ofstedStanding(e)).toBe(standing);
	});

	it('takes the latest graded outcome; an ungraded inspection never replaces it', () => {
		const graded = oeif('requires_improvement', '2022-01-10');
		const later = ungraded('Improved significantly', '2025-01-10');
		expect(latestOfsted([later, graded], AS_OF_2026)).toBe(graded);
		expect(latestOfsted([later], AS_OF_2026)).toBeNull();
	});

	it('counts a graded inspection with no overall grade, and a report card after it', () => {
		const notJudged = oeif(null, '2025-03-01', { qualityOfEducation: 2, leadershipAndManagement: 2 });
		const older = oeif('good', '2019-03-01');
		expect(latestOfsted([older, notJudged], AS_OF_2026)).toBe(notJudged);
		const reportCardAfter = card([], '2026-02-01');
		expect(latestOfsted([reportCardAfter, older, notJudged], AS_OF_2026)).toBe(reportCardAfter);
	});

	it('on the same day prefers the report card to a graded inspection, whatever the order given', () => {
		const a = oeif(null, '2025-11-20', { qualityOfEducation: 3 });
		const b = card([], '2025-11-20');
		expect(latestOfsted([a, b], AS_OF_2026)).toBe(b);
		expect(latestOfsted([b, a], AS_OF_2026)).toBe(b);
	});

	it('finds the graded outcome before the latest, passing over ungraded ones and same-day records', () => {
		const first = oeif('inadequate', '2018-01-10');
		const second = oeif('requires_improvement', '2021-01-10');
		const between = ungraded('Some aspects not as strong', '2023-01-10');
		const latest = card([], '2026-01-10');
		const sameDay = { ...oeif('good', '2026-01-10') };
		expect(previousGradedOfsted([latest, between, first, second, sameDay], latest, AS_OF_2026)).toBe(second);
		expect(previousGradedOfsted([first], first, AS_OF_2026)).toBeNull();
	});

	it.each([
		['Some aspects not as strong', true],
		['some aspects NOT AS STRONG', true],
		['Concerns: school may not be Good', true],
		['School may not remain Outstanding', true],
		['Not taking effective action', true],
		['School remains Good', false],
		['School remains Outstanding', false],
		['Standards maintained', false],
		['Improved significantly', false],
		['Taking effective action', false]
	])('ungraded outcome %j is a concern: %s', (outcome, concern) => {
		expect(isUngradedConcernOutcome(outcome)).toBe(concern);
	});

	it.each<[string, SoftIntelligenceEntry[], number | null]>([
		['an ungraded concern after a Good', [oeif('good', '2021-05-01'), ungraded('Some aspects not as strong', '2026-02-03')], 1],
		['an ungraded concern with nothing graded', [ungraded('Some aspects not as strong', '2024-02-03')], 0],
		['an ungraded concern at the predecessor school', [ungraded('Some aspects not as strong', '2024-02-03', { predecessor: true })], 0],
		[
			'superseded by a later graded inspection',
			[ungraded('Some aspects not as strong', '2025-02-03'), oeif(null, '2025-10-01', { qualityOfEducation: 2 })],
			null
		],
		['superseded by a later report card', [ungraded('Some aspects not as strong', '2025-02-03'), card([], '2026-01-05')], null],
		['superseded by a later ungraded inspection', [ungraded('Some aspects not as strong', '2024-02-03'), ungraded('School remains Good', '2026-01-05')], null],
		['a graded inspection on the same day', [ungraded('Some aspects not as strong', '2025-02-03'), oeif('good', '2025-02-03')], null],
		['withdrawn (ended)', [{ ...ungraded('Some aspects not as strong', '2025-02-03'), endDate: '2025-03-01' }], null],
		['dated after the analysis date', [ungraded('Some aspects not as strong', '2026-06-01')], null],
		['an ungraded inspection that is no concern', [ungraded('School remains Good', '2026-02-03')], null]
	])('ungradedConcern: %s', (_, register, index) => {
		const found = ungradedConcern(register, AS_OF_2026);
		expect(found).toBe(index === null ? null : register[index]);
		expect(openConcerns(register, AS_OF_2026)).toEqual(index === null ? [] : [register[index]]);
	});

	it('puts an open ungraded concern in the summary, and among the open concerns by date', () => {
		const graded = oeif('good', '2021-05-01');
		const concern = ungraded('Some aspects not as strong', '2025-09-30');
		const finance = entry('finance', '2026-01-10');
		const staffing = entry('staffing', '2025-01-10');
		const summary = summariseSoftIntelligence([finance, concern, graded, staffing], AS_OF_2026, 24);
		expect([summary.ofsted, summary.standing, summary.ungradedConcern, summary.openConcerns]).toEqual([
			graded,
			'good_or_better',
			concern,
			[staffing, concern, finance]
		]);
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
			ungradedConcern: null,
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
