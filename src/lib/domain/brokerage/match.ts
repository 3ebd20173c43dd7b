import { CATEGORY_LABELS, type Category } from '../analysis/categories';
import { list } from '../analysis/format';
import { num } from '../format';
import { alike } from './alike';
import { MinCostFlow } from './min-cost-flow';
import { NEEDING_CATEGORIES, needsOf } from './needs';
import { maySupport, strengthFor, strengthsOf } from './strengths';
import type { BrokerageSchool, BrokerageSettings, Declined, Need, Proposals, ProposedMatch, Strength, Unmatched } from './types';

/** Until an LA sets its own: 2 schools each, 25 km, Secure Plus and Secure may support, own LA only. */
export const DEFAULT_BROKERAGE_SETTINGS: BrokerageSettings = Object.freeze({
	capacity: 2,
	maxDistanceKm: 25,
	supportingCategories: Object.freeze(['secure_plus', 'secure'] as Category[]),
	allowOtherLas: false
});

export interface MatchOptions {
	/** The settings of an LA with none of its own. */
	settings?: BrokerageSettings;
	/** Each LA's own settings, by LA code. */
	settingsByLa?: Readonly<Record<string, BrokerageSettings>>;
	/** Supporters that said no this year, to one school or to all. */
	declined?: readonly Declined[];
	/** Partnerships proposed or under way this year: their schools need no match, and they take up their supporters' places. */
	open?: OpenPartnerships;
}

export interface OpenPartnerships {
	/** How many schools each supporter (by URN) is proposed for or supporting. */
	bySupporter: ReadonlyMap<number, number>;
	/** The schools that have a partnership proposed or under way. */
	supported: ReadonlySet<number>;
}

export interface Candidate {
	/** The supporter's place in the list of supporters it was considered from. */
	supporter: number;
	need: Need;
	strength: Strength | null;
	distanceKm: number;
	similarity: { score: number; words: string | null };
}

/** Why each supporter within reach could not take a school, counted for the unmatched school's reason. */
export interface Reach {
	within: number;
	concern: number;
	trust: number;
	declined: number;
	noStrength: number;
}

/**
 * Proposes a supporter for every school in Light touch, Focus or Intensive support that has no
 * partnership proposed or under way (`open`), all at once:
 * a minimum-cost flow that matches as many schools as the supporters' capacities and the distance
 * limit allow and, among those ways, prefers (in this order) a need met by one of the supporter's
 * strengths, a Secure Plus supporter, a nearer one, then one more alike in size and disadvantage.
 *
 * Who may support a school: a school of a supporting category in the same LA (or in another LA when
 * both LAs allow it), within the distance limit; a Secure Plus school whatever its strengths, any
 * other only with a strength that meets one of the school's needs; never one with an open concern
 * (`concern`), one in the same trust, or one that has declined. Pure and deterministic: schools are
 * taken in URN order, so ties go the same way whatever order they come in.
 */
export function match(schools: readonly BrokerageSchool[], options: MatchOptions = {}): Proposals {
	const { base, settingsOf } = settingsLookup(options);
	const sorted = [...schools].sort((a, b) => a.urn - b.urn);
	const hasDeclined = declinedLookup(options.declined);

	const supporters = sorted.filter((s) => maySupport(s.category, settingsOf(s.laCode).supportingCategories));
	const strengths = supporters.map(strengthsOf);
	const grid = new Grid(Math.max(base.maxDistanceKm, ...Object.values(options.settingsByLa ?? {}).map((s) => s.maxDistanceKm)) * 1000);
	supporters.forEach((s, i) => {
		if (s.easting !== null && s.northing !== null) grid.add(i, s.easting, s.northing);
	});

	const unmatched: Unmatched[] = [];
	const needing: { school: BrokerageSchool; candidates: Candidate[]; reach: Reach }[] = [];
	for (const school of sorted) {
		if (options.open?.supported.has(school.urn)) continue;
		const needs = needsOf(school);
		const cannot = cannotMatch(school, needs);
		if (cannot !== null) {
			if (cannot !== NOT_NEEDING) unmatched.push({ urn: school.urn, reason: cannot });
			continue;
		}
		const reach: Reach = { within: 0, concern: 0, trust: 0, declined: 0, noStrength: 0 };
		const candidates: Candidate[] = [];
		for (const i of grid.near(school.easting as number, school.northing as number)) {
			const verdict = consider(school, needs, supporters[i], i, strengths[i], settingsOf, hasDeclined);
			if (verdict === 'beyond') continue;
			reach.within++;
			if (typeof verdict === 'string') reach[verdict]++;
			else candidates.push(verdict);
		}
		candidates.sort((a, b) => a.supporter - b.supporter);
		needing.push({ school, candidates, reach });
	}

	const placesOf = (s: BrokerageSchool) => Math.max(0, settingsOf(s.laCode).capacity - (options.open?.bySupporter.get(s.urn) ?? 0));
	const chosen = assign(needing, supporters, placesOf);
	const matches: ProposedMatch[] = [];
	needing.forEach((n, i) => {
		const c = chosen[i];
		if (c === null) {
			unmatched.push({ urn: n.school.urn, reason: unmatchedReason(n, supporters, settingsOf) });
			return;
		}
		const s = supporters[c.supporter];
		const distanceKm = Math.round(c.distanceKm * 10) / 10;
		matches.push({
			supportedUrn: n.school.urn,
			supportingUrn: s.urn,
			need: c.need.label,
			needKey: c.need.key,
			distanceKm,
			metByStrength: c.strength !== null,
			reasons: matchReasons(c, s, n.school, distanceKm)
		});
	});
	matches.sort((a, b) => a.supportedUrn - b.supportedUrn);
	unmatched.sort((a, b) => a.urn - b.urn);
	return { maxDistanceKm: base.maxDistanceKm, capacityPerSupporter: base.capacity, matches, unmatched };
}

/** The settings an LA's schools are matched by: its own, else those of every LA without its own. */
export function settingsLookup(options: Pick<MatchOptions, 'settings' | 'settingsByLa'>): {
	base: BrokerageSettings;
	settingsOf: (la: string | null) => BrokerageSettings;
} {
	const base = options.settings ?? DEFAULT_BROKERAGE_SETTINGS;
	return { base, settingsOf: (la) => (la !== null ? options.settingsByLa?.[la] : undefined) ?? base };
}

/** Whether a supporter has said no to this school, or to supporting at all, this year. */
export function declinedLookup(declined: readonly Declined[] = []): (supportingUrn: number, supportedUrn: number) => boolean {
	const all = new Set<number>();
	const pairs = new Set<string>();
	for (const d of declined) {
		if (d.supportedUrn === null) all.add(d.supportingUrn);
		else pairs.add(`${d.supportingUrn}:${d.supportedUrn}`);
	}
	return (supporting, supported) => all.has(supporting) || pairs.has(`${supporting}:${supported}`);
}

/** Returned by `cannotMatch` for a school that needs no supporter (not in a category that needs support). */
export const NOT_NEEDING = '';

/**
 * Why no supporter can be proposed for a school whatever the supporters: NOT_NEEDING for a school
 * not in Light touch, Focus or Intensive support, the reason in words for one with no need a
 * supporter's strengths can answer or no place on the map; null when it can be matched.
 */
export function cannotMatch(school: BrokerageSchool, needs: readonly Need[]): string | null {
	if (needs.length === 0) return NEEDING_CATEGORIES.includes(school.category) ? noNeedReason(school) : NOT_NEEDING;
	if (school.easting === null || school.northing === null)
		return 'The register has no easting and northing for this school, so no distance can be measured. Import a GIAS file with them.';
	return null;
}

/**
 * Whether one supporter may support one school (with needs and a place on the map): 'beyond' when
 * it is out of reach (too far, or in another LA that the two LAs do not both allow), the reason it
 * may not when it is within reach, else the pairing, with the first of the school's needs that one of
 * the supporter's strengths meets (or, for a Secure Plus school with none, the first need).
 */
export function consider(
	school: BrokerageSchool,
	needs: readonly Need[],
	s: BrokerageSchool,
	index: number,
	strengths: readonly Strength[],
	settingsOf: (la: string | null) => BrokerageSettings,
	hasDeclined: (supportingUrn: number, supportedUrn: number) => boolean
): Candidate | 'beyond' | Exclude<keyof Reach, 'within'> {
	if (s.easting === null || s.northing === null || s.urn === school.urn) return 'beyond';
	const mine = settingsOf(school.laCode);
	const theirs = settingsOf(s.laCode);
	const sameLa = s.laCode === school.laCode;
	if (!sameLa && !(mine.allowOtherLas && theirs.allowOtherLas)) return 'beyond';
	const limit = sameLa ? mine.maxDistanceKm : Math.min(mine.maxDistanceKm, theirs.maxDistanceKm);
	const distanceKm = Math.hypot(s.easting - (school.easting as number), s.northing - (school.northing as number)) / 1000;
	if (distanceKm > limit) return 'beyond';
	if (s.concern !== null) return 'concern';
	if (sameTrust(s, school)) return 'trust';
	if (hasDeclined(s.urn, school.urn)) return 'declined';
	const met = needs.map((n) => ({ need: n, strength: strengthFor(strengths, n.key) })).find((m) => m.strength !== null);
	if (!met && s.category !== 'secure_plus') return 'noStrength';
	return { supporter: index, need: met?.need ?? needs[0], strength: met?.strength ?? null, distanceKm, similarity: alike(s, school) };
}

function sameTrust(a: BrokerageSchool, b: BrokerageSchool): boolean {
	return a.trust !== null && b.trust !== null && a.trust.trim().toLowerCase() === b.trust.trim().toLowerCase();
}

/**
 * The assignment, one connected group of schools and supporters at a time (each LA, by default),
 * so each flow is small. The costs are tiers, each outweighing everything below it summed over the
 * group: need not met by a strength, supporter not Secure Plus, distance (0.1 km), unlikeness (0 to 100).
 * `placesOf`: how many more schools a supporter may take.
 */
function assign(
	needing: readonly { candidates: Candidate[] }[],
	supporters: readonly BrokerageSchool[],
	placesOf: (s: BrokerageSchool) => number
): (Candidate | null)[] {
	const chosen: (Candidate | null)[] = needing.map(() => null);
	// Union-find over needing schools (0..n-1) and supporters (n..n+m-1).
	const n = needing.length;
	const parent = Array.from({ length: n + supporters.length }, (_, i) => i);
	const find = (x: number): number => {
		while (parent[x] !== x) x = parent[x] = parent[parent[x]];
		return x;
	};
	needing.forEach((s, i) => {
		for (const c of s.candidates) {
			const [a, b] = [find(i), find(n + c.supporter)];
			if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
		}
	});
	const groups = new Map<number, number[]>();
	needing.forEach((s, i) => {
		if (s.candidates.length === 0) return;
		const root = find(i);
		groups.set(root, [...(groups.get(root) ?? []), i]);
	});

	for (const members of groups.values()) {
		const supporterNode = new Map<number, number>();
		for (const i of members) for (const c of needing[i].candidates) if (!supporterNode.has(c.supporter)) supporterNode.set(c.supporter, 0);
		const supporterList = [...supporterNode.keys()].sort((a, b) => a - b);
		supporterList.forEach((s, k) => supporterNode.set(s, 1 + members.length + k));
		const sink = 1 + members.length + supporterList.length;
		const flow = new MinCostFlow(sink + 1);

		let maxLow = 0;
		for (const i of members) for (const c of needing[i].candidates) maxLow = Math.max(maxLow, low(c));
		const count = members.length;
		let secureWeight = count * maxLow + 1;
		let strengthWeight = count * (secureWeight + maxLow) + 1;
		if (count * (strengthWeight + secureWeight + maxLow) > Number.MAX_SAFE_INTEGER) {
			// Too large a group to keep the tiers exact over sums: keep them exact pair by pair instead.
			secureWeight = maxLow + 1;
			strengthWeight = secureWeight + maxLow + 1;
		}

		const edges: { member: number; candidate: Candidate; edge: number }[] = [];
		members.forEach((i, k) => {
			flow.addEdge(0, 1 + k, 1, 0);
			for (const c of needing[i].candidates) {
				const cost = (c.strength === null ? strengthWeight : 0) + (supporters[c.supporter].category === 'secure_plus' ? 0 : secureWeight) + low(c);
				edges.push({ member: i, candidate: c, edge: flow.addEdge(1 + k, supporterNode.get(c.supporter) as number, 1, cost) });
			}
		});
		for (const s of supporterList) flow.addEdge(supporterNode.get(s) as number, sink, placesOf(supporters[s]), 0);
		flow.run(0, sink);
		for (const e of edges) if (flow.flowOn(e.edge) > 0) chosen[e.member] = e.candidate;
	}
	return chosen;
}

/** The two lowest tiers of a pair's cost: distance in tenths of a kilometre, then unlikeness. */
export function low(c: Candidate): number {
	return Math.round(c.distanceKm * 10) * 101 + c.similarity.score;
}

function possessive(name: string): string {
	return `${name}'s`;
}

/** "Maths progress well above average (+3.4) where Oakfield's is well below average (-4.1); 6.2 km; similar size (...) and disadvantage (...)". */
export function matchReasons(c: Candidate, supporter: BrokerageSchool, supported: BrokerageSchool, distanceKm: number): string {
	const theirs = possessive(supported.name);
	const need = c.need;
	let first: string;
	if (c.strength === null)
		first = `${CATEGORY_LABELS[supporter.category]} school with no particular strength in ${need.measure}; ${theirs} ${need.measure} is ${need.state}`;
	else if (c.strength.kind === need.kind && need.kind !== 'leadership') first = `${c.strength.words} where ${theirs} is ${need.state}`;
	else first = `${c.strength.words} where ${theirs} ${need.measure} is ${need.state}`;
	return [first, `${num(distanceKm)} km`, c.similarity.words].filter((p) => p !== null).join('; ');
}

function noNeedReason(school: BrokerageSchool): string {
	if (school.firedRules.length === 0)
		return `${CATEGORY_LABELS[school.category]} with no rule of the analysis behind it (an adviser set it), so there is no need to match a supporter's strengths to. Choose a supporter by hand.`;
	return `${CATEGORY_LABELS[school.category]} for reasons (rules ${list([...school.firedRules])}) that no other school's results or records can answer. Choose a supporter by hand.`;
}

export function unmatchedReason(
	n: { school: BrokerageSchool; candidates: Candidate[]; reach: Reach },
	supporters: readonly BrokerageSchool[],
	settingsOf: (la: string | null) => BrokerageSettings
): string {
	const mine = settingsOf(n.school.laCode);
	const km = `${num(mine.maxDistanceKm)} km`;
	const where = mine.allowOtherLas ? '' : ' in the same LA';
	const labels = mine.supportingCategories.map((c) => CATEGORY_LABELS[c]);
	const who = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}` : (labels[0] ?? 'supporting');
	const r = n.reach;
	if (r.within === 0) return `No ${who} school${where} is within ${km}.`;
	if (n.candidates.length === 0) {
		const parts: string[] = [];
		if (r.noStrength > 0)
			parts.push(`${r.noStrength} ${r.noStrength === 1 ? 'has' : 'have'} no strength that meets its needs (${list(needsOf(n.school).map((x) => x.measure))})`);
		if (r.concern > 0) parts.push(`${r.concern} ${r.concern === 1 ? 'has' : 'have'} an open concern of its own`);
		if (r.trust > 0) parts.push(`${r.trust} ${r.trust === 1 ? 'is' : 'are'} in the same trust`);
		if (r.declined > 0) parts.push(`${r.declined} declined this year`);
		return `None of the ${r.within} ${plural(r.within, 'school')} within ${km}${where} that may support can support it: ${list(parts)}.`;
	}
	const capacities = [...new Set(n.candidates.map((c) => settingsOf(supporters[c.supporter].laCode).capacity))];
	const k = n.candidates.length;
	if (k === 1) return `The one school within ${km} that could support it already supports as many schools as it can (${capacities[0]}).`;
	const each = capacities.length === 1 ? ` (${capacities[0]} each)` : '';
	return `All ${k} schools within ${km} that could support it already support as many schools as they can${each}.`;
}

function plural(n: number, word: string): string {
	return n === 1 ? word : `${word}s`;
}

/** Supporters bucketed in square cells as wide as the farthest distance allowed: a school's candidates are in the 9 cells around it. */
class Grid {
	private readonly cells = new Map<string, number[]>();
	constructor(private readonly size: number) {}

	private key(x: number, y: number): string {
		return `${x}:${y}`;
	}

	add(index: number, easting: number, northing: number): void {
		const k = this.key(Math.floor(easting / this.size), Math.floor(northing / this.size));
		const cell = this.cells.get(k);
		if (cell) cell.push(index);
		else this.cells.set(k, [index]);
	}

	near(easting: number, northing: number): number[] {
		const x = Math.floor(easting / this.size);
		const y = Math.floor(northing / this.size);
		const out: number[] = [];
		for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) out.push(...(this.cells.get(this.key(x + dx, y + dy)) ?? []));
		return out;
	}
}
