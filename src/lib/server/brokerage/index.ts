/** School-to-school support on the server: proposals read from the database, the settings they use, and the choices for one school. */
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
