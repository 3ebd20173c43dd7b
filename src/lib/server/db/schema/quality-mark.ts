import type { Generated } from 'kysely';
import type { AwardDecision } from '../../../domain/quality-mark/assessor-review';
import type { StoredStatus } from '../../../domain/quality-mark/lifecycle';

/** One framework as data: definition_json holds a QualityMarkFramework (see domain/quality-mark). */
export interface QualityMarkFrameworksTable {
	key: string;
	/** Display order. */
	position: number;
	definition_json: string;
	created_at: string;
	updated_at: string;
}

/** A school's Quality Mark under one framework. Renewal due and lapsed are never stored. */
export interface QualityMarksTable {
	id: Generated<number>;
	urn: number;
	framework_key: string;
	status: StoredStatus;
	/** Calendar dates are 'yyyy-MM-dd'. */
	status_changed_on: string;
	award_date: string | null;
	expiry_date: string | null;
	visit_date: string | null;
	/** Who carries out the assessment visit: counted in their capacity once visits are scheduled. */
	assessor_id: number | null;
	/** Who assessed the award the school holds (or last held): kept while a renewal's visit is booked, for its certificate. */
	award_assessor_id: number | null;
	/** A colleague the headteacher names to lead the self-audit. */
	nominee_id: number | null;
	feedback: string | null;
	created_at: string;
	updated_at: string;
}

export interface QualityMarkHistoryTable {
	id: Generated<number>;
	quality_mark_id: number;
	/** The status as shown at the time, so renewal due and lapsed can appear here. */
	from_status: string;
	to_status: StoredStatus;
	changed_on: string;
	at: string;
	user_id: number | null;
	note: string | null;
}

/** One attempt at the award: the school's answers, then the assessor's review and decision. */
export interface QualityMarkAuditsTable {
	id: Generated<number>;
	quality_mark_id: number;
	started_on: string;
	/** A SelfAudit as JSON. */
	answers_json: string;
	answers_updated_at: string | null;
	answers_updated_by: number | null;
	submitted_at: string | null;
	submitted_by: number | null;
	/** An AssessorReview as JSON; null until the assessor first saves. */
	review_json: string | null;
	review_updated_at: string | null;
	review_updated_by: number | null;
	decision: AwardDecision | null;
	decided_at: string | null;
	decided_by: number | null;
}

export interface QualityMarkTables {
	quality_mark_frameworks: QualityMarkFrameworksTable;
	quality_marks: QualityMarksTable;
	quality_mark_history: QualityMarkHistoryTable;
	quality_mark_audits: QualityMarkAuditsTable;
}
