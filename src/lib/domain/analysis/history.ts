/** Each step a school's category history can record, from the analysis, advisers and the school. */
export const CATEGORY_ACTIONS = ['proposed', 'proposal_changed', 'changed', 'agreed', 'disagreed', 'disagreement_reviewed', 'disagreement_decided'] as const;
export type CategoryAction = (typeof CATEGORY_ACTIONS)[number];

export const CATEGORY_ACTION_LABELS: Record<CategoryAction, string> = {
	proposed: 'Proposed by the analysis',
	proposal_changed: 'New proposal from the analysis',
	changed: 'Changed',
	agreed: 'Agreed',
	disagreed: 'The school disagreed',
	disagreement_reviewed: 'Disagreement reviewed by the link adviser',
	disagreement_decided: 'Disagreement decided'
};
