/** The desktop analysis: policy, signals and rules (DESIGN.md section 3). Pure TypeScript, no I/O. */
export * from './categories';
export * from './policy';
export { RULE_DEFINITIONS, RULE_IDS, isRuleId, type RuleBasis, type RuleDefinition } from './rule-catalogue';
export * from './soft-intelligence';
export * from './signals';
export { categorise, categoriseAll } from './engine';
export type { CategoriseInput, CategoriseResult, Confidence, Evidence, FiredRule } from './engine';
export * from './what-if';
