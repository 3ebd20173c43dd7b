import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_imports';
import * as m0003 from './0003_analysis';
import * as m0004 from './0004_schedule';
import * as m0005 from './0005_quality_mark';
import * as m0006 from './0006_notifications';
import * as m0007 from './0007_self_evaluation';
import * as m0008 from './0008_disagreements';
import * as m0009 from './0009_quality_mark_visits';
import * as m0010 from './0010_import_formats';
import * as m0011 from './0011_ees_ks2';
import * as m0012 from './0012_ofsted_inspections';
import * as m0013 from './0013_one_open_support_request';
import * as m0014 from './0014_calendar_subscriptions';
import * as m0015 from './0015_data_version';
import * as m0016 from './0016_reasons';
import * as m0017 from './0017_sign_in_failures';
import * as m0018 from './0018_capacity_history';
import * as m0019 from './0019_uploads_and_jobs';
import * as m0020 from './0020_user_las';
import * as m0021 from './0021_schools_by_la';
import * as m0022 from './0022_la_policies';
import * as m0023 from './0023_regional_role';
import * as m0024 from './0024_la_schedule_settings';
import * as m0025 from './0025_school_trusts';
import * as m0026 from './0026_schools_by_la_and_name';
import * as m0027 from './0027_brokerage_settings';
import * as m0028 from './0028_partnerships';
import * as m0029 from './0029_result_flags';
import * as m0030 from './0030_import_scope';
import * as m0031 from './0031_award_assessor';
import * as m0032 from './0032_soft_intelligence_replaced';

// Every migration, listed by hand so the CLI bundle (and plain node) can include them: nothing
// reads this folder at run time. Add each new migration file here under its file name without
// `.ts`; tests/integration/migrations.test.ts fails when one is missing. Names already recorded
// in a database's kysely_migration table must never change.
export const migrations: Record<string, Migration> = {
	'0001_foundation': m0001,
	'0002_imports': m0002,
	'0003_analysis': m0003,
	'0004_schedule': m0004,
	'0005_quality_mark': m0005,
	'0006_notifications': m0006,
	'0007_self_evaluation': m0007,
	'0008_disagreements': m0008,
	'0009_quality_mark_visits': m0009,
	'0010_import_formats': m0010,
	'0011_ees_ks2': m0011,
	'0012_ofsted_inspections': m0012,
	'0013_one_open_support_request': m0013,
	'0014_calendar_subscriptions': m0014,
	'0015_data_version': m0015,
	'0016_reasons': m0016,
	'0017_sign_in_failures': m0017,
	'0018_capacity_history': m0018,
	'0019_uploads_and_jobs': m0019,
	'0020_user_las': m0020,
	'0021_schools_by_la': m0021,
	'0022_la_policies': m0022,
	'0023_regional_role': m0023,
	'0024_la_schedule_settings': m0024,
	'0025_school_trusts': m0025,
	'0026_schools_by_la_and_name': m0026,
	'0027_brokerage_settings': m0027,
	'0028_partnerships': m0028,
	'0029_result_flags': m0029,
	'0030_import_scope': m0030,
	'0031_award_assessor': m0031,
	'0032_soft_intelligence_replaced': m0032
};
