/** School-to-school support on the server: proposals read from the database. */
export { proposals, type ProposalOptions } from './proposals';
export {
	listPartnerships,
	getPartnership,
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
export { brokerageView, openProposals, proposalFor, maySeePartnership, type BrokerageView, type ProposalRow } from './page';
export { supportCounts } from './counts';
