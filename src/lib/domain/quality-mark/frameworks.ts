import { BASIC_SKILLS_FRAMEWORK } from './basic-skills-framework';
import type { Key, QualityMarkFramework } from './framework-shape';
import { PROFESSIONAL_DEVELOPMENT_FRAMEWORK } from './professional-development-framework';

/**
 * The frameworks the service runs, in the order they are shown. This list is the seed for the
 * database; once seeded, the app reads frameworks from the database, so a third one can be added
 * as data without code changes.
 */
export const FRAMEWORKS: readonly QualityMarkFramework[] = [BASIC_SKILLS_FRAMEWORK, PROFESSIONAL_DEVELOPMENT_FRAMEWORK];

export function findFramework(key: Key, frameworks: readonly QualityMarkFramework[] = FRAMEWORKS): QualityMarkFramework | null {
	return frameworks.find((f) => f.key === key) ?? null;
}
