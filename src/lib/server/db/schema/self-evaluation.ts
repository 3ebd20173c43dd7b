import type { Generated } from 'kysely';
import type { SeStatus } from '../../../domain/self-evaluation/summary';

export interface SeSummariesTable {
	id: Generated<number>;
	urn: number;
	/** The school year, as the summer it ends in (2027 = 2026/27). */
	year: number;
	status: SeStatus;
	/** The seven sections as JSON; read with parseSections. */
	sections_json: string;
	created_at: string;
	updated_at: string;
	updated_by: number | null;
	submitted_at: string | null;
	reviewed_at: string | null;
	agreed_at: string | null;
}

export interface SeCommentsTable {
	id: Generated<number>;
	summary_id: number;
	section_key: string;
	user_id: number | null;
	body: string;
	created_at: string;
}

export interface SelfEvaluationTables {
	se_summaries: SeSummariesTable;
	se_comments: SeCommentsTable;
}
