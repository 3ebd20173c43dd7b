import type { Generated } from 'kysely';
import type { Category } from '../../../domain/analysis/categories';

export type DisagreementStatus = 'open' | 'reviewed' | 'decided';
/** Upheld: the category stands. Changed: the lead adviser set a different one. */
export type DisagreementDecision = 'upheld' | 'changed';

/** A headteacher's disagreement with their school's category, and what was decided. */
export interface CategoryDisagreementsTable {
	id: Generated<number>;
	urn: number;
	year: number;
	/** The category the school disagreed with. */
	category: Category;
	/** What the school thinks it should be, if it said. */
	suggested_category: Category | null;
	reasons: string;
	evidence: string;
	status: DisagreementStatus;
	raised_by: number | null;
	raised_at: string;
	/** The link adviser's review. */
	review: string | null;
	reviewed_by: number | null;
	reviewed_at: string | null;
	decision: DisagreementDecision | null;
	decision_reason: string | null;
	decided_category: Category | null;
	decided_by: number | null;
	decided_at: string | null;
}

export interface DisagreementTables {
	category_disagreements: CategoryDisagreementsTable;
}
