/**
 * The self-evaluation (SE) summary a headteacher writes each school year: seven sections, each
 * with a self-assessed judgement on the same scale as Ofsted's report card areas, the evidence
 * behind it and the next steps.
 */

export const SE_SECTIONS = [
	{
		key: 'achievement',
		label: 'Achievement in key stage 2',
		hint: 'How well pupils achieve by the end of year 6, including the most recent results and what lies behind them.'
	},
	{
		key: 'assessment',
		label: 'Accuracy of teacher assessment and tracking',
		hint: 'How you know your assessments are accurate, and how you track pupils’ progress through the school.'
	},
	{
		key: 'disadvantaged',
		label: 'The disadvantaged gap',
		hint: 'How disadvantaged pupils achieve compared with other pupils nationally, and what you are doing about any gap.'
	},
	{ key: 'teaching', label: 'Quality of teaching', hint: 'The strengths and weaknesses of teaching across the school, and how you know.' },
	{ key: 'leadership', label: 'Leadership at all levels', hint: 'How senior and middle leaders drive improvement, and the capacity they have to do so.' },
	{ key: 'governance', label: 'Governance', hint: 'How well governors understand the school and hold leaders to account.' },
	{ key: 'priorities', label: 'The school’s top priorities', hint: 'The few things that matter most this year, and how you will know they have worked.' }
] as const;

export type SeSectionKey = (typeof SE_SECTIONS)[number]['key'];

/** The five grades of Ofsted's report card areas (from November 2025), best first. */
export const SE_JUDGEMENTS = [
	{ key: 'exceptional', label: 'Exceptional' },
	{ key: 'strong_standard', label: 'Strong standard' },
	{ key: 'expected_standard', label: 'Expected standard' },
	{ key: 'needs_attention', label: 'Needs attention' },
	{ key: 'urgent_improvement', label: 'Urgent improvement' }
] as const;

export type SeJudgement = (typeof SE_JUDGEMENTS)[number]['key'];

export interface SeSection {
	judgement: SeJudgement | null;
	evidence: string;
	nextSteps: string;
}

export type SeSections = Record<SeSectionKey, SeSection>;

export const SE_STATUSES = ['draft', 'submitted', 'reviewed', 'agreed'] as const;
export type SeStatus = (typeof SE_STATUSES)[number];

export const SE_STATUS_LABELS: Record<SeStatus, string> = {
	draft: 'Draft',
	submitted: 'Submitted',
	reviewed: 'Reviewed',
	agreed: 'Agreed'
};

export const MAX_TEXT = 5000;

export function emptySections(): SeSections {
	return Object.fromEntries(SE_SECTIONS.map((s) => [s.key, { judgement: null, evidence: '', nextSteps: '' }])) as unknown as SeSections;
}

export function isJudgement(value: unknown): value is SeJudgement {
	return SE_JUDGEMENTS.some((j) => j.key === value);
}

export function judgementLabel(key: SeJudgement | null): string {
	return SE_JUDGEMENTS.find((j) => j.key === key)?.label ?? 'Not given';
}

/** Reads the form's fields (`achievement.judgement`, `achievement.evidence`, …) into sections. */
export function sectionsFromForm(get: (name: string) => string): SeSections {
	const sections = emptySections();
	for (const { key } of SE_SECTIONS) {
		const judgement = get(`${key}.judgement`);
		sections[key] = {
			judgement: isJudgement(judgement) ? judgement : null,
			evidence: get(`${key}.evidence`).trim(),
			nextSteps: get(`${key}.nextSteps`).trim()
		};
	}
	return sections;
}

/** Reads stored JSON defensively: unknown keys are dropped, missing sections come back empty. */
export function parseSections(json: string | null): SeSections {
	const sections = emptySections();
	if (!json) return sections;
	const raw = JSON.parse(json) as Record<string, Partial<SeSection>>;
	for (const { key } of SE_SECTIONS) {
		const s = raw[key];
		if (!s) continue;
		sections[key] = {
			judgement: isJudgement(s.judgement) ? s.judgement : null,
			evidence: typeof s.evidence === 'string' ? s.evidence : '',
			nextSteps: typeof s.nextSteps === 'string' ? s.nextSteps : ''
		};
	}
	return sections;
}

export type SeErrors = Record<string, string>;

/**
 * Problems that stop a save (`forSubmit` false: only over-long text) or a submission (every
 * section needs a judgement, evidence and next steps). Keys are the form field ids.
 */
export function sectionProblems(sections: SeSections, forSubmit: boolean): SeErrors {
	const errors: SeErrors = {};
	for (const { key, label } of SE_SECTIONS) {
		const s = sections[key];
		const name = label.charAt(0).toLowerCase() + label.slice(1);
		if (s.evidence.length > MAX_TEXT) errors[`${key}.evidence`] = `Evidence for ${name} must be ${MAX_TEXT} characters or fewer`;
		if (s.nextSteps.length > MAX_TEXT) errors[`${key}.nextSteps`] = `Next steps for ${name} must be ${MAX_TEXT} characters or fewer`;
		if (!forSubmit) continue;
		if (!s.judgement) errors[`${key}.judgement`] = `Select a judgement for ${name}`;
		if (!s.evidence) errors[`${key}.evidence`] ??= `Enter the evidence for ${name}`;
		if (!s.nextSteps) errors[`${key}.nextSteps`] ??= `Enter the next steps for ${name}`;
	}
	return errors;
}

export type SeAction = 'save' | 'submit' | 'review' | 'agree' | 'return';

/** Who may do what, from which status. Advisers review and agree; either side can reopen a draft. */
const MOVES: Record<SeAction, { from: SeStatus[]; to: SeStatus; by: 'school' | 'adviser' }> = {
	save: { from: ['draft'], to: 'draft', by: 'school' },
	submit: { from: ['draft'], to: 'submitted', by: 'school' },
	review: { from: ['submitted'], to: 'reviewed', by: 'adviser' },
	agree: { from: ['submitted', 'reviewed'], to: 'agreed', by: 'adviser' },
	return: { from: ['submitted', 'reviewed'], to: 'draft', by: 'adviser' }
};

/** The status after `action`, or a plain-English reason it is not allowed. */
export function nextStatus(current: SeStatus, action: SeAction, by: 'school' | 'adviser'): { ok: true; status: SeStatus } | { ok: false; message: string } {
	const move = MOVES[action];
	if (move.by !== by) {
		return { ok: false, message: by === 'school' ? 'Only the school’s adviser can do this' : 'Only the school can change its summary' };
	}
	if (!move.from.includes(current)) {
		const messages: Record<SeAction, string> = {
			save: 'This summary has been submitted, so it cannot be changed. Ask your adviser to return it if you need to change it.',
			submit: 'This summary has already been submitted',
			review: 'Only a submitted summary can be marked as reviewed',
			agree: 'Only a submitted or reviewed summary can be agreed',
			return: 'Only a submitted or reviewed summary can be returned to the school'
		};
		return { ok: false, message: messages[action] };
	}
	return { ok: true, status: move.to };
}

/** The school year a date falls in, as the summer year: 2026-11-22 is in 2026/27, so 2027. */
export function schoolYearOf(isoDate: string): number {
	const [y, m] = isoDate.split('-').map(Number);
	return m >= 9 ? y + 1 : y;
}
