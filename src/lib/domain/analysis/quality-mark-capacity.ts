import { list } from './format';
import { longDate } from '../format';

/**
 * A school's Quality Mark award as the analysis sees it (docs/categories.md, Rule P2: a current
 * Quality Mark): which one, when it was awarded and the last day it is held.
 */
export interface QualityMarkAward {
	/** "Basic Skills Quality Mark". */
	name: string;
	/** yyyy-mm-dd */
	awardDate: string;
	/** yyyy-mm-dd: the last day the award is held (award date + 3 years). */
	expiryDate: string;
}

/**
 * The awards a school holds on `asOf`: awarded by then and not yet expired. An award that is due
 * for renewal is still held; a lapsed one is not, and nor is one awarded after the analysis date.
 * Sorted by name, so the reason reads the same whatever order the records came in.
 */
export function currentQualityMarks(awards: readonly QualityMarkAward[], asOf: string): QualityMarkAward[] {
	return awards
		.filter((a) => a.awardDate <= asOf && asOf <= a.expiryDate)
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.awardDate < b.awardDate ? -1 : 1));
}

/**
 * Rule P2's reason: "Holds the Basic Skills Quality Mark (awarded 14 July 2025, current until
 * 14 July 2028), which this policy counts as capacity to improve and to lead support for others".
 */
export function qualityMarkCapacityPhrase(current: readonly QualityMarkAward[]): string {
	const held = current.map((a) => `the ${a.name} (awarded ${longDate(a.awardDate)}, current until ${longDate(a.expiryDate)})`);
	return `Holds ${list(held)}, which this policy counts as capacity to improve and to lead support for others`;
}
