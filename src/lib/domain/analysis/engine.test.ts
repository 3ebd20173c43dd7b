import { describe, expect, it } from 'vitest';
import type { Ks2SchoolYear } from '../ks2/types';
import type { Category } from './categories';
import { categorise, categoriseAll, type CategoriseInput } from './engine';
import { DEFAULT_POLICY, type Policy, type PolicyRule } from './policy';
import type { SoftIntelligenceEntry } from './soft-intelligence';
import { card, ENGLAND, englandRow, entry, gaps, legacy, oeif, progressFigures, schoolInput, schoolYear, ungraded, URN } from './test-fixtures';

function policyWith(rules: PolicyRule[]): Policy {
	return { ...DEFAULT_POLICY, version: 2, rules };
}

const small = (rwm2017: number, rwm2018: number, rwm2019: number): Ks2SchoolYear[] => [
	schoolYear(2017, rwm2017, { cohort: 9 }),
	schoolYear(2018, rwm2018, { cohort: 8 }),
	schoolYear(2019, rwm2019, { cohort: 7 })
];

describe('categorise', () => {
	it('says the numbers the way docs/categories.md does', () => {
		const r = categorise(schoolInput(gaps(0, 0, -17, { rwmExpected: 48 })), DEFAULT_POLICY);
		expect(r.firedRules[0].sentence.startsWith('RWM expected 48%, 17 points below England (65%) in 2018/19')).toBe(true);
	});

	it('lets the first rule in policy order decide, and reports every rule that fired in that order', () => {
		const r = categorise(schoolInput(gaps(-12, -5, -25), [legacy('requires_improvement', '2018-01-10')]), DEFAULT_POLICY);
		expect(r.category).toBe('intensive');
		expect(r.decidingRule).toBe('I2');
		expect(r.firedRules.map((f) => `${f.id}:${f.category}`)).toEqual(['I2:intensive', 'F1:focus', 'F2:focus', 'F5:focus', 'L1:light_touch']);
		expect(r.summary).toBe(`Intensive support (I2): ${r.firedRules[0].sentence}`);
	});

	it('is Secure when no rule fires, and says so with the figures', () => {
		const r = categorise(schoolInput(gaps(3, 3, 3)), DEFAULT_POLICY);
		expect([r.category, r.decidingRule, r.firedRules]).toEqual(['secure', null, []]);
		expect(r.summary).toBe('Secure: no rule called for more support. RWM expected 68%, 3 points above England (65%) in 2018/19.');
	});

	it.each<[string, (rules: PolicyRule[]) => PolicyRule[], CategoriseInput, Category, Category]>([
		[
			'a disabled rule is skipped',
			(rules) => rules.map((r) => (r.id === 'F5' ? { ...r, enabled: false } : r)),
			schoolInput(gaps(0, 0, -22)),
			'focus',
			'light_touch'
		],
		[
			'a rule given a higher category',
			(rules) => rules.map((r) => (r.id === 'F5' ? { ...r, category: 'intensive' as const } : r)),
			schoolInput(gaps(0, 0, -22)),
			'focus',
			'intensive'
		],
		[
			'P1 moved above the Light touch rules keeps a strong school with one light-touch signal in Secure Plus',
			(rules) => [...rules.filter((r) => r.id !== 'P1' && !r.id.startsWith('L')), rules[13], ...rules.filter((r) => r.id.startsWith('L'))],
			schoolInput(gaps(15, 15, 15, { rwmExpectedDisadvantaged: 40, disadvantagedCount: 12 })),
			'light_touch',
			'secure_plus'
		]
	])('%s', (_, change, input, before, after) => {
		expect(categorise(input, DEFAULT_POLICY).category).toBe(before);
		expect(categorise(input, policyWith(change(DEFAULT_POLICY.rules))).category).toBe(after);
	});

	it('runs over the 2020 to 2022 gap: 2022/23 reads 2017/18, 2018/19 and 2022/23', () => {
		const years = [schoolYear(2017, 70), schoolYear(2018, 52, progressFigures(-1, -1, -1)), schoolYear(2019, 53), schoolYear(2023, 38)];
		const r = categorise(schoolInput(years, [], { year: 2023, asOf: '2023-09-01' }), DEFAULT_POLICY);
		expect(r.signals.dataYears.map((d) => [d.year, d.gap])).toEqual([
			[2023, -22],
			[2019, -12],
			[2018, -12]
		]);
		expect([r.category, r.decidingRule, r.confidence]).toEqual(['intensive', 'I2', 'high']);
		expect(r.firedRules[0].sentence).toContain(
			'3 of the last 3 data years: 2017/18 (12 points below), 2018/19 (12 points below) and 2022/23 (22 points below)'
		);
	});

	it('works on attainment alone in years without progress scores', () => {
		const years = [schoolYear(2019, 80, progressFigures(-5, -5, -5)), schoolYear(2023, 75), schoolYear(2024, 76)];
		const r = categorise(schoolInput(years, [], { year: 2024, asOf: '2024-09-01' }), DEFAULT_POLICY);
		expect(r.signals.progress?.published).toBe(false);
		expect([r.category, r.decidingRule, r.confidence]).toEqual(['secure_plus', 'P1', 'high']);
		expect(r.firedRules[0].sentence).toContain('no progress scores for 2023/24');
	});

	it('ignores rows that belong to another school', () => {
		const stray = schoolYear(2019, 10, { urn: URN + 1 });
		const r = categorise(schoolInput([...gaps(0, 0, 0).slice(0, 2), stray, schoolYear(2019, 65)]), DEFAULT_POLICY);
		expect(r.signals.attainment?.school).toBe(65);
	});

	it.each<[string, CategoriseInput, Category, string | null]>([
		['an infant school with nothing recorded', schoolInput([], [], { school: { urn: URN, name: 'Infants', ageHigh: 7 } }), 'secure', null],
		[
			'an infant school with an RI grade',
			schoolInput([], [legacy('requires_improvement', '2018-01-01')], { school: { urn: URN, name: 'Infants', hasKs2: false } }),
			'focus',
			'F1'
		],
		[
			'a new school with a safeguarding concern',
			schoolInput([schoolYear(2019, null, { codes: { rwmExpected: 'NEW' } })], [entry('safeguarding', '2019-06-01')]),
			'intensive',
			'I1'
		],
		['a special school with very low results', schoolInput([schoolYear(2018, 0, { recordType: 2 }), schoolYear(2019, 0, { recordType: 2 })]), 'secure', null]
	])('judges %s on soft intelligence alone and asks an adviser', (_, input, category, rule) => {
		const r = categorise(input, DEFAULT_POLICY);
		expect([r.category, r.decidingRule, r.confidence, r.needsConfirmation]).toEqual([category, rule, 'low', true]);
		expect(r.confirmationReason).toMatch(/^Not judged on KS2 results \(.+\): an adviser must judge this school on what they know$/);
	});

	it('returns plain data that can be stored as JSON', () => {
		const r = categorise(schoolInput(gaps(-12, -5, -25), [entry('new_head', '2019-01-01')]), DEFAULT_POLICY);
		expect(JSON.parse(JSON.stringify(r))).toEqual(r);
	});

	it('records the evidence it used', () => {
		const comparators = [
			englandRow(2017, { rwmExpected: null }),
			englandRow(2017, { kind: 'england_all', rwmExpected: 61 }),
			englandRow(2018),
			englandRow(2019)
		];
		const ofsted = legacy('good', '2018-01-01');
		const concern = entry('finance', '2019-02-01');
		const head = entry('new_head', '2019-04-01');
		const referral = entry('self_referral', '2019-07-01');
		const years = [schoolYear(2016, 50), ...gaps(0, 0, 0)];
		const r = categorise(schoolInput(years, [ofsted, concern, head, referral], { comparators }), DEFAULT_POLICY);
		expect(r.evidence).toEqual({
			policy: { id: 'afo-default-1', version: 1 },
			latestRowYear: 2019,
			skippedYears: [{ year: 2016, reason: 'no_england_figure', code: null }],
			allSchoolsComparatorYears: [2017],
			softIntelligence: { latestOfstedId: ofsted.id, openConcernIds: [concern.id], leadershipRiskIds: [head.id], selfReferralIds: [referral.id] }
		});
	});
});

describe('confidence', () => {
	it.each<[string, Ks2SchoolYear[], 'high' | 'medium' | 'low', string[]]>([
		['three full years', gaps(0, 0, 0), 'high', []],
		['two years', gaps(0, 0, 0).slice(1), 'medium', ['Only 2 years of data (2017/18 and 2018/19)']],
		['nothing this year', [schoolYear(2016, 53), schoolYear(2017, 61), schoolYear(2018, 64)], 'medium', ['The latest results are from 2017/18, not 2018/19']],
		['a small cohort', small(61, 64, 65), 'low', ['Small cohort: 7 pupils in the latest year']],
		['one year', [schoolYear(2019, 65)], 'low', ['Only one year of data (2018/19)']]
	])('%s: %s', (_, years, confidence, reasons) => {
		const r = categorise(schoolInput(years), DEFAULT_POLICY);
		expect([r.confidence, r.confidenceReasons]).toEqual([confidence, reasons]);
	});
});

describe('adviser confirmation', () => {
	const persistentlyLow = small(41, 44, 60);
	it.each<[string, CategoriseInput, Category, boolean]>([
		['Focus on data alone at low confidence', schoolInput(persistentlyLow), 'focus', true],
		['Focus at low confidence when last year was Light touch', schoolInput(persistentlyLow, [], { previousCategory: 'light_touch' }), 'focus', true],
		['Focus at low confidence when last year was already Focus', schoolInput(persistentlyLow, [], { previousCategory: 'focus' }), 'focus', false],
		['Focus at low confidence backed by an Ofsted grade', schoolInput(persistentlyLow, [legacy('requires_improvement', '2018-01-01')]), 'focus', false],
		['Focus at high confidence', schoolInput(gaps(-20, -20, 0)), 'focus', false],
		['Light touch at low confidence', schoolInput(small(61, 64, 50)), 'light_touch', false],
		['Secure at low confidence', schoolInput(small(61, 64, 65)), 'secure', false]
	])('%s: confirm %s', (_, input, category, confirm) => {
		const r = categorise(input, DEFAULT_POLICY);
		expect([r.category, r.needsConfirmation]).toEqual([category, confirm]);
	});

	it('says why', () => {
		expect(categorise(schoolInput(persistentlyLow), DEFAULT_POLICY).confirmationReason).toBe(
			'Focus support proposed on data alone at low confidence (small cohort: 7 pupils in the latest year): an adviser must confirm it'
		);
	});
});

describe('categoriseAll', () => {
	it('categorises each school in the order given, sharing one comparator list', () => {
		const inputs = [schoolInput(gaps(0, 0, -25)), schoolInput(gaps(0, 0, 0)), schoolInput(gaps(0, 0, -12))].map((input, i) => ({
			...input,
			school: { urn: URN, name: `School ${i}` },
			comparators: ENGLAND
		}));
		expect(categoriseAll(inputs, DEFAULT_POLICY).map((r) => [r.name, r.category])).toEqual([
			['School 0', 'focus'],
			['School 1', 'secure'],
			['School 2', 'light_touch']
		]);
	});
});

describe('the three kinds of Ofsted outcome live in 2026', () => {
	const goodThen = oeif('good', '2021-05-01');
	const concern = ungraded('Some aspects not as strong', '2025-06-12');
	it.each<[string, SoftIntelligenceEntry[], Category, string | null]>([
		['a graded inspection with an overall grade of Requires improvement', [oeif('requires_improvement', '2023-01-10')], 'focus', 'F1'],
		['no overall grade, quality of education 3', [oeif(null, '2025-03-14', { qualityOfEducation: 3, leadershipAndManagement: 2 })], 'focus', 'F1'],
		['no overall grade, leadership and management 4', [oeif(null, '2025-03-14', { qualityOfEducation: 3, leadershipAndManagement: 4 })], 'intensive', 'I1'],
		[
			'no overall grade, every judgement 2',
			[oeif(null, '2025-03-14', { qualityOfEducation: 2, behaviourAndAttitudes: 2, personalDevelopment: 2, leadershipAndManagement: 2 })],
			'secure',
			null
		],
		['a report card with every area Expected or better', [card([{ area: 'Achievement', grade: 'expected_standard' }], '2026-01-20')], 'secure', null],
		[
			'a report card in special measures',
			[card([{ area: 'Achievement', grade: 'needs_attention' }], '2026-01-20', { categoryOfConcern: 'special_measures' })],
			'intensive',
			'I1'
		],
		[
			'a Good graded inspection with serious weaknesses recorded',
			[oeif('good', '2023-01-10', null, { categoryOfConcern: 'serious_weaknesses' })],
			'intensive',
			'I1'
		],
		['Requires improvement at the predecessor school', [oeif('requires_improvement', '2022-01-10', null, { predecessor: true })], 'focus', 'F1'],
		['an ungraded inspection with some aspects not as strong, after Good', [goodThen, concern], 'light_touch', 'L5'],
		[
			'the same, superseded by a later graded inspection',
			[goodThen, concern, oeif(null, '2025-10-20', { qualityOfEducation: 2, leadershipAndManagement: 2 })],
			'secure',
			null
		],
		['an ungraded inspection in which the school remains Good', [goodThen, ungraded('School remains Good', '2025-06-12')], 'secure', null]
	])('%s: %s (%s)', (_, register, category, rule) => {
		const r = categorise(schoolInput(gaps(3, 3, 3), register, { asOf: '2026-05-01' }), DEFAULT_POLICY);
		expect([r.category, r.decidingRule]).toEqual([category, rule]);
	});

	it('keeps the latest graded outcome as the evidence, and the ungraded concern among the open concerns', () => {
		const r = categorise(schoolInput(gaps(3, 3, 3), [concern, goodThen], { asOf: '2026-05-01' }), DEFAULT_POLICY);
		expect([r.evidence.softIntelligence.latestOfstedId, r.evidence.softIntelligence.openConcernIds]).toEqual([goodThen.id, [concern.id]]);
	});
});
