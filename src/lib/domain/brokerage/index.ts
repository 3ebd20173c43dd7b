/** School-to-school support: needs, strengths and the matching that pairs them. Pure, no I/O. */
export type { BrokerageSchool, BrokerageSettings, Declined, Need, NeedKind, Proposals, ProposedMatch, Strength, Unmatched } from './types';
export { needsOf, ofstedNeeds, NEEDING_CATEGORIES } from './needs';
export { strengthsOf, strengthFor, supportBar, maySupport, SMALL_DISADVANTAGED_GAP } from './strengths';
export { alike } from './alike';
export { match, settingsLookup, DEFAULT_BROKERAGE_SETTINGS, type MatchOptions, type OpenPartnerships } from './match';
export { rankSupporters, type RankedSupporter, type RankOptions, type SupporterRanking } from './rank';
export {
	checkBrokerageSettings,
	SUPPORTING_CATEGORY_CHOICES,
	CAPACITY_LIMITS,
	DISTANCE_LIMITS_KM,
	type BrokerageSettingsInput,
	type BrokerageSettingsCheck
} from './settings';
