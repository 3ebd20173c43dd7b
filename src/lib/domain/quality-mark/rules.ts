import type { ElementsFramework, Key, LevelDef, LevelsFramework, QualityMarkFramework } from './framework-shape';
import type { ElementsSelfAudit, LevelsSelfAudit, SelfAudit } from './self-audit';
import { count, hasText } from './wording';

/**
 * The framework rules, as guidance for the assessor. They never decide an award: the overall
 * judgement and the award decision stay the assessor's (docs/quality-mark.md, The rules, as guidance).
 */

/**
 * The level an aspect stands at: the highest level that at least `strandsNeeded` of its strands
 * reach, where a strand at a higher level also reaches every lower one. null means "not yet" the
 * lowest level, which happens exactly when fewer than `strandsNeeded` strands are judged.
 * Unknown level keys count as not judged; submit validation reports them.
 */
export function aspectLevel(strandLevels: readonly (Key | null)[], levels: readonly LevelDef[], strandsNeeded: number): Key | null {
	const ranks = strandLevels.map((key) => (key === null ? -1 : levels.findIndex((l) => l.key === key)));
	for (let rank = levels.length - 1; rank >= 0; rank--) {
		if (ranks.filter((r) => r >= rank).length >= strandsNeeded) return levels[rank].key;
	}
	return null;
}

/** "Developing", or "Not yet Developing" for an aspect that stands at no level. */
export function levelLabel(levels: readonly LevelDef[], key: Key | null): string {
	if (key === null) return `Not yet ${levels[0].label}`;
	return levels.find((l) => l.key === key)?.label ?? key;
}

export interface AspectStanding {
	aspectKey: Key;
	aspectLabel: string;
	level: Key | null;
	levelLabel: string;
	strandsJudged: number;
	/** The level above, and how many more strands must reach it; null at the top level. */
	nextLevel: { key: Key; label: string; strandsShort: number } | null;
}

export interface PdProfile {
	aspects: AspectStanding[];
	/** The level every aspect reaches: the floor of the profile. */
	lowestLevel: Key | null;
	lowestLevelLabel: string;
}

/** Where each aspect stands, with the strand judgements read from the audit. */
export function pdProfile(framework: LevelsFramework, audit: LevelsSelfAudit): PdProfile {
	const { levels, strandsNeededForAspectLevel: needed } = framework;
	const rankOf = (key: Key | null) => (key === null ? -1 : levels.findIndex((l) => l.key === key));
	const aspects = framework.aspects.map((aspect): AspectStanding => {
		const strandLevels = framework.strands.map((s) => audit.aspects[aspect.key]?.strands[s.key]?.level ?? null);
		const level = aspectLevel(strandLevels, levels, needed);
		const next = levels[rankOf(level) + 1];
		const reachingNext = next ? strandLevels.filter((l) => rankOf(l) >= rankOf(next.key)).length : 0;
		return {
			aspectKey: aspect.key,
			aspectLabel: aspect.label,
			level,
			levelLabel: levelLabel(levels, level),
			strandsJudged: strandLevels.filter((l) => rankOf(l) >= 0).length,
			nextLevel: next ? { key: next.key, label: next.label, strandsShort: Math.max(0, needed - reachingNext) } : null
		};
	});
	const lowestRank = Math.min(...aspects.map((a) => rankOf(a.level)));
	const lowestLevel = lowestRank >= 0 ? levels[lowestRank].key : null;
	return { aspects, lowestLevel, lowestLevelLabel: levelLabel(levels, lowestLevel) };
}

export interface BasicSkillsGuidance {
	/** True only when every element is met with evidence of its impact. */
	recommended: boolean;
	metWithEvidence: number;
	elementCount: number;
	missing: string[];
}

/** Whether the Basic Skills award is recommended, and what stands in the way if not. */
export function basicSkillsGuidance(framework: ElementsFramework, audit: ElementsSelfAudit): BasicSkillsGuidance {
	const missing: string[] = [];
	let metWithEvidence = 0;
	for (const element of framework.elements) {
		const answer = audit.elements[element.key];
		if (!answer || answer.met === null) missing.push(`${element.label} has not been judged yet.`);
		else if (!answer.met) missing.push(`${element.label} is not yet met.`);
		else if (!hasText(answer.evidence)) missing.push(`${element.label} is marked met but has no evidence of impact.`);
		else metWithEvidence++;
	}
	const elementCount = framework.elements.length;
	return { recommended: metWithEvidence === elementCount, metWithEvidence, elementCount, missing };
}

/**
 * What stands between each PD aspect and the level above it: strands not judged, levels without
 * evidence, and how many more strands must reach the next level. There is no computed award
 * recommendation for PD: that is the assessor's alone (docs/quality-mark.md), with the profile as guidance.
 */
export function pdMissing(framework: LevelsFramework, audit: LevelsSelfAudit): string[] {
	const missing: string[] = [];
	const profile = pdProfile(framework, audit);
	for (const [i, aspect] of framework.aspects.entries()) {
		// One line per strand: strand names such as "Strategy and policy" do not read well in a list.
		for (const strand of framework.strands) {
			const answer = audit.aspects[aspect.key]?.strands[strand.key];
			if (!answer || answer.level === null) missing.push(`${aspect.label}: ${strand.label} has not been judged yet.`);
			else if (!hasText(answer.evidence)) {
				const label = levelLabel(framework.levels, answer.level);
				missing.push(`${aspect.label}: ${strand.label} is judged ${label} but has no evidence.`);
			}
		}
		const { level, levelLabel: standing, nextLevel } = profile.aspects[i];
		if (nextLevel && nextLevel.strandsShort > 0) {
			const where = level === null ? `is not yet ${framework.levels[0].label}` : `stands at ${standing}`;
			const more = count(nextLevel.strandsShort, 'more strand');
			missing.push(`${aspect.label} ${where}. ${more} at ${nextLevel.label} or above would move it up to ${nextLevel.label}.`);
		}
	}
	return missing;
}

/** The plain-words list of what is missing, for either kind of framework. */
export function whatIsMissing(framework: QualityMarkFramework, audit: SelfAudit): string[] {
	if (framework.kind === 'elements' && audit.kind === 'elements') return basicSkillsGuidance(framework, audit).missing;
	if (framework.kind === 'levels' && audit.kind === 'levels') return pdMissing(framework, audit);
	return [`This self-audit does not match the ${framework.name}.`];
}
