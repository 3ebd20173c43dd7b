/** School-to-school support on the server: proposals read from the database and the settings they use. */
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
export { brokerageWhatIf, type BrokerageWhatIf } from './what-if';
