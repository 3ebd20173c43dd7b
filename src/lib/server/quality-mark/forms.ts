import {
	AWARD_DECISIONS,
	VISIT_OUTCOMES,
	type AssessorReview,
	type AwardDecision,
	type Key,
	type QualityMarkFramework,
	type SelfAudit,
	type VisitOutcome
} from '../../domain/quality-mark';
import { field } from '../forms';

/**
 * Reads the self-audit and review forms. Field names follow the paths the domain's problems use
 * ("target_setting.evidence", "leadership.vision.level"), so each problem links to its field.
 */

function yesNo(value: string, yes: string, no: string): boolean | null {
	return value === yes ? true : value === no ? false : null;
}

function levelOf(framework: QualityMarkFramework, value: string): Key | null {
	return framework.kind === 'levels' && framework.levels.some((l) => l.key === value) ? value : null;
}

function oneOf<T extends string>(choices: readonly T[], value: string): T | null {
	return (choices as readonly string[]).includes(value) ? (value as T) : null;
}

export function selfAuditFromForm(framework: QualityMarkFramework, form: FormData): SelfAudit {
	if (framework.kind === 'elements') {
		const elements = Object.fromEntries(
			framework.elements.map((e) => [
				e.key,
				{ met: yesNo(field(form, `${e.key}.met`), 'met', 'not_yet'), evidence: field(form, `${e.key}.evidence`), action: field(form, `${e.key}.action`) }
			])
		);
		return { kind: 'elements', elements };
	}
	const aspects = Object.fromEntries(
		framework.aspects.map((a) => {
			const strands = Object.fromEntries(
				framework.strands.map((s) => [
					s.key,
					{ level: levelOf(framework, field(form, `${a.key}.${s.key}.level`)), evidence: field(form, `${a.key}.${s.key}.evidence`) }
				])
			);
			return [a.key, { strands, actionToMoveUp: field(form, `${a.key}.actionToMoveUp`) }];
		})
	);
	return { kind: 'levels', aspects };
}

export function reviewFromForm(framework: QualityMarkFramework, form: FormData): AssessorReview {
	const outcome = {
		visitOutcome: oneOf<VisitOutcome>(VISIT_OUTCOMES, field(form, 'visitOutcome')),
		visitNotes: field(form, 'visitNotes'),
		overallJudgement: field(form, 'overallJudgement'),
		awardDecision: oneOf<AwardDecision>(AWARD_DECISIONS, field(form, 'awardDecision')),
		feedback: field(form, 'feedback')
	};
	const agrees = (path: string) => yesNo(field(form, `${path}.agrees`), 'yes', 'no');
	if (framework.kind === 'elements') {
		const elements = Object.fromEntries(framework.elements.map((e) => [e.key, { agrees: agrees(e.key), comment: field(form, `${e.key}.comment`) }]));
		return { kind: 'elements', elements, ...outcome };
	}
	const aspects = Object.fromEntries(
		framework.aspects.map((a) => [
			a.key,
			Object.fromEntries(
				framework.strands.map((s) => {
					const path = `${a.key}.${s.key}`;
					return [s.key, { agrees: agrees(path), level: levelOf(framework, field(form, `${path}.level`)), comment: field(form, `${path}.comment`) }];
				})
			)
		])
	);
	return { kind: 'levels', aspects, ...outcome };
}
