import { num, pct } from '../format';

/** Two cohorts this close (difference over the larger) count as a similar size. */
export const SIMILAR_SIZE = 0.25;
/** Two schools' % disadvantaged this close, in points, count as similar. */
export const SIMILAR_DISADVANTAGE = 10;

interface Profile {
	cohort: number | null;
	disadvantagedPct: number | null;
}

/**
 * How alike two schools are in size (KS2 cohort) and % disadvantaged: a score from 0 (alike) to 100
 * (unlike) for matching, and the words, supporter first: "similar size (52 and 47 pupils at KS2) and
 * disadvantage (31% and 28%)". A figure one school lacks counts as middling and is left out of the words.
 */
export function alike(supporter: Profile, supported: Profile): { score: number; words: string | null } {
	let score = 0;
	const parts: { similar: boolean; what: string; figures: string }[] = [];
	const a = supporter.cohort;
	const b = supported.cohort;
	if (a !== null && b !== null && a > 0 && b > 0) {
		const ratio = Math.abs(a - b) / Math.max(a, b);
		score += Math.round(Math.min(50, ratio * 100));
		parts.push({ similar: ratio <= SIMILAR_SIZE, what: 'size', figures: `${num(a)} and ${num(b)} pupils at KS2` });
	} else score += 25;
	const c = supporter.disadvantagedPct;
	const d = supported.disadvantagedPct;
	if (c !== null && d !== null) {
		const diff = Math.abs(c - d);
		score += Math.round(Math.min(50, diff));
		parts.push({ similar: diff <= SIMILAR_DISADVANTAGE, what: 'disadvantage', figures: `${pct(c)} and ${pct(d)}` });
	} else score += 25;
	if (parts.length === 0) return { score, words: null };
	if (parts.length === 2 && parts[0].similar === parts[1].similar) {
		const how = parts[0].similar ? 'similar' : 'different';
		return { score, words: `${how} size (${parts[0].figures}) and disadvantage (${parts[1].figures})` };
	}
	return { score, words: parts.map((p) => `${p.similar ? 'similar' : 'different'} ${p.what} (${p.figures})`).join(' and ') };
}
