import { CATEGORIES, CATEGORY_LABELS, categoryRank, isCategory, type Category } from './categories';
import { OPTIONAL_RULES, RULE_DEFINITIONS, RULE_IDS, isRuleId, isSecurePlusRule, type RuleId } from './rule-catalogue';

export type { RuleId } from './rule-catalogue';

/**
 * Every number of the desktop analysis (docs/categories.md, Signals). Gaps are percentage points of
 * RWM expected against England; negative means below England.
 */
export interface PolicyThresholds {
	/** Attainment bands: well below `g <= wellBelowGap`, below `g <= belowGap`, well above `g >= wellAboveGap`. */
	wellBelowGap: number;
	belowGap: number;
	wellAboveGap: number;
	/** Persistence: below in at least `persistenceCount` of the last `dataYears` data years. */
	persistenceCount: number;
	/** How many recent years with data the analysis uses (persistence, trend, Secure Plus). */
	dataYears: number;
	/** How far back to look for those years, counting the analysis year; wide enough to span 2020 to 2022. */
	lookbackYears: number;
	/** Declining: `g(latest) - g(oldest of the data years) <= trendTotalDrop` ... */
	trendTotalDrop: number;
	/** ... or g changed by `trendStepDrop` or less at each of the last two steps and is now below 0. */
	trendStepDrop: number;
	/** Progress well below (with the upper limit below 0) at or under these scores; well above mirrors them. */
	progressWellBelowReadMaths: number;
	progressWellBelowWriting: number;
	/** How many measures significantly below count for I2 and L2, and how many well below for F3. */
	progressSigBelowCount: number;
	progressWellBelowCount: number;
	/** Disadvantaged RWM % minus England's other pupils, flagged at or under this gap ... */
	disadvantagedGap: number;
	/** ... when the school has at least this many disadvantaged pupils. */
	disadvantagedMinPupils: number;
	/** Cohorts (TELIG) under this are small: pooled figures and low confidence. */
	smallCohortBelow: number;
	/**
	 * A "new" headteacher stays a leadership risk for this many months from the entry's date,
	 * even if nobody ends the entry: heads do not stay new for ever, and registers go stale.
	 */
	newHeadMonths: number;
}

export interface PolicyRule {
	id: RuleId;
	category: Category;
	enabled: boolean;
}

/** Stored as JSON in the database; every run records `id` and `version`. */
export interface Policy {
	id: string;
	version: number;
	name: string;
	thresholds: PolicyThresholds;
	/** Tried in this order; the first that fires decides the category. */
	rules: PolicyRule[];
}

export const DEFAULT_THRESHOLDS: PolicyThresholds = {
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
	smallCohortBelow: 11,
	newHeadMonths: 24
};

export const DEFAULT_POLICY: Policy = {
	id: 'afo-default-1',
	version: 1,
	name: 'Default desktop analysis',
	thresholds: DEFAULT_THRESHOLDS,
	rules: RULE_IDS.map((id) => ({ id, category: RULE_DEFINITIONS[id].defaultCategory, enabled: !OPTIONAL_RULES.includes(id) }))
};

interface ThresholdField {
	label: string;
	min: number;
	max: number;
	integer: boolean;
}

/** Labels and limits for the admin form; `validatePolicy` enforces the same limits. */
export const THRESHOLD_FIELDS: Record<keyof PolicyThresholds, ThresholdField> = {
	wellBelowGap: { label: 'Well below England (points)', min: -100, max: 0, integer: false },
	belowGap: { label: 'Below England (points)', min: -100, max: 0, integer: false },
	wellAboveGap: { label: 'Well above England (points)', min: 0, max: 100, integer: false },
	persistenceCount: { label: 'Years below England that make a persistent concern', min: 1, max: 10, integer: true },
	dataYears: { label: 'Recent data years used', min: 3, max: 10, integer: true },
	lookbackYears: { label: 'Years to look back for data', min: 3, max: 10, integer: true },
	trendTotalDrop: { label: 'Fall that counts as declining (points)', min: -100, max: -0.1, integer: false },
	trendStepDrop: { label: 'Fall at each step that counts as declining (points)', min: -100, max: -0.1, integer: false },
	progressWellBelowReadMaths: { label: 'Well below progress score, reading and maths', min: -20, max: -0.1, integer: false },
	progressWellBelowWriting: { label: 'Well below progress score, writing', min: -20, max: -0.1, integer: false },
	progressSigBelowCount: { label: 'Progress measures significantly below that count', min: 1, max: 3, integer: true },
	progressWellBelowCount: { label: 'Progress measures well below that count', min: 1, max: 3, integer: true },
	disadvantagedGap: { label: "Disadvantaged gap to England's other pupils (points)", min: -100, max: -0.1, integer: false },
	disadvantagedMinPupils: { label: 'Fewest disadvantaged pupils for the gap to count', min: 1, max: 1000, integer: true },
	smallCohortBelow: { label: 'Small cohort: fewer pupils than', min: 1, max: 100, integer: true },
	newHeadMonths: { label: 'Months a new headteacher counts as new', min: 1, max: 120, integer: true }
};

/** Keyed by form field: 'name', 'version', 'thresholds.belowGap', 'rules', 'rules.F5'. */
export type PolicyErrors = Record<string, string>;

export type PolicyValidation = { ok: true; value: Policy } | { ok: false; errors: PolicyErrors };

/**
 * Checks a policy from the admin form or the database. Numbers may arrive as form strings.
 *
 * Rule order is limited so that the engine stays fair and monotone (worse data or a new concern
 * can never lower a category: docs/categories.md, Policies are data):
 * - every known rule appears exactly once (switch one off with `enabled: false`); an optional rule
 *   (P2) that a stored policy predates is added at the end, switched off;
 * - concern rules (I, F, L) may be moved between Light touch, Focus and Intensive, but they must be
 *   ordered from most to least support, so the first rule that fires is always the most serious;
 * - P1 (Secure Plus) stays Secure Plus and must come after every Focus and Intensive rule. It may sit
 *   above Light touch rules, which lets a strong school with one light-touch signal stay Secure Plus.
 * - P2 (a current Quality Mark, Secure Plus) must come after every concern rule: a Quality Mark is a
 *   sign of capacity, never evidence against a concern, so it only decides for a school that no
 *   concern rule fired for.
 */
export function validatePolicy(raw: unknown): PolicyValidation {
	const errors: PolicyErrors = {};
	const input = (isRecord(raw) ? raw : {}) as Record<string, unknown>;

	const id = typeof input.id === 'string' ? input.id.trim() : '';
	if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) errors.id = 'Policy id must be lower-case letters, digits and hyphens, like afo-default-1';
	const version = toNumber(input.version);
	if (version === null || !Number.isInteger(version) || version < 1) errors.version = 'Version must be a whole number, 1 or more';
	const name = typeof input.name === 'string' ? input.name.trim() : '';
	if (!name) errors.name = 'Enter a name for the policy';
	else if (name.length > 200) errors.name = 'Name must be 200 characters or fewer';

	const thresholds = validateThresholds(input.thresholds, errors);
	const rules = validateRules(input.rules, errors);

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { id, version: version as number, name, thresholds, rules } };
}

function validateThresholds(raw: unknown, errors: PolicyErrors): PolicyThresholds {
	const input = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
	const out = { ...DEFAULT_THRESHOLDS };
	for (const key of Object.keys(THRESHOLD_FIELDS) as (keyof PolicyThresholds)[]) {
		const field = THRESHOLD_FIELDS[key];
		const value = toNumber(input[key]);
		const path = `thresholds.${key}`;
		if (value === null) errors[path] = `Enter a number for "${field.label}"`;
		else if (field.integer && !Number.isInteger(value)) errors[path] = `"${field.label}" must be a whole number`;
		else if (value < field.min || value > field.max) errors[path] = `"${field.label}" must be between ${field.min} and ${field.max}`;
		else out[key] = value;
	}
	// Cross-field limits, reported on the field an admin is most likely to have just changed.
	const t = out;
	const has = (k: keyof PolicyThresholds) => !errors[`thresholds.${k}`];
	if (has('wellBelowGap') && has('belowGap') && t.wellBelowGap >= t.belowGap)
		errors['thresholds.wellBelowGap'] = '"Well below England" must be lower than "Below England"';
	if (has('dataYears') && has('lookbackYears') && t.dataYears > t.lookbackYears)
		errors['thresholds.dataYears'] = '"Recent data years used" cannot be more than "Years to look back for data"';
	if (has('persistenceCount') && has('dataYears') && t.persistenceCount > t.dataYears)
		errors['thresholds.persistenceCount'] = '"Years below England that make a persistent concern" cannot be more than "Recent data years used"';
	return out;
}

function validateRules(raw: unknown, errors: PolicyErrors): PolicyRule[] {
	if (!Array.isArray(raw)) {
		errors.rules = 'The policy has no list of rules';
		return [];
	}
	const rules: PolicyRule[] = [];
	const seen = new Set<string>();
	for (const item of raw) {
		const r = (isRecord(item) ? item : {}) as Record<string, unknown>;
		if (!isRuleId(r.id)) {
			errors.rules = `Unknown rule "${String(r.id)}"`;
			continue;
		}
		if (seen.has(r.id)) errors.rules = `Rule ${r.id} appears more than once`;
		seen.add(r.id);
		const category = r.category;
		const enabled = r.enabled;
		if (!isCategory(category)) errors[`rules.${r.id}`] = `Choose a category for rule ${r.id}`;
		else if (isSecurePlusRule(r.id) && category !== 'secure_plus') errors[`rules.${r.id}`] = `Rule ${r.id} can only give Secure Plus`;
		else if (!isSecurePlusRule(r.id) && categoryRank(category) < categoryRank('light_touch'))
			errors[`rules.${r.id}`] = `Rule ${r.id} flags a concern, so it must give Light touch, Focus or Intensive support`;
		if (typeof enabled !== 'boolean') errors[`rules.${r.id}`] = `Say whether rule ${r.id} is on or off`;
		const kept = isCategory(category) ? category : RULE_DEFINITIONS[r.id].defaultCategory;
		rules.push({ id: r.id, category: kept, enabled: enabled === true });
	}
	for (const id of OPTIONAL_RULES) {
		if (!seen.has(id)) rules.push({ id, category: RULE_DEFINITIONS[id].defaultCategory, enabled: false });
	}
	const missing = RULE_IDS.filter((id) => !seen.has(id) && !OPTIONAL_RULES.includes(id));
	if (missing.length > 0) errors.rules = `Rule${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing: switch a rule off instead of removing it`;
	if (!errors.rules && !Object.keys(errors).some((k) => k.startsWith('rules.'))) checkRuleOrder(rules, errors);
	return rules;
}

function checkRuleOrder(rules: PolicyRule[], errors: PolicyErrors): void {
	let previous: PolicyRule | null = null;
	for (const rule of rules) {
		if (isSecurePlusRule(rule.id)) continue;
		if (previous && categoryRank(rule.category) > categoryRank(previous.category)) {
			const [later, earlier] = [CATEGORY_LABELS[rule.category], CATEGORY_LABELS[previous.category]];
			errors.rules = `Rule ${rule.id} (${later}) comes after rule ${previous.id} (${earlier}): put rules that give more support first`;
			return;
		}
		previous = rule;
	}
	const p1 = rules.findIndex((r) => r.id === 'P1');
	const later = rules.slice(p1 + 1).find((r) => categoryRank(r.category) > categoryRank('light_touch'));
	if (later) {
		errors.rules =
			`Rule P1 (Secure Plus) must come after rule ${later.id} (${CATEGORY_LABELS[later.category]}): ` + 'Secure Plus can only outrank Light touch rules';
		return;
	}
	const p2 = rules.findIndex((r) => r.id === 'P2');
	const lastConcern = p2 < 0 ? undefined : rules.slice(p2 + 1).findLast((r) => !isSecurePlusRule(r.id));
	if (lastConcern)
		errors.rules =
			`Rule P2 (a current Quality Mark) must come after rule ${lastConcern.id} (${CATEGORY_LABELS[lastConcern.category]}): ` +
			'a Quality Mark never outweighs a concern';
}

function toNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '') {
		const n = Number(value.trim());
		return Number.isFinite(n) ? n : null;
	}
	return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Categories a concern rule may be given in the admin form, most support first. */
export const CONCERN_RULE_CATEGORIES: readonly Category[] = CATEGORIES.filter((c) => categoryRank(c) >= categoryRank('light_touch')).reverse();
