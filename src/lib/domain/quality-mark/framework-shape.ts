/**
 * The one shape every Quality Mark framework takes. It is plain data (strings, numbers, arrays and
 * objects only) so the same values can be seeded into the database by a migration, and a new
 * framework of either kind can be added as data without changing any code.
 *
 * Two kinds cover the frameworks the service runs:
 * - `elements`: a list of elements, each judged met or not yet met (Basic Skills Quality Mark);
 * - `levels`: aspects × strands × ordered levels, where an aspect stands at the highest level that
 *   enough of its strands reach (Professional Development Quality Mark).
 */

/** Stable keys are lower snake case; they are stored in the database and must never change. */
export type Key = string;

export interface ElementDef {
	key: Key;
	label: string;
	/** What "met" looks like, in the project's own words, shown beside the self-audit question. */
	metLooksLike: string;
}

export interface LevelDef {
	key: Key;
	label: string;
	summary: string;
}

export interface StrandDef {
	key: Key;
	label: string;
	summary: string;
}

export interface AspectDef {
	key: Key;
	label: string;
	summary: string;
	/** descriptors[strandKey][levelKey]: what that level looks like for that strand of this aspect. */
	descriptors: Record<Key, Record<Key, string>>;
}

interface FrameworkBase {
	key: Key;
	name: string;
	/** For tables and badges where the full name does not fit. */
	shortName: string;
	summary: string;
}

export interface ElementsFramework extends FrameworkBase {
	kind: 'elements';
	elements: ElementDef[];
}

export interface LevelsFramework extends FrameworkBase {
	kind: 'levels';
	/** Lowest first: a strand at a later level also "reaches" every earlier one. */
	levels: LevelDef[];
	/** Every aspect is judged on the same strands. */
	strands: StrandDef[];
	aspects: AspectDef[];
	/** How many strands must reach a level for the aspect to stand at it (3 of 4 for PD). */
	strandsNeededForAspectLevel: number;
}

export type QualityMarkFramework = ElementsFramework | LevelsFramework;
export type FrameworkKind = QualityMarkFramework['kind'];
