import { describe, expect, it } from 'vitest';
import type { Category } from './categories';
import { categorise } from './engine';
import { DEFAULT_POLICY, type Policy } from './policy';
import { currentQualityMarks, qualityMarkCapacityPhrase, type QualityMarkAward } from './quality-mark-capacity';
import type { RuleId } from './rule-catalogue';
import { entry, gaps, legacy, progressFigures, schoolInput } from './test-fixtures';

const award = (name: string, awardDate: string, expiryDate: string): QualityMarkAward => ({ name, awardDate, expiryDate });
const BS = award('Basic Skills Quality Mark', '2018-07-14', '2021-07-13');

describe('currentQualityMarks: the awards held on the analysis date', () => {
	it.each<[string, QualityMarkAward[], string, string[]]>([
		['none', [], '2019-09-01', []],
		['awarded that day', [award('A', '2019-09-01', '2022-08-31')], '2019-09-01', ['A']],
		['on its last day (renewal due still counts)', [award('A', '2016-09-01', '2019-09-01')], '2019-09-01', ['A']],
		['the day after its last day (lapsed)', [award('A', '2016-09-01', '2019-08-31')], '2019-09-01', []],
		['awarded after the date', [award('A', '2019-09-02', '2022-09-01')], '2019-09-01', []],
		['two held, by name', [award('B', '2018-01-01', '2021-01-01'), award('A', '2018-01-01', '2021-01-01')], '2019-09-01', ['A', 'B']]
	])('%s', (_, awards, asOf, names) => {
		expect(currentQualityMarks(awards, asOf).map((a) => a.name)).toEqual(names);
	});

	it('says which award, when it was made and how long it lasts', () => {
		expect(qualityMarkCapacityPhrase([BS])).toBe(
			'Holds the Basic Skills Quality Mark (awarded 14 July 2018, current until 13 July 2021), which this policy counts as capacity to improve and to lead support for others'
		);
	});
});

/** The default policy with rule P2 switched on where it stands, after every other rule. */
const WITH_P2: Policy = { ...DEFAULT_POLICY, version: 2, rules: DEFAULT_POLICY.rules.map((r) => (r.id === 'P2' ? { ...r, enabled: true } : r)) };

describe('rule P2: a current Quality Mark as a capacity indicator', () => {
	it.each<[string, ReturnType<typeof schoolInput>, Category, RuleId | null, Category, RuleId | null, RuleId[]]>([
		// name, school, default category, default deciding rule, with P2 on: category, deciding rule, every rule that fired
		[
			'a Secure school with a current award is proposed as Secure Plus',
			schoolInput(gaps(3, 3, 3), [], { qualityMarks: [BS] }),
			'secure',
			null,
			'secure_plus',
			'P2',
			['P2']
		],
		[
			'a Secure school whose award has lapsed stays Secure',
			schoolInput(gaps(3, 3, 3), [], { qualityMarks: [{ ...BS, expiryDate: '2019-08-31' }] }),
			'secure',
			null,
			'secure',
			null,
			[]
		],
		['a Secure school with no award stays Secure', schoolInput(gaps(3, 3, 3)), 'secure', null, 'secure', null, []],
		[
			'a Light touch school keeps its category, with the award as a further reason',
			schoolInput(gaps(0, 0, -10), [], { qualityMarks: [BS] }),
			'light_touch',
			'L1',
			'light_touch',
			'L1',
			['L1', 'P2']
		],
		[
			'a Focus school keeps its category',
			schoolInput(gaps(0, 0, 0), [legacy('requires_improvement', '2018-01-10')], { qualityMarks: [BS] }),
			'focus',
			'F1',
			'focus',
			'F1',
			['F1', 'P2']
		],
		[
			'an open concern still decides',
			schoolInput(gaps(3, 3, 3), [entry('finance', '2019-01-10')], { qualityMarks: [BS] }),
			'light_touch',
			'L5',
			'light_touch',
			'L5',
			['L5', 'P2']
		],
		[
			'a Secure Plus school on its results gets the award as a second reason',
			schoolInput(gaps(10, 12, 15, { rwmHigh: 12, ...progressFigures(0.5, 0, 1.2) }), [legacy('good', '2017-06-01')], { qualityMarks: [BS] }),
			'secure_plus',
			'P1',
			'secure_plus',
			'P1',
			['P1', 'P2']
		]
	])('%s', (_, input, before, beforeRule, after, afterRule, fired) => {
		const off = categorise(input, DEFAULT_POLICY);
		expect([off.category, off.decidingRule]).toEqual([before, beforeRule]);
		expect(off.firedRules.map((r) => r.id)).not.toContain('P2');
		const on = categorise(input, WITH_P2);
		expect([on.category, on.decidingRule]).toEqual([after, afterRule]);
		expect(on.firedRules.map((r) => r.id)).toEqual(fired);
	});

	it('explains a Secure Plus proposal made on the award alone in words', () => {
		const r = categorise(schoolInput(gaps(3, 3, 3), [], { qualityMarks: [BS] }), WITH_P2);
		expect(r.summary).toBe(
			'Secure Plus (P2): Holds the Basic Skills Quality Mark (awarded 14 July 2018, current until 13 July 2021), which this policy counts as capacity to improve and to lead support for others.'
		);
		expect(r.firedRules[0]).toMatchObject({ category: 'secure_plus', basis: 'quality_mark' });
		expect(r.needsConfirmation).toBe(false);
	});
});
