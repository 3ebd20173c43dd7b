/** School-to-school support on the server: proposals read from the database, the settings they use, the choices for one school, and the partnerships that follow. */
export { proposals, brokerageSchools, type ProposalOptions, type LoadOptions } from './proposals';
export {
	brokerageSettings,
	brokerageSettingsOf,
	saveBrokerageSettings,
	resetBrokerageSettings,
	EVERY_LA,
	type BrokerageScope,
	type StoredBrokerageSettings
} from './settings';
export { supporterChoices, type SupporterChoiceOptions } from './choices';
export { brokerageWhatIf, type BrokerageWhatIf } from './what-if';
export {
	listPartnerships,
	getPartnership,
	asSeenBy,
	declinedIn,
	openPartnerships,
	proposePartnership,
	agreePartnership,
	respondToPartnership,
	activatePartnership,
	addPartnershipNote,
	endPartnership,
	withdrawPartnership,
	PARTNERSHIP_REVIEW,
	type PartnershipView,
	type PartnershipSchool
} from './partnerships';
export { brokerageView, openProposals, proposalFor, maySeePartnership, otherSupporters, type BrokerageView, type ProposalRow } from './page';
export { supportCounts } from './counts';
