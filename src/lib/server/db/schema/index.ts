import type { AnalysisTables } from './analysis';
import type { BrokerageSettingsTables } from './brokerage-settings';
import type { DisagreementTables } from './disagreements';
import type { FoundationTables } from './foundation';
import type { ImportTables } from './imports';
import type { NotificationTables } from './notifications';
import type { PartnershipTables } from './partnerships';
import type { QualityMarkTables } from './quality-mark';
import type { ScheduleTables } from './schedule';
import type { SelfEvaluationTables } from './self-evaluation';

/**
 * The whole database, as kysely sees it. Each area of the app keeps its tables in its own file
 * in this folder and is added here, so the interface stays one type without one huge file.
 */
export interface Database
	extends FoundationTables,
		ImportTables,
		AnalysisTables,
		NotificationTables,
		SelfEvaluationTables,
		QualityMarkTables,
		ScheduleTables,
		DisagreementTables,
		BrokerageSettingsTables,
		PartnershipTables {}

export type * from './foundation';
