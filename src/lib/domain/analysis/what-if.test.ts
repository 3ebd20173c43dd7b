import { describe, expect, it } from 'vitest';
import type { CategoriseInput } from './engine';
import { DEFAULT_POLICY, type Policy } from './policy';
import { gaps, schoolInput } from './test-fixtures';
import { comparePolicies } from './what-if';

function named(name: string, urn: number, input: CategoriseInput): CategoriseInput {
	return { ...input, school: { urn, name }, years: input.years.map((r) => ({ ...r, urn })) };
}

// 12 points below: Light touch by default, Focus if "well below" starts at -12.
const schools = [
	named('Beech', 3, schoolInput(gaps(0, 0, -12))),
	named('Ash', 1, schoolInput(gaps(0, 0, -12))),
	named('Cedar', 2, schoolInput(gaps(0, 0, 0))),
	named('Damson', 4, schoolInput(gaps(15, 15, 15)))
];

const draft: Policy = { ...DEFAULT_POLICY, version: 2, thresholds: { ...DEFAULT_POLICY.thresholds, wellBelowGap: -12 } };

describe('comparePolicies', () => {
	it('counts every school in a from/to matrix in category order', () => {
		const c = comparePolicies(schools, DEFAULT_POLICY, draft);
		// Rows: from Secure Plus, Secure, Light touch, Focus, Intensive; columns: to, same order.
		expect(c.matrix).toEqual([
			[1, 0, 0, 0, 0],
			[0, 1, 0, 0, 0],
			[0, 0, 0, 2, 0],
			[0, 0, 0, 0, 0],
			[0, 0, 0, 0, 0]
		]);
		expect(c.current).toEqual({ secure_plus: 1, secure: 1, light_touch: 2, focus: 0, intensive: 0 });
		expect(c.draft).toEqual({ secure_plus: 1, secure: 1, light_touch: 0, focus: 2, intensive: 0 });
		expect(c.total).toBe(4);
	});

	it('lists the schools that move, by name, with their new reasons', () => {
		const { moved } = comparePolicies(schools, DEFAULT_POLICY, draft);
		expect(moved.map((m) => [m.name, m.from, m.to, m.decidingRule])).toEqual([
			['Ash', 'light_touch', 'focus', 'F5'],
			['Beech', 'light_touch', 'focus', 'F5']
		]);
		expect(moved[0].reasons.map((r) => r.id)).toEqual(['F5', 'L1']);
		expect(moved[0].reasons[0].sentence).toBe(
			"RWM expected 53%, 12 points below England (65%) in 2018/19, about 4 pupils short of England's rate in a cohort of 30."
		);
	});

	it('moves nobody when the draft is the current policy', () => {
		const c = comparePolicies(schools, DEFAULT_POLICY, { ...DEFAULT_POLICY });
		expect(c.moved).toEqual([]);
		expect(c.matrix.map((row, i) => row[i])).toEqual([1, 1, 2, 0, 0]);
	});
});
