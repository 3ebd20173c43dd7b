/** The desktop analysis: policy, signals and rules (docs/categories.md). Pure TypeScript, no I/O. */
export * from './categories';
export * from './policy';
export { OPTIONAL_RULES, RULE_DEFINITIONS, RULE_IDS, isRuleId, isSecurePlusRule, type RuleBasis, type RuleDefinition } from './rule-catalogue';
export { currentQualityMarks, qualityMarkCapacityPhrase, type QualityMarkAward } from './quality-mark-capacity';
export * from './soft-intelligence';
export { INTERVENTION_STATUSES, STATUS_LABELS, interventionStatus, type Intervention, type InterventionStatus } from './intervention';
export * from './signals';
export { categorise, categoriseAll } from './engine';
export type { CategoriseInput, CategoriseResult, Confidence, Evidence, FiredRule } from './engine';
export * from './what-if';
