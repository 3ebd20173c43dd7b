import { CATEGORIES, categoryRank, type Category } from './analysis/categories';
import { INTERVENTION_STATUSES, type InterventionStatus } from './analysis/intervention';

/*
 * The LAs side by side, for those who look across several (docs/roles.md): schools by category,
 * how categories moved since last year, DfE intervention statuses, Quality Mark coverage, and
 * planned adviser days against capacity. Pure: the facts about each school go in, one row per LA
 * comes out.
 */

/** How a school's category changed from last year's: more support, less, the same, or no category last year. */
export const MOVEMENTS = ['more', 'less', 'same', 'new'] as const;
export type Movement = (typeof MOVEMENTS)[number];

export const MOVEMENT_LABELS: Record<Movement, string> = {
	more: 'More support',
	less: 'Less support',
	same: 'Same category',
	new: 'No category last year'
};

export function isMovement(value: unknown): value is Movement {
	return typeof value === 'string' && (MOVEMENTS as readonly string[]).includes(value);
}

/** The move from last year's category to this year's (categories run from least support to most). */
export function movement(lastYear: Category | null, now: Category): Movement {
	if (lastYear === null) return 'new';
	const change = categoryRank(now) - categoryRank(lastYear);
	return change > 0 ? 'more' : change < 0 ? 'less' : 'same';
}

/** What the comparison needs to know of one school. */
export interface SchoolFacts {
	urn: number;
	laCode: string;
	/** This year's working category; null when the school has none. */
	category: Category | null;
	lastYear: Category | null;
	intervention: InterventionStatus | null;
	holdsQualityMark: boolean;
}

/** One LA's adviser days in the plan of a school year. */
export interface LaDays {
	planned: number;
	available: number;
}

export interface LaComparisonRow {
	code: string;
	name: string;
	schools: number;
	byCategory: Record<Category | 'none', number>;
	movement: Record<Movement, number>;
	interventions: Record<InterventionStatus, number>;
	qualityMark: { holding: number; percent: number };
	/** Null when the year has no plan for this LA's schools. */
	days: LaDays | null;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** One row per LA, in the order given; a school in an LA not listed is left out. */
export function compareLas(
	las: readonly { code: string; name: string }[],
	schools: readonly SchoolFacts[],
	days: ReadonlyMap<string, LaDays>
): LaComparisonRow[] {
	const rows = new Map(
		las.map((la): [string, LaComparisonRow] => [
			la.code,
			{
				code: la.code,
				name: la.name,
				schools: 0,
				byCategory: zeros([...CATEGORIES, 'none'] as const),
				movement: zeros(MOVEMENTS),
				interventions: zeros(INTERVENTION_STATUSES),
				qualityMark: { holding: 0, percent: 0 },
				days: days.get(la.code) ?? null
			}
		])
	);
	for (const s of schools) {
		const row = rows.get(s.laCode);
		if (!row) continue;
		row.schools += 1;
		row.byCategory[s.category ?? 'none'] += 1;
		if (s.category !== null) row.movement[movement(s.lastYear, s.category)] += 1;
		if (s.intervention !== null) row.interventions[s.intervention] += 1;
		if (s.holdsQualityMark) row.qualityMark.holding += 1;
	}
	for (const row of rows.values()) row.qualityMark.percent = row.schools === 0 ? 0 : Math.round((100 * row.qualityMark.holding) / row.schools);
	return [...rows.values()];
}
