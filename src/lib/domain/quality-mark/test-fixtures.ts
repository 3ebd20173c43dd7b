import { BASIC_SKILLS_FRAMEWORK } from './basic-skills-framework';
import type { Key } from './framework-shape';
import { PROFESSIONAL_DEVELOPMENT_FRAMEWORK } from './professional-development-framework';
import type { ElementsSelfAudit, LevelsSelfAudit } from './self-audit';

/** Shared by the tests in this folder: complete audits that tests then break one piece at a time. */

export const BSQM = BASIC_SKILLS_FRAMEWORK;
export const PDQM = PROFESSIONAL_DEVELOPMENT_FRAMEWORK;

/** Every element met, with evidence and an action. */
export function completeBasicSkillsAudit(): ElementsSelfAudit {
	const elements = Object.fromEntries(BSQM.elements.map((e) => [e.key, { met: true, evidence: `Evidence for ${e.label}`, action: 'Keep it going' }]));
	return { kind: 'elements', elements };
}

/**
 * A PD audit with the given strand levels for every aspect (vision, culture, strategy and policy,
 * best value, in that order), evidence for each, and an action to move up.
 */
export function pdAuditWith(levels: readonly (Key | null)[], perAspect: Record<Key, readonly (Key | null)[]> = {}): LevelsSelfAudit {
	const aspects = Object.fromEntries(
		PDQM.aspects.map((a) => {
			const mine = perAspect[a.key] ?? levels;
			const strands = Object.fromEntries(PDQM.strands.map((s, i) => [s.key, { level: mine[i] ?? null, evidence: `Evidence for ${s.label}` }]));
			return [a.key, { strands, actionToMoveUp: 'Plan the next step' }];
		})
	);
	return { kind: 'levels', aspects };
}
