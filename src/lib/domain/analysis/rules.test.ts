import { describe, expect, it } from 'vitest';
import type { Ks2SchoolYear } from '../ks2/types';
import { categorise, type CategoriseInput } from './engine';
import { DEFAULT_POLICY } from './policy';
import { RULE_IDS, type RuleId } from './rule-catalogue';
import type { SoftIntelligenceEntry } from './soft-intelligence';
import { card, entry, gaps, legacy, oeif, progressFigures, reportCard, schoolInput, schoolYear, ungraded } from './test-fixtures';

/** The default policy with the optional rules (P2) switched on too, so every rule is tried. */
const EVERY_RULE_ON = { ...DEFAULT_POLICY, rules: DEFAULT_POLICY.rules.map((r) => ({ ...r, enabled: true })) };

/** The sentence a rule gave for this school with every rule on, or null if it did not fire. */
function sentenceOf(id: RuleId, input: CategoriseInput): string | null {
	return categorise(input, EVERY_RULE_ON).firedRules.find((r) => r.id === id)?.sentence ?? null;
}

const BASIC_SKILLS = { name: 'Basic Skills Quality Mark', awardDate: '2018-07-14', expiryDate: '2021-07-13' };
const PROFESSIONAL_DEVELOPMENT = { name: 'Professional Development Quality Mark', awardDate: '2016-09-01', expiryDate: '2019-08-31' };

const inLine = gaps(0, 0, 0);
const school = (years: Ks2SchoolYear[], register: SoftIntelligenceEntry[] = []) => schoolInput(years, register);
/** The same 2016/17 to 2018/19 results, with the register read in May 2026, when all three kinds of Ofsted outcome are live. */
const in2026 = (years: Ks2SchoolYear[], register: SoftIntelligenceEntry[]) => schoolInput(years, register, { asOf: '2026-05-01' });
const strong = gaps(10, 12, 15, { rwmHigh: 12, ...progressFigures(0.5, 0, 1.2) });
const STRONG_DATA =
	"RWM expected 10 points or more above England in each of 2016/17 (71%, 10 points above), 2017/18 (76%, 12 points above) and 2018/19 (80%, 15 points above); RWM high 12% against England's 10%; no progress measure significantly below average";

const FIRES: [RuleId, string, CategoriseInput, string][] = [
	[
		'I1',
		'a legacy Inadequate grade',
		school(inLine, [legacy('inadequate', '2018-03-12')]),
		"Ofsted's graded inspection on 12 March 2018 judged the school Inadequate."
	],
	[
		'I1',
		'a report-card area at Urgent improvement',
		school(inLine, [reportCard([{ area: 'Achievement', grade: 'urgent_improvement' }], '2019-03-12')]),
		"Ofsted's report card of 12 March 2019 graded Achievement as Urgent improvement."
	],
	[
		'I1',
		'safeguarding not met',
		school(inLine, [reportCard([{ area: 'Achievement', grade: 'strong_standard' }], '2019-03-12', false)]),
		"Ofsted's report card of 12 March 2019 found safeguarding not met."
	],
	['I1', 'an open safeguarding concern', school(inLine, [entry('safeguarding', '2019-05-04')]), 'An open safeguarding concern, recorded on 4 May 2019.'],
	[
		'I2',
		'well below now and below in 2 of 3 years',
		school(gaps(-12, -5, -25)),
		"RWM expected 40%, 25 points below England (65%) in 2018/19, about 8 pupils short of England's rate in a cohort of 30; RWM expected 10 points or more below England in 2 of the last 3 data years: 2016/17 (12 points below) and 2018/19 (25 points below)."
	],
	[
		'I2',
		'well below now with 2 progress measures sig below',
		school(gaps(0, 0, -25, progressFigures(-2, 0, -2.4))),
		"RWM expected 40%, 25 points below England (65%) in 2018/19, about 8 pupils short of England's rate in a cohort of 30; progress significantly below average in reading (-2) and maths (-2.4) in 2018/19."
	],
	[
		'I2',
		'both reasons at once',
		school(gaps(-12, -5, -25, progressFigures(-2, 0, -2.4))),
		"RWM expected 40%, 25 points below England (65%) in 2018/19, about 8 pupils short of England's rate in a cohort of 30; RWM expected 10 points or more below England in 2 of the last 3 data years: 2016/17 (12 points below) and 2018/19 (25 points below); and progress significantly below average in reading (-2) and maths (-2.4) in 2018/19."
	],
	[
		'I3',
		'RI, below and declining',
		school(gaps(10, 0, -12), [legacy('requires_improvement', '2018-01-10')]),
		"Ofsted's graded inspection on 10 January 2018 judged the school Requires improvement; RWM expected 53%, 12 points below England (65%) in 2018/19, about 4 pupils short of England's rate in a cohort of 30; and RWM expected went from 10 points above England in 2016/17 to 12 points below in 2018/19, a fall of 22 points."
	],
	[
		'I3',
		'Needs attention, below and a new head',
		school(gaps(0, 0, -10), [reportCard([{ area: 'Inclusion', grade: 'needs_attention' }], '2019-01-10'), entry('new_head', '2019-04-23')]),
		"Ofsted's report card of 10 January 2019 graded Inclusion as Needs attention; RWM expected 55%, 10 points below England (65%) in 2018/19, about 3 pupils short of England's rate in a cohort of 30; and leadership risk: a new headteacher since 23 April 2019."
	],
	[
		'F1',
		'Requires improvement',
		school(inLine, [legacy('requires_improvement', '2018-01-10')]),
		"Ofsted's graded inspection on 10 January 2018 judged the school Requires improvement."
	],
	[
		'F1',
		'two areas at Needs attention',
		school(inLine, [
			reportCard(
				[
					{ area: 'Inclusion', grade: 'needs_attention' },
					{ area: 'Achievement', grade: 'needs_attention' }
				],
				'2019-01-10'
			)
		]),
		"Ofsted's report card of 10 January 2019 graded Inclusion and Achievement as Needs attention."
	],
	[
		'F2',
		'below in 2 of the last 3 years',
		school(gaps(-10, 5, -10)),
		'RWM expected 10 points or more below England in 2 of the last 3 data years: 2016/17 (10 points below) and 2018/19 (10 points below).'
	],
	[
		'F3',
		'two progress measures well below',
		school(gaps(0, 0, 0, { ...progressFigures(-4, 0, -3), writProgressBand: 3 })),
		'Progress well below average in reading (-4) and maths (-3) in 2018/19.'
	],
	[
		'F4',
		'declining with interim leadership',
		school(gaps(20, 10, 0), [entry('interim_leadership', '2019-01-07')]),
		'RWM expected went from 20 points above England in 2016/17 to level with in 2018/19, a fall of 20 points; and leadership risk: interim leadership since 7 January 2019.'
	],
	[
		'F5',
		'well below in the latest year',
		school(gaps(0, 0, -20)),
		"RWM expected 45%, 20 points below England (65%) in 2018/19, about 6 pupils short of England's rate in a cohort of 30."
	],
	[
		'L1',
		'below in the latest year',
		school(gaps(0, 0, -10, { cohort: 52 })),
		"RWM expected 55%, 10 points below England (65%) in 2018/19, about 5 pupils short of England's rate in a cohort of 52."
	],
	['L2', 'one progress measure well below', school(gaps(0, 0, 0, progressFigures(0, -3.5, 0))), 'Progress well below average in writing (-3.5) in 2018/19.'],
	[
		'L2',
		'two measures significantly below',
		school(gaps(0, 0, 0, { readProgressBand: 4, writProgressBand: 4, readProgress: -1.5, writProgress: -1.7 })),
		'Progress significantly below average in reading (-1.5) and writing (-1.7) in 2018/19.'
	],
	[
		'L3',
		'a fall of 16 points',
		school(gaps(20, 10, 4)),
		'RWM expected went from 20 points above England in 2016/17 to 4 points above in 2018/19, a fall of 16 points.'
	],
	[
		'L3',
		'a fall at each step to below England',
		school(gaps(8, 2, -3)),
		'RWM expected fell against England at each of the last two steps: 8 points above in 2016/17, 2 points above in 2017/18 and 3 points below in 2018/19.'
	],
	[
		'L4',
		'a disadvantaged gap of 31 with 12 pupils',
		school(gaps(0, 0, 0, { rwmExpectedDisadvantaged: 40, disadvantagedCount: 12 })),
		"Disadvantaged pupils: 40% met the expected standard in RWM in 2018/19, 31 points below England's other pupils (71%), in a group of 12 disadvantaged pupils."
	],
	[
		'L5',
		'open concerns',
		school(inLine, [entry('staffing', '2019-02-01'), entry('finance', '2018-11-20')]),
		'Open concerns: finance concern since 20 November 2018 and staffing turbulence since 1 February 2019.'
	],
	['L5', 'a self-referral', school(inLine, [entry('self_referral', '2019-07-15')]), 'The school asked for support (self-referral of 15 July 2019).'],
	[
		'P1',
		'sustained results, RWM high, Good',
		school(gaps(10, 12, 15, { rwmHigh: 12, ...progressFigures(0.5, 0, 1.2) }), [legacy('good', '2017-06-01')]),
		"RWM expected 10 points or more above England in each of 2016/17 (71%, 10 points above), 2017/18 (76%, 12 points above) and 2018/19 (80%, 15 points above); RWM high 12% against England's 10%; no progress measure significantly below average; Ofsted's graded inspection on 1 June 2017 judged the school Good; no open concerns."
	],
	[
		'P1',
		'a small cohort on its pooled figure, all report-card areas Expected or better',
		school(
			[schoolYear(2019, 50, { cohort: 8, rwmExpected3yr: 80, cohort3yr: 26, rwmHigh3yr: 15 })],
			[reportCard([{ area: 'Achievement', grade: 'expected_standard' }], '2019-01-10')]
		),
		"RWM expected 80% over the three years to 2018/19 (26 pupils), 15 points above England (65%); pooled because the latest cohort of 8 is small; RWM high 15% against England's 10% over three years; no progress scores for 2018/19; Ofsted report card of 10 January 2019 with every area Expected standard or better and safeguarding met; no open concerns."
	],
	[
		'P2',
		'a current Basic Skills Quality Mark',
		schoolInput(inLine, [], { qualityMarks: [BASIC_SKILLS] }),
		'Holds the Basic Skills Quality Mark (awarded 14 July 2018, current until 13 July 2021), which this policy counts as capacity to improve and to lead support for others.'
	],
	[
		'P2',
		'two, with a lapsed one left out',
		schoolInput(inLine, [], {
			qualityMarks: [
				{ ...PROFESSIONAL_DEVELOPMENT, expiryDate: '2021-08-31' },
				BASIC_SKILLS,
				{ ...BASIC_SKILLS, name: 'Old Quality Mark', expiryDate: '2019-08-31' }
			]
		}),
		'Holds the Basic Skills Quality Mark (awarded 14 July 2018, current until 13 July 2021) and the Professional Development Quality Mark (awarded 1 September 2016, current until 31 August 2021), which this policy counts as capacity to improve and to lead support for others.'
	]
];

/** Rules that read Ofsted, on the 2026 kinds: graded inspections with and without an overall grade, report cards, ungraded inspections. */
const OFSTED_FIRES: [RuleId, string, CategoriseInput, string][] = [
	[
		'I1',
		'no overall grade, quality of education 4',
		in2026(inLine, [oeif(null, '2025-03-14', { qualityOfEducation: 4, leadershipAndManagement: 2 })]),
		"Ofsted's graded inspection with no overall grade on 14 March 2025 judged quality of education 4 (Inadequate)."
	],
	[
		'I1',
		'no overall grade, leadership 4 and quality of education 3',
		in2026(inLine, [oeif(null, '2025-03-14', { qualityOfEducation: 3, leadershipAndManagement: 4 })]),
		"Ofsted's graded inspection with no overall grade on 14 March 2025 judged quality of education 3 (Requires improvement) and leadership and management 4 (Inadequate)."
	],
	[
		'I1',
		'Inadequate and special measures, at the predecessor school',
		in2026(inLine, [oeif('inadequate', '2023-01-10', null, { categoryOfConcern: 'special_measures', predecessor: true })]),
		"Ofsted's graded inspection on 10 January 2023 (an inspection of the predecessor school) judged the school Inadequate and placed the school in special measures."
	],
	[
		'I1',
		'serious weaknesses with no overall grade',
		in2026(inLine, [oeif(null, '2025-02-03', { qualityOfEducation: 3, leadershipAndManagement: 3 }, { categoryOfConcern: 'serious_weaknesses' })]),
		"Ofsted's graded inspection with no overall grade on 3 February 2025 judged quality of education 3 (Requires improvement) and leadership and management 3 (Requires improvement) and found serious weaknesses."
	],
	[
		'I1',
		'special measures on a report card without an Urgent improvement grade',
		in2026(inLine, [card([{ area: 'Achievement', grade: 'needs_attention' }], '2026-01-20', { categoryOfConcern: 'special_measures' })]),
		"Ofsted's report card of 20 January 2026 placed the school in special measures."
	],
	[
		'I1',
		'Urgent improvement and requires significant improvement',
		in2026(inLine, [card([{ area: 'Achievement', grade: 'urgent_improvement' }], '2026-01-20', { categoryOfConcern: 'requires_significant_improvement' })]),
		"Ofsted's report card of 20 January 2026 graded Achievement as Urgent improvement and judged that the school requires significant improvement."
	],
	[
		'I1',
		'safeguarding not effective at a Good graded inspection',
		in2026(inLine, [oeif('good', '2024-05-01', null, { safeguardingEffective: false })]),
		"Ofsted's graded inspection on 1 May 2024 found safeguarding not effective."
	],
	[
		'I1',
		'a report card of the predecessor school with safeguarding not met',
		in2026(inLine, [card([{ area: 'Inclusion', grade: 'expected_standard' }], '2025-12-02', { safeguardingMet: false, predecessor: true })]),
		"Ofsted's report card of 2 December 2025 (an inspection of the predecessor school) found safeguarding not met."
	],
	[
		'I3',
		'no overall grade with quality of education 3, below and declining',
		in2026(gaps(10, 0, -12), [oeif(null, '2025-03-14', { qualityOfEducation: 3, leadershipAndManagement: 2 })]),
		"Ofsted's graded inspection with no overall grade on 14 March 2025 judged quality of education 3 (Requires improvement); RWM expected 53%, 12 points below England (65%) in 2018/19, about 4 pupils short of England's rate in a cohort of 30; and RWM expected went from 10 points above England in 2016/17 to 12 points below in 2018/19, a fall of 22 points."
	],
	[
		'F1',
		'no overall grade, leadership and management 3',
		in2026(inLine, [oeif(null, '2025-03-14', { qualityOfEducation: 2, behaviourAndAttitudes: 3, leadershipAndManagement: 3 })]),
		"Ofsted's graded inspection with no overall grade on 14 March 2025 judged leadership and management 3 (Requires improvement)."
	],
	[
		'F1',
		'Requires improvement at the predecessor school',
		in2026(inLine, [oeif('requires_improvement', '2022-06-30', { qualityOfEducation: 3 }, { predecessor: true })]),
		"Ofsted's graded inspection on 30 June 2022 (an inspection of the predecessor school) judged the school Requires improvement."
	],
	[
		'F1',
		'leadership and governance Needs attention on a report card',
		in2026(inLine, [
			card(
				[
					{ area: 'Leadership and governance', grade: 'needs_attention' },
					{ area: 'Achievement', grade: 'strong_standard' }
				],
				'2026-02-10'
			)
		]),
		"Ofsted's report card of 10 February 2026 graded Leadership and governance as Needs attention."
	],
	[
		'F1',
		'a report card after an ungraded inspection',
		in2026(inLine, [ungraded('School remains Good', '2024-01-10'), card([{ area: 'Inclusion', grade: 'needs_attention' }], '2026-02-10')]),
		"Ofsted's report card of 10 February 2026 graded Inclusion as Needs attention."
	],
	[
		'L5',
		'an ungraded inspection with some aspects not as strong, after a Good',
		in2026(inLine, [oeif('good', '2021-05-01'), ungraded('Some aspects not as strong', '2026-02-03')]),
		'Open concerns: Ofsted\'s ungraded inspection on 3 February 2026 with the outcome "Some aspects not as strong".'
	],
	[
		'L5',
		'an ungraded concern at the predecessor school beside a finance concern',
		in2026(inLine, [entry('finance', '2026-03-01'), ungraded('Some aspects not as strong', '2025-06-12', { predecessor: true })]),
		'Open concerns: Ofsted\'s ungraded inspection on 12 June 2025 (an inspection of the predecessor school) with the outcome "Some aspects not as strong" and finance concern since 1 March 2026.'
	],
	[
		'P1',
		'no overall grade, every deciding judgement Good',
		in2026(strong, [oeif(null, '2025-03-14', { qualityOfEducation: 2, behaviourAndAttitudes: 1, personalDevelopment: 2, leadershipAndManagement: 2 })]),
		`${STRONG_DATA}; Ofsted's graded inspection with no overall grade on 14 March 2025 judged quality of education 2 (Good) and leadership and management 2 (Good); no open concerns.`
	],
	[
		'P1',
		'Outstanding, then an ungraded inspection that is no concern',
		in2026(strong, [oeif('outstanding', '2015-06-01'), ungraded('School remains Outstanding', '2024-01-10')]),
		`${STRONG_DATA}; Ofsted's graded inspection on 1 June 2015 judged the school Outstanding; no open concerns.`
	],
	[
		'P1',
		'a Good report card of the predecessor school',
		in2026(strong, [card([{ area: 'Achievement', grade: 'strong_standard' }], '2026-01-12', { predecessor: true })]),
		`${STRONG_DATA}; Ofsted report card of 12 January 2026 (an inspection of the predecessor school) with every area Expected standard or better and safeguarding met; no open concerns.`
	]
];

describe.each(OFSTED_FIRES)('rule %s fires on %s', (id, _, input, sentence) => {
	it('naming the kind of inspection, the grades that matter and the date', () => {
		expect(sentenceOf(id, input)).toBe(sentence);
	});
});

describe.each(FIRES)('rule %s fires on %s', (id, _, input, sentence) => {
	it('with a sentence that can be read aloud', () => {
		expect(sentenceOf(id, input)).toBe(sentence);
	});
});

const DOES_NOT_FIRE: [RuleId, string, CategoriseInput][] = [
	['I1', 'an old Inadequate followed by Good', school(inLine, [legacy('inadequate', '2014-01-01'), legacy('good', '2017-01-01')])],
	['I1', 'a safeguarding concern that has ended', school(inLine, [entry('safeguarding', '2018-01-01', '2019-01-01')])],
	['I1', 'a safeguarding concern recorded after the date', school(inLine, [entry('safeguarding', '2019-10-01')])],
	['I2', 'well below only in the latest year', school(gaps(0, 0, -25))],
	['I2', 'below but not well below every year', school(gaps(-15, -15, -19))],
	['I2', 'well below with only one measure sig below', school(gaps(0, 0, -25, progressFigures(-2, 0, 0)))],
	['I3', 'RI and below, but steady with settled leadership', school(gaps(-10, -10, -10), [legacy('requires_improvement', '2018-01-10')])],
	['I3', 'RI and declining, but in line', school(gaps(20, 10, 0), [legacy('requires_improvement', '2018-01-10')])],
	['F1', 'Good', school(inLine, [legacy('good', '2018-01-10')])],
	['F2', 'below in 1 of 3 years', school(gaps(-10, -9, -9))],
	['F3', 'one measure well below', school(gaps(0, 0, 0, progressFigures(-4, 0, 0)))],
	['F4', 'declining, leadership settled', school(gaps(20, 10, 0))],
	['F4', 'a new head two years ago, declining', school(gaps(20, 10, 0), [entry('new_head', '2017-08-31')])],
	['F4', 'a new head, not declining', school(inLine, [entry('new_head', '2019-04-23')])],
	['F5', '19 points below', school(gaps(0, 0, -19))],
	['L1', '9 points below', school(gaps(0, 0, -9))],
	['L2', 'one measure significantly below', school(gaps(0, 0, 0, progressFigures(-2, 0, 0)))],
	[
		'L2',
		'all measures LOWCOV',
		school(gaps(0, 0, 0, { ...progressFigures(-5, -5, -5), codes: { readCoverage: 'LOWCOV', writCoverage: 'LOWCOV', matCoverage: 'LOWCOV' } }))
	],
	['L3', 'a fall of 14 points', school(gaps(14, 7, 0))],
	['L3', 'only two years of data', school(gaps(0, 30, -10).slice(1))],
	['L4', 'a big gap in a group of 9', school(gaps(0, 0, 0, { rwmExpectedDisadvantaged: 10, disadvantagedCount: 9 }))],
	['L5', 'a new head on its own', school(inLine, [entry('new_head', '2019-04-23')])],
	['L5', 'a concern that has ended', school(inLine, [entry('complaint', '2018-01-01', '2018-06-01')])],
	['P1', 'a progress measure significantly below', school(gaps(10, 12, 15, progressFigures(-2, 0, 0)))],
	['P1', 'RWM high below England', school(gaps(10, 12, 15, { rwmHigh: 9 }))],
	['P1', 'Ofsted Requires improvement', school(gaps(10, 12, 15), [legacy('requires_improvement', '2018-01-10')])],
	['P1', 'an open concern', school(gaps(10, 12, 15), [entry('finance', '2019-01-10')])],
	['P1', 'one year at 9 points above', school(gaps(10, 9, 15))],
	['P1', 'only two years of data', school(gaps(10, 12, 15).slice(1))],
	['P2', 'no Quality Mark', school(inLine)],
	['P2', 'a Quality Mark that lapsed the day before the analysis date', schoolInput(inLine, [], { qualityMarks: [PROFESSIONAL_DEVELOPMENT] })],
	[
		'P2',
		'a Quality Mark awarded after the analysis date',
		schoolInput(inLine, [], { qualityMarks: [{ ...BASIC_SKILLS, awardDate: '2019-09-02', expiryDate: '2022-09-01' }] })
	]
];

const OFSTED_DOES_NOT_FIRE: [RuleId, string, CategoriseInput][] = [
	[
		'I1',
		'no overall grade with quality of education and leadership 3',
		in2026(inLine, [oeif(null, '2025-03-14', { qualityOfEducation: 3, leadershipAndManagement: 3 })])
	],
	[
		'I1',
		'no overall grade with only behaviour and attitudes 4',
		in2026(inLine, [oeif(null, '2025-03-14', { qualityOfEducation: 2, behaviourAndAttitudes: 4, leadershipAndManagement: 2 })])
	],
	[
		'I1',
		'an old category of concern followed by a Good graded inspection',
		in2026(inLine, [oeif('inadequate', '2019-01-01', null, { categoryOfConcern: 'special_measures' }), oeif('good', '2022-01-01')])
	],
	[
		'F1',
		'no overall grade with every deciding judgement Good',
		in2026(inLine, [oeif(null, '2025-03-14', { qualityOfEducation: 2, leadershipAndManagement: 2 })])
	],
	[
		'F1',
		'an ungraded inspection with some aspects not as strong: never a grade',
		in2026(inLine, [oeif('good', '2021-05-01'), ungraded('Some aspects not as strong', '2026-02-03')])
	],
	[
		'F1',
		'Requires improvement followed by a Good report card',
		in2026(inLine, [oeif('requires_improvement', '2021-05-01'), card([{ area: 'Achievement', grade: 'expected_standard' }], '2026-02-03')])
	],
	[
		'L5',
		'an ungraded concern superseded by a later graded inspection',
		in2026(inLine, [ungraded('Some aspects not as strong', '2025-06-12'), oeif(null, '2025-10-20', { qualityOfEducation: 2, leadershipAndManagement: 2 })])
	],
	[
		'L5',
		'an ungraded concern superseded by a later ungraded inspection',
		in2026(inLine, [ungraded('Some aspects not as strong', '2024-06-12'), ungraded('School remains Good', '2026-01-20')])
	],
	[
		'L5',
		'an ungraded inspection in which the school remains Good',
		in2026(inLine, [oeif('good', '2021-05-01'), ungraded('School remains Good', '2026-02-03')])
	],
	['L5', 'an ungraded concern dated after the analysis date', in2026(inLine, [ungraded('Some aspects not as strong', '2026-06-01')])],
	['P1', 'an open ungraded concern', in2026(strong, [oeif('good', '2021-05-01'), ungraded('Some aspects not as strong', '2026-02-03')])],
	['P1', 'no overall grade with quality of education 3', in2026(strong, [oeif(null, '2025-03-14', { qualityOfEducation: 3, leadershipAndManagement: 2 })])],
	[
		'P1',
		'a Good report card with a category of concern',
		in2026(strong, [card([{ area: 'Achievement', grade: 'expected_standard' }], '2026-02-03', { categoryOfConcern: 'serious_weaknesses' })])
	]
];

describe.each(OFSTED_DOES_NOT_FIRE)('rule %s does not fire on %s', (id, _, input) => {
	it('and is not reported', () => {
		expect(sentenceOf(id, input)).toBeNull();
	});
});

describe.each(DOES_NOT_FIRE)('rule %s does not fire on %s', (id, _, input) => {
	it('and is not reported', () => {
		expect(sentenceOf(id, input)).toBeNull();
	});
});

describe('the rule tables above', () => {
	it('cover every rule, firing and not firing', () => {
		expect([...new Set(FIRES.map(([id]) => id))].sort()).toEqual([...RULE_IDS].sort());
		expect([...new Set(DOES_NOT_FIRE.map(([id]) => id))].sort()).toEqual([...RULE_IDS].sort());
	});
});
