/** The desktop analysis on the server: runs, moderation, the stored policy and the what-if tool. */
export type { Actor } from '../../domain/access';
export { currentCategories, categoryStates, latestCategoryYear, type CategoryState, type CategoryStatus } from './categories';
export { analysisYears, asOfFor, loadInputs } from './inputs';
export { runAnalysis, resolveYear, getRun, runsForYear, latestRunFor, runResults, type RunOutcome, type RunSummary } from './runs';
export { moderationList, overrideCategory, agreeCategory, agreeUnchanged, categoryHistory, type ModerationItem, type HistoryStep } from './moderation';
export {
	adoptedPolicy,
	lasWithOwnPolicy,
	getPolicyVersion,
	listPolicyVersions,
	createDraft,
	saveDraft,
	discardDraft,
	adoptDraft,
	draftBasis,
	type StoredPolicy
} from './policy-store';
export { whatIf } from './what-if';
