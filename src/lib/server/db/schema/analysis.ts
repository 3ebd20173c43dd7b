import type { ColumnType, Generated } from 'kysely';
import type { Category } from '../../../domain/analysis/categories';
import type { CategoryOfConcern, SoftIntelligenceSource, SoftIntelligenceType } from '../../../domain/analysis/soft-intelligence';

export type PolicyStatus = 'draft' | 'adopted' | 'superseded';

/** Every adopted version of the policy, and drafts. `definition_json` is a whole domain `Policy`. */
export interface PolicyVersionsTable {
	id: Generated<number>;
	policy_id: string;
	/** Null while a draft; numbered when adopted. */
	version: number | null;
	status: PolicyStatus;
	definition_json: string;
	/** The version a draft was copied from. */
	based_on: number | null;
	created_by: number | null;
	created_at: string;
	updated_at: string;
	adopted_by: number | null;
	adopted_at: string | null;
	/** Why it was adopted, as the admin gave it. */
	adoption_reason: string | null;
	/** The LA whose policy it is; null for the installation's, which every LA without its own uses. */
	la_code: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SoftIntelligenceTable {
	id: Generated<number>;
	urn: number;
	type: SoftIntelligenceType;
	/** yyyy-mm-dd */
	date: string;
	end_date: string | null;
	details: string;
	source: SoftIntelligenceSource;
	/** Ofsted legacy grade, for type ofsted_legacy. */
	grade: string | null;
	/** Report-card areas as JSON [{ area, grade }], for type ofsted_report_card. */
	areas_json: string | null;
	/** 1 met, 0 not met, for type ofsted_report_card. */
	safeguarding_met: number | null;
	created_by: number | null;
	created_at: string;
	ended_by: number | null;
	ended_at: string | null;
	/** An OEIF inspection's sub-judgements as JSON { qualityOfEducation: 3, ... } (domain OeifJudgements). */
	judgements_json: string | null;
	/** OEIF "safeguarding is effective?": 1 yes, 0 no, null not recorded. */
	safeguarding_effective: number | null;
	category_of_concern: CategoryOfConcern | null;
	/** 1 when the inspection was of the predecessor school (before academy conversion). */
	predecessor: ColumnType<number, number | undefined, number>;
	/** Where an Ofsted outcome came from: "Ofsted MI as at 30 April 2026". */
	source_file: string | null;
	/** An ungraded inspection's outcome: "School remains Good". */
	outcome: string | null;
	/** yyyy-mm-dd: when Ofsted published the report, where known. */
	published_date: string | null;
	/** The MI import that added the entry (source 'ofsted_mi'). */
	import_id: number | null;
	/** An adviser corrected the entry's grades; imports leave it alone from then on. */
	corrected_by: number | null;
	corrected_at: string | null;
}

/**
 * An entry an Ofsted MI import replaced (a GIAS rating's grade-only record of the same inspection),
 * every column as it was; `replaced_by` is that import. Rolling it back puts the entry back.
 */
export interface SoftIntelligenceReplacedTable extends Omit<SoftIntelligenceTable, 'id' | 'predecessor'> {
	replaced_by: number;
	id: number;
	predecessor: number;
}

export interface AnalysisRunsTable {
	id: Generated<number>;
	/** Summer of the tests analysed: 2019 for 2018/19. */
	year: number;
	/** The day the soft-intelligence register was read as of. */
	as_of: string;
	policy_version_id: number;
	policy_id: string;
	policy_version: number;
	run_by: number | null;
	run_at: string;
	school_count: number;
	/** { secure_plus: 12, ... } */
	counts_json: string;
	/** The LA it categorised; null when it categorised every school at once. */
	la_code: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AnalysisResultsTable {
	run_id: number;
	urn: number;
	category: Category;
	confidence: string;
	needs_confirmation: number;
	deciding_rule: string | null;
	/** 1 when the persistence signal found a second year below England (signals.persistence.belowYears[1]); for the school list's flag. */
	below_two_years: Generated<number>;
	/** 1 when the engine found no KS2 data (signals.noKs2Data); for the school list's flag. */
	no_ks2_data: Generated<number>;
	/** The engine's whole CategoriseResult. */
	result_json: string;
}

/** One row per school and year: the latest proposal, the working category, and the agreement. */
export interface SchoolCategoriesTable {
	urn: number;
	year: number;
	proposed_category: Category;
	/** The run that made the latest proposal. */
	run_id: number;
	/** The proposal, unless an adviser set a different category. */
	category: Category;
	changed_by_adviser: number;
	/** Set when a lead adviser agreed `category`; cleared when it changes again. */
	agreed_by: number | null;
	agreed_at: string | null;
	updated_at: string;
}

export type { CategoryAction } from '../../../domain/analysis/history';
import type { CategoryAction } from '../../../domain/analysis/history';

export interface CategoryHistoryTable {
	id: Generated<number>;
	urn: number;
	year: number;
	action: CategoryAction;
	from_category: Category | null;
	to_category: Category;
	reason: string | null;
	run_id: number | null;
	user_id: number | null;
	at: string;
}

export interface AnalysisTables {
	policy_versions: PolicyVersionsTable;
	soft_intelligence: SoftIntelligenceTable;
	soft_intelligence_replaced: SoftIntelligenceReplacedTable;
	analysis_runs: AnalysisRunsTable;
	analysis_results: AnalysisResultsTable;
	school_categories: SchoolCategoriesTable;
	category_history: CategoryHistoryTable;
}
