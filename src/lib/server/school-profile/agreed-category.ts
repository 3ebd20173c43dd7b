import type { Db } from '../db';
import { runResults } from '../analysis/runs';
import { categoryHistory, type HistoryStep } from '../analysis/moderation';
import type { CategoryAction } from '../db/schema/analysis';
import type { Category } from '../../domain/analysis/categories';

/*
 * What a headteacher is told about their school's category: only what a lead adviser has agreed,
 * with the reasons in plain words. A proposal waiting for agreement, and the analysis's rule codes
 * and confidence, are the LA's working papers and are not shown to the school.
 */

export interface AgreedCategory {
	/** The results year the category is for (2026 = 2025/26 results). */
	year: number;
	category: Category;
	agreedAt: string;
	/** What the analysis found, one sentence each, in the order the policy tried its rules. */
	findings: string[];
	/** Why an adviser (or a lead adviser deciding a disagreement) set a different category than the analysis. */
	adviserReason: string | null;
	/** A newer year whose category is not agreed yet, so the page can say one is coming. */
	pendingYear: number | null;
}

/** The steps a school sees: agreements and its own disagreements, never proposals or changes waiting for agreement. */
export const SCHOOL_VISIBLE_ACTIONS: readonly CategoryAction[] = ['agreed', 'disagreed', 'disagreement_reviewed', 'disagreement_decided'];

/**
 * The analysis's one-line summary when no rule fired ("Secure: no rule called for more support.
 * RWM expected ..."), without the category label and rule talk, for a school to read.
 */
function nothingFired(summary: string): string {
	const rest = summary.replace(/^[^:]+:\s*/, '');
	const noRule = /^no rule called for more support\.\s*/i;
	if (!noRule.test(rest)) return rest.charAt(0).toUpperCase() + rest.slice(1);
	const detail = rest.replace(noRule, '');
	return `Nothing in the results, or in what the local authority knows about the school, called for more support.${detail ? ` ${detail}` : ''}`;
}

export async function agreedCategory(db: Db, urn: number): Promise<AgreedCategory | null> {
	const rows = await db
		.selectFrom('school_categories')
		.select(['year', 'category', 'proposed_category', 'run_id', 'agreed_at'])
		.where('urn', '=', urn)
		.orderBy('year', 'desc')
		.execute();
	const agreed = rows.find((r) => r.agreed_at !== null);
	if (!agreed || agreed.agreed_at === null) return null;
	const result = (await runResults(db, agreed.run_id, [urn])).get(urn) ?? null;
	let findings: string[] = [];
	// Two rules can fire on the same fact (below England, and well below): the school reads it once.
	if (result) findings = result.firedRules.length > 0 ? [...new Set(result.firedRules.map((r) => r.sentence))] : [nothingFired(result.summary)];
	let adviserReason: string | null = null;
	if (agreed.category !== agreed.proposed_category) {
		const step = await db
			.selectFrom('category_history')
			.select('reason')
			.where('urn', '=', urn)
			.where('year', '=', agreed.year)
			.where('action', 'in', ['changed', 'disagreement_decided'])
			.where('to_category', '=', agreed.category)
			.orderBy('id', 'desc')
			.executeTakeFirst();
		adviserReason = step?.reason ?? null;
	}
	const newer = rows.find((r) => r.year > agreed.year);
	return { year: agreed.year, category: agreed.category, agreedAt: agreed.agreed_at, findings, adviserReason, pendingYear: newer?.year ?? null };
}

/** The school's category history as the school sees it, newest first. */
export async function schoolVisibleHistory(db: Db, urn: number): Promise<HistoryStep[]> {
	return (await categoryHistory(db, urn)).filter((h) => SCHOOL_VISIBLE_ACTIONS.includes(h.action));
}
