import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, validatePolicy, type Policy, type PolicyRule } from './policy';
import { RULE_IDS } from './rule-catalogue';

function withRules(rules: PolicyRule[]): Policy {
	return { ...DEFAULT_POLICY, rules };
}

function move(id: string, before: string): PolicyRule[] {
	const rules = DEFAULT_POLICY.rules.filter((r) => r.id !== id);
	const moved = DEFAULT_POLICY.rules.find((r) => r.id === id) as PolicyRule;
	rules.splice(
		rules.findIndex((r) => r.id === before),
		0,
		moved
	);
	return rules;
}

function errorsOf(raw: unknown): Record<string, string> {
	const result = validatePolicy(raw);
	return result.ok ? {} : result.errors;
}

describe('DEFAULT_POLICY', () => {
	it('holds every number of the default policy in docs/categories.md', () => {
		expect(DEFAULT_POLICY).toMatchObject({
			id: 'afo-default-1',
			version: 1,
			thresholds: {
				wellBelowGap: -20,
				belowGap: -10,
				wellAboveGap: 10,
				persistenceCount: 2,
				dataYears: 3,
				lookbackYears: 6,
				trendTotalDrop: -15,
				trendStepDrop: -5,
				progressWellBelowReadMaths: -3,
				progressWellBelowWriting: -3.5,
				progressSigBelowCount: 2,
				progressWellBelowCount: 2,
				disadvantagedGap: -30,
				disadvantagedMinPupils: 10,
				smallCohortBelow: 11
			}
		});
	});

	it("lists the rules in the default policy's order, all on, then the optional Quality Mark rule P2, off", () => {
		expect(DEFAULT_POLICY.rules.map((r) => `${r.id}:${r.category}:${r.enabled}`)).toEqual([
			'I1:intensive:true',
			'I2:intensive:true',
			'I3:intensive:true',
			'F1:focus:true',
			'F2:focus:true',
			'F3:focus:true',
			'F4:focus:true',
			'F5:focus:true',
			'L1:light_touch:true',
			'L2:light_touch:true',
			'L3:light_touch:true',
			'L4:light_touch:true',
			'L5:light_touch:true',
			'P1:secure_plus:true',
			'P2:secure_plus:false'
		]);
	});

	it('reads a stored policy written before P2 as the same policy with P2 added, switched off', () => {
		const older = { ...DEFAULT_POLICY, rules: DEFAULT_POLICY.rules.filter((r) => r.id !== 'P2') };
		expect(validatePolicy(JSON.parse(JSON.stringify(older)))).toEqual({ ok: true, value: DEFAULT_POLICY });
	});

	it('survives a trip through JSON, as it will in the database', () => {
		const stored = JSON.parse(JSON.stringify(DEFAULT_POLICY));
		expect(validatePolicy(stored)).toEqual({ ok: true, value: DEFAULT_POLICY });
	});
});

describe('validatePolicy: fields', () => {
	it.each([
		[{ name: '  ' }, 'name', 'Enter a name for the policy'],
		[{ name: 'x'.repeat(201) }, 'name', 'Name must be 200 characters or fewer'],
		[{ id: 'Has Spaces' }, 'id', 'Policy id must be lower-case letters, digits and hyphens, like afo-default-1'],
		[{ version: 0 }, 'version', 'Version must be a whole number, 1 or more'],
		[{ version: 1.5 }, 'version', 'Version must be a whole number, 1 or more']
	])('%j → %s error', (change, field, message) => {
		expect(errorsOf({ ...DEFAULT_POLICY, ...change })).toEqual({ [field]: message });
	});

	it.each([
		['belowGap', 'abc', 'Enter a number for "Below England (points)"'],
		['belowGap', '', 'Enter a number for "Below England (points)"'],
		['belowGap', 5, '"Below England (points)" must be between -100 and 0'],
		['wellAboveGap', -1, '"Well above England (points)" must be between 0 and 100'],
		['persistenceCount', 1.5, '"Years below England that make a persistent concern" must be a whole number'],
		['trendTotalDrop', 0, '"Fall that counts as declining (points)" must be between -100 and -0.1'],
		['progressWellBelowWriting', 3.5, '"Well below progress score, writing" must be between -20 and -0.1'],
		['progressSigBelowCount', 4, '"Progress measures significantly below that count" must be between 1 and 3'],
		['disadvantagedMinPupils', 0, '"Fewest disadvantaged pupils for the gap to count" must be between 1 and 1000'],
		['smallCohortBelow', 10.5, '"Small cohort: fewer pupils than" must be a whole number'],
		['dataYears', 2, '"Recent data years used" must be between 3 and 10'],
		['wellBelowGap', -10, '"Well below England" must be lower than "Below England"'],
		['dataYears', 7, '"Recent data years used" cannot be more than "Years to look back for data"'],
		['persistenceCount', 4, '"Years below England that make a persistent concern" cannot be more than "Recent data years used"']
	])('thresholds.%s = %j is refused', (key, value, message) => {
		const policy = { ...DEFAULT_POLICY, thresholds: { ...DEFAULT_POLICY.thresholds, [key]: value } };
		expect(errorsOf(policy)).toEqual({ [`thresholds.${key}`]: message });
	});

	it('takes numbers typed into a form as strings', () => {
		const policy = { ...DEFAULT_POLICY, version: '2', thresholds: { ...DEFAULT_POLICY.thresholds, belowGap: ' -12 ' } };
		const result = validatePolicy(policy);
		expect(result.ok && result.value.thresholds.belowGap).toBe(-12);
		expect(result.ok && result.value.version).toBe(2);
	});

	it('reports a missing thresholds object field by field', () => {
		expect(Object.keys(errorsOf({ ...DEFAULT_POLICY, thresholds: undefined }))).toHaveLength(16);
	});

	it.each([null, 'policy', 42])('refuses %j without throwing', (raw) => {
		expect(validatePolicy(raw).ok).toBe(false);
	});
});

describe('validatePolicy: rules', () => {
	const rules = DEFAULT_POLICY.rules;
	it.each([
		['rules within a category swapped', move('F5', 'F1')],
		['P1 moved above the Light touch rules', move('P1', 'L1')],
		['P1 moved between Light touch rules', move('P1', 'L4')],
		[
			'F5 turned into an Intensive rule at the end of the Intensive rules',
			move('F5', 'F1').map((r) => (r.id === 'F5' ? { ...r, category: 'intensive' as const } : r))
		],
		['L5 made Focus at the end of the Focus rules', move('L5', 'L1').map((r) => (r.id === 'L5' ? { ...r, category: 'focus' as const } : r))],
		['every rule switched off', rules.map((r) => ({ ...r, enabled: false }))],
		['P2 switched on', rules.map((r) => (r.id === 'P2' ? { ...r, enabled: true } : r))],
		['P2 above P1', move('P2', 'P1')]
	])('accepts %s', (_, changed) => {
		expect(validatePolicy(withRules(changed))).toEqual({ ok: true, value: withRules(changed) });
	});

	it.each([
		[
			'a Light touch rule above a Focus rule',
			move('L1', 'F1'),
			'rules',
			'Rule F1 (Focus support) comes after rule L1 (Light touch support): put rules that give more support first'
		],
		[
			'P1 above a Focus rule',
			move('P1', 'F5'),
			'rules',
			'Rule P1 (Secure Plus) must come after rule F5 (Focus support): Secure Plus can only outrank Light touch rules'
		],
		['a missing rule', rules.filter((r) => r.id !== 'L3'), 'rules', 'Rule L3 missing: switch a rule off instead of removing it'],
		['a repeated rule', [...rules, rules[0]], 'rules', 'Rule I1 appears more than once'],
		['an unknown rule', [...rules, { id: 'X9', category: 'focus', enabled: true }], 'rules', 'Unknown rule "X9"'],
		[
			'P1 given another category',
			rules.map((r) => (r.id === 'P1' ? { ...r, category: 'secure' as const } : r)),
			'rules.P1',
			'Rule P1 can only give Secure Plus'
		],
		[
			'P2 given another category',
			rules.map((r) => (r.id === 'P2' ? { ...r, category: 'light_touch' as const } : r)),
			'rules.P2',
			'Rule P2 can only give Secure Plus'
		],
		[
			'P2 above a Light touch rule',
			move('P2', 'L5'),
			'rules',
			'Rule P2 (a current Quality Mark) must come after rule L5 (Light touch support): a Quality Mark never outweighs a concern'
		],
		[
			'P2 above every concern rule',
			move('P2', 'I1'),
			'rules',
			'Rule P2 (a current Quality Mark) must come after rule L5 (Light touch support): a Quality Mark never outweighs a concern'
		],
		[
			'a concern rule made Secure',
			rules.map((r) => (r.id === 'L4' ? { ...r, category: 'secure' as const } : r)),
			'rules.L4',
			'Rule L4 flags a concern, so it must give Light touch, Focus or Intensive support'
		],
		['a rule with no category', rules.map((r) => (r.id === 'F2' ? { ...r, category: 'big' } : r)), 'rules.F2', 'Choose a category for rule F2'],
		['a rule with no on/off', rules.map((r) => (r.id === 'F2' ? { id: 'F2', category: 'focus' } : r)), 'rules.F2', 'Say whether rule F2 is on or off'],
		['no rules at all', 'none', 'rules', 'The policy has no list of rules']
	])('refuses %s', (_, changed, field, message) => {
		expect(errorsOf({ ...DEFAULT_POLICY, rules: changed })).toEqual({ [field]: message });
	});

	it('knows every rule of the default policy, and the optional P2', () => {
		expect(RULE_IDS).toEqual(['I1', 'I2', 'I3', 'F1', 'F2', 'F3', 'F4', 'F5', 'L1', 'L2', 'L3', 'L4', 'L5', 'P1', 'P2']);
	});
});
