import type { Category } from './categories';

/**
 * The rules the engine knows how to evaluate. A policy may reorder, disable or re-categorise them,
 * but it cannot invent new ones: each id here has code in `rules.ts` behind it.
 */
export const RULE_IDS = ['I1', 'I2', 'I3', 'F1', 'F2', 'F3', 'F4', 'F5', 'L1', 'L2', 'L3', 'L4', 'L5', 'P1', 'P2'] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * Rules left to each LA (docs/categories.md, Rule P2: an LA may count a current Quality Mark
 * as capacity). They are off in the default policy, and a stored policy written before
 * one existed gets it switched off, at the end, so adding a rule never changes a category.
 */
export const OPTIONAL_RULES: readonly RuleId[] = ['P2'];

/**
 * What a rule looks at. The confirmation rule (docs/categories.md) asks whether a school moved
 * up "on data alone", so each rule says whether it reads KS2 data, the soft-intelligence register, both,
 * or the school's Quality Mark awards.
 */
export type RuleBasis = 'data' | 'soft' | 'both' | 'quality_mark';

export interface RuleDefinition {
	id: RuleId;
	defaultCategory: Category;
	basis: RuleBasis;
	/** For the admin form and the what-if page; the thresholds are named, not quoted, because they are editable. */
	description: string;
}

export const RULE_DEFINITIONS: Record<RuleId, RuleDefinition> = {
	I1: {
		id: 'I1',
		defaultCategory: 'intensive',
		basis: 'soft',
		description: 'Latest Ofsted Inadequate, any report-card area Urgent improvement, safeguarding not met, or an open safeguarding concern.'
	},
	I2: {
		id: 'I2',
		defaultCategory: 'intensive',
		basis: 'data',
		description:
			'Well below England in the latest year, and either below England in enough of the recent data years ' +
			'or enough progress measures significantly below average.'
	},
	I3: {
		id: 'I3',
		defaultCategory: 'intensive',
		basis: 'both',
		description: 'Ofsted Requires improvement (or any area Needs attention), below England in the latest year, and either declining or a leadership risk.'
	},
	F1: {
		id: 'F1',
		defaultCategory: 'focus',
		basis: 'soft',
		description: 'Latest Ofsted Requires improvement, or any report-card area Needs attention.'
	},
	F2: {
		id: 'F2',
		defaultCategory: 'focus',
		basis: 'data',
		description: 'Below England in enough of the recent data years.'
	},
	F3: {
		id: 'F3',
		defaultCategory: 'focus',
		basis: 'data',
		description: 'Enough progress measures well below average.'
	},
	F4: {
		id: 'F4',
		defaultCategory: 'focus',
		basis: 'both',
		description: 'Results declining, and a leadership risk (new or interim headteacher, or a governance concern).'
	},
	F5: {
		id: 'F5',
		defaultCategory: 'focus',
		basis: 'data',
		description: 'Well below England in the latest year.'
	},
	L1: {
		id: 'L1',
		defaultCategory: 'light_touch',
		basis: 'data',
		description: 'Below England in the latest year.'
	},
	L2: {
		id: 'L2',
		defaultCategory: 'light_touch',
		basis: 'data',
		description: 'Any progress measure well below average, or enough measures significantly below.'
	},
	L3: {
		id: 'L3',
		defaultCategory: 'light_touch',
		basis: 'data',
		description: 'Results declining.'
	},
	L4: {
		id: 'L4',
		defaultCategory: 'light_touch',
		basis: 'data',
		description: "Disadvantaged pupils far behind England's other pupils, in a group large enough to count."
	},
	L5: {
		id: 'L5',
		defaultCategory: 'light_touch',
		basis: 'soft',
		description: 'Any open soft-intelligence concern, or a self-referral.'
	},
	P1: {
		id: 'P1',
		defaultCategory: 'secure_plus',
		basis: 'both',
		description:
			'Well above England in each recent data year (pooled for small cohorts), no progress measure significantly below, ' +
			'RWM high at or above England, Ofsted Good or better (or none recorded), and no open concern.'
	},
	P2: {
		id: 'P2',
		defaultCategory: 'secure_plus',
		basis: 'quality_mark',
		description:
			'Holds a current Quality Mark (awarded and not lapsed), counted as capacity to improve and to lead support for others. ' +
			'It comes after every concern rule, so it only lifts a school that would otherwise be Secure. Off unless you switch it on.'
	}
};

/** Rules that give Secure Plus (strengths, not concerns): they can give nothing else. */
export function isSecurePlusRule(id: RuleId): boolean {
	return RULE_DEFINITIONS[id].defaultCategory === 'secure_plus';
}

export function isRuleId(value: unknown): value is RuleId {
	return typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
}
