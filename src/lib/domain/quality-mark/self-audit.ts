import type { ElementsFramework, Key, LevelDef, LevelsFramework, QualityMarkFramework } from './framework-shape';
import { aspectLevel } from './rules';
import { describeChoices, hasText } from './wording';

/**
 * What a school fills in. Answers are keyed by the framework's stable keys so a saved draft stays
 * valid JSON that any framework of the same kind can read. A key with no answer counts as
 * unanswered, so drafts saved before a framework gained an item still load.
 */
export interface ElementAnswer {
	/** null until the school has decided. */
	met: boolean | null;
	evidence: string;
	/** What the school will do next: to meet the element, or to keep it met. */
	action: string;
}

export interface StrandAnswer {
	level: Key | null;
	evidence: string;
}

export interface AspectAnswer {
	strands: Record<Key, StrandAnswer>;
	actionToMoveUp: string;
}

export interface ElementsSelfAudit {
	kind: 'elements';
	elements: Record<Key, ElementAnswer>;
}

export interface LevelsSelfAudit {
	kind: 'levels';
	aspects: Record<Key, AspectAnswer>;
}

export type SelfAudit = ElementsSelfAudit | LevelsSelfAudit;

/** One thing to put right, tied to a form field by `path` (e.g. "target_setting.evidence"). */
export interface AuditProblem {
	path: string;
	message: string;
}

export function emptySelfAudit(framework: ElementsFramework): ElementsSelfAudit;
export function emptySelfAudit(framework: LevelsFramework): LevelsSelfAudit;
export function emptySelfAudit(framework: QualityMarkFramework): SelfAudit;
export function emptySelfAudit(framework: QualityMarkFramework): SelfAudit {
	if (framework.kind === 'elements') {
		const elements = Object.fromEntries(framework.elements.map((e) => [e.key, { met: null, evidence: '', action: '' }]));
		return { kind: 'elements', elements };
	}
	const aspects = Object.fromEntries(
		framework.aspects.map((a) => [
			a.key,
			{
				strands: Object.fromEntries(framework.strands.map((s) => [s.key, { level: null, evidence: '' }])),
				actionToMoveUp: ''
			}
		])
	);
	return { kind: 'levels', aspects };
}

export function elementAnswer(audit: ElementsSelfAudit, key: Key): ElementAnswer {
	return audit.elements[key] ?? { met: null, evidence: '', action: '' };
}

export function strandAnswer(audit: LevelsSelfAudit, aspectKey: Key, strandKey: Key): StrandAnswer {
	return audit.aspects[aspectKey]?.strands[strandKey] ?? { level: null, evidence: '' };
}

export function isKnownLevel(levels: readonly LevelDef[], key: Key): boolean {
	return levels.some((l) => l.key === key);
}

/**
 * Everything that must be put right before the school can submit: every item answered, evidence
 * wherever an element is met or a level is chosen, and a next action where there is further to go.
 * An empty list means the audit can be submitted.
 */
export function validateSelfAuditForSubmit(framework: QualityMarkFramework, audit: SelfAudit): AuditProblem[] {
	if (framework.kind === 'elements' && audit.kind === 'elements') return elementProblems(framework, audit);
	if (framework.kind === 'levels' && audit.kind === 'levels') return levelProblems(framework, audit);
	return [{ path: '', message: `This self-audit does not match the ${framework.name}` }];
}

function elementProblems(framework: ElementsFramework, audit: ElementsSelfAudit): AuditProblem[] {
	const problems: AuditProblem[] = [];
	for (const element of framework.elements) {
		const answer = elementAnswer(audit, element.key);
		const at = (field: string, message: string) => problems.push({ path: `${element.key}.${field}`, message: `${element.label}: ${message}` });
		if (answer.met === null) at('met', 'choose met or not yet met');
		else if (answer.met && !hasText(answer.evidence)) at('evidence', 'give the evidence that shows it is met');
		// A "not yet" with no plan gives the assessor nothing to judge the school's next steps by.
		else if (!answer.met && !hasText(answer.action)) at('action', 'give the action you will take to meet it');
	}
	return problems;
}

function levelProblems(framework: LevelsFramework, audit: LevelsSelfAudit): AuditProblem[] {
	const problems: AuditProblem[] = [];
	const top = framework.levels[framework.levels.length - 1];
	for (const aspect of framework.aspects) {
		const levels: (Key | null)[] = [];
		for (const strand of framework.strands) {
			const answer = strandAnswer(audit, aspect.key, strand.key);
			const at = (field: string, message: string) =>
				problems.push({
					path: `${aspect.key}.${strand.key}.${field}`,
					message: `${aspect.label}, ${strand.label.toLowerCase()}: ${message}`
				});
			const known = answer.level !== null && isKnownLevel(framework.levels, answer.level);
			levels.push(known ? answer.level : null);
			if (answer.level === null) at('level', 'choose a level');
			else if (!known) at('level', `choose ${describeChoices(framework.levels.map((l) => l.label))}`);
			else if (!hasText(answer.evidence)) {
				const label = framework.levels.find((l) => l.key === answer.level)?.label ?? '';
				at('evidence', `give the evidence for ${label}`);
			}
		}
		// An aspect already at the top level has nowhere to move up to.
		const standing = aspectLevel(levels, framework.levels, framework.strandsNeededForAspectLevel);
		if (standing !== top.key && !hasText(audit.aspects[aspect.key]?.actionToMoveUp ?? '')) {
			problems.push({
				path: `${aspect.key}.actionToMoveUp`,
				message: `${aspect.label}: give the action that will move it up a level`
			});
		}
	}
	return problems;
}
