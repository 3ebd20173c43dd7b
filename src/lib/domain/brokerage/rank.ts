import type { Category } from '../analysis/categories';
import {
	cannotMatch,
	consider,
	declinedLookup,
	low,
	match,
	matchReasons,
	NOT_NEEDING,
	settingsLookup,
	unmatchedReason,
	type Candidate,
	type MatchOptions,
	type Reach
} from './match';
import { needsOf } from './needs';
import { maySupport, strengthsOf } from './strengths';
import type { BrokerageSchool } from './types';

/** One school that could support the school asked about, with why, in the order `match` prefers. */
export interface RankedSupporter {
	/** 1 for the one `match` would prefer if every supporter were free. */
	rank: number;
	urn: number;
	name: string;
	laCode: string | null;
	category: Category;
	/** The need it meets, as a label ("Maths progress"), and its key. */
	need: string;
	needKey: string;
	/** Whether one of its strengths meets the need (otherwise a Secure Plus school with no particular strength in it). */
	metByStrength: boolean;
	/** Straight line, to 0.1 km. */
	distanceKm: number;
	/** In words with its numbers, as a proposed match says it. */
	reasons: string;
	/** How many other schools it is already proposed to support, and how many it may take at a time. */
	proposedFor: number;
	capacity: number;
}

export interface SupporterRanking {
	urn: number;
	/** Every supporter that may support the school, best first. */
	supporters: RankedSupporter[];
	/** Why the list is empty, in words; null when it is not. */
	none: string | null;
}

export interface RankOptions extends MatchOptions {
	/**
	 * The pairs already proposed (or agreed), to count how many schools each supporter has; by
	 * default, the proposals `match` makes of the same schools.
	 */
	proposed?: readonly { supportingUrn: number; supportedUrn: number }[];
}

/**
 * Every school that may support `supportedUrn`, ranked as `match` prefers them when it is free to
 * choose: a need met by one of the supporter's strengths first, then a Secure Plus supporter, then
 * a nearer one, then one more alike in size and disadvantage (ties by URN). The same rules decide
 * who may support (category, distance, LA, no open concern, not in the same trust, not declined);
 * a supporter already proposed to as many schools as it can take is still listed, with its count,
 * so a lead adviser can choose it and move another school. Pure and deterministic.
 */
export function rankSupporters(schools: readonly BrokerageSchool[], supportedUrn: number, options: RankOptions = {}): SupporterRanking {
	const school = schools.find((s) => s.urn === supportedUrn);
	if (!school) return { urn: supportedUrn, supporters: [], none: 'This school has no category for the year, so there is nothing to match.' };
	const needs = needsOf(school);
	const cannot = cannotMatch(school, needs);
	if (cannot !== null)
		return { urn: supportedUrn, supporters: [], none: cannot === NOT_NEEDING ? 'This school is not in a category that needs support.' : cannot };

	const { settingsOf } = settingsLookup(options);
	const hasDeclined = declinedLookup(options.declined);
	const supporters = [...schools].sort((a, b) => a.urn - b.urn).filter((s) => maySupport(s.category, settingsOf(s.laCode).supportingCategories));
	const candidates: Candidate[] = [];
	const reach: Reach = { within: 0, concern: 0, trust: 0, declined: 0, noStrength: 0 };
	supporters.forEach((s, i) => {
		const verdict = consider(school, needs, s, i, strengthsOf(s), settingsOf, hasDeclined);
		if (verdict === 'beyond') return;
		reach.within++;
		if (typeof verdict === 'string') reach[verdict]++;
		else candidates.push(verdict);
	});
	candidates.sort((a, b) => tier(a, supporters) - tier(b, supporters) || low(a) - low(b) || a.supporter - b.supporter);

	const proposed = options.proposed ?? match(schools, options).matches;
	const count = new Map<number, number>();
	for (const p of proposed) if (p.supportedUrn !== supportedUrn) count.set(p.supportingUrn, (count.get(p.supportingUrn) ?? 0) + 1);

	const ranked = candidates.map((c, k): RankedSupporter => {
		const s = supporters[c.supporter];
		const distanceKm = Math.round(c.distanceKm * 10) / 10;
		return {
			rank: k + 1,
			urn: s.urn,
			name: s.name,
			laCode: s.laCode,
			category: s.category,
			need: c.need.label,
			needKey: c.need.key,
			metByStrength: c.strength !== null,
			distanceKm,
			reasons: matchReasons(c, s, school, distanceKm),
			proposedFor: count.get(s.urn) ?? 0,
			capacity: settingsOf(s.laCode).capacity
		};
	});
	const none = ranked.length === 0 ? unmatchedReason({ school, candidates, reach }, supporters, settingsOf) : null;
	return { urn: supportedUrn, supporters: ranked, none };
}

/** The two upper tiers of `match`'s cost: a need not met by a strength, then a supporter that is not Secure Plus. */
function tier(c: Candidate, supporters: readonly BrokerageSchool[]): number {
	return (c.strength === null ? 2 : 0) + (supporters[c.supporter].category === 'secure_plus' ? 0 : 1);
}
