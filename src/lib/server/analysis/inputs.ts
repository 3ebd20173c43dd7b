import type { Db } from '../db';
import { loadKs2ForAnalysis, schoolLinks } from '../import/ks2-repository';
import { registers } from '../soft-intelligence/repository';
import { qualityMarkAwards } from '../quality-mark/queries';
import { currentCategories } from './categories';
import type { CategoriseInput } from '../../domain/analysis/engine';
import type { Ks2SchoolYear } from '../../domain/ks2/types';

/** Summers with any school's KS2 results (2019 = 2018/19), newest first. */
export async function analysisYears(db: Db): Promise<number[]> {
	const rows = await db.selectFrom('ks2_results').select('year').distinct().orderBy('year', 'desc').execute();
	return rows.map((r) => r.year);
}

/**
 * The day the soft-intelligence register is read as of: today, or for an earlier year the end of
 * that year's autumn term, when its desktop analysis would have been done. So re-running 2018/19
 * today is not swayed by things that happened years later.
 */
export function asOfFor(year: number, today: string): string {
	const endOfAutumn = `${year}-12-31`;
	return today < endOfAutumn ? today : endOfAutumn;
}

/** The widest lookback the policy form allows (THRESHOLD_FIELDS.lookbackYears.max). */
const MAX_LOOKBACK = 10;

/**
 * Everything the engine needs for every open school in the register, for one analysis year:
 * KS2 rows (with a converted or merged school's predecessor's results for years it has none of its
 * own), England comparators, the register of soft intelligence, last year's agreed category, and
 * the school's Quality Mark awards (read only by the optional rule P2).
 */
export async function loadInputs(db: Db, year: number, asOf: string): Promise<CategoriseInput[]> {
	const schools = await db
		.selectFrom('schools')
		.select(['urn', 'name', 'age_high'])
		.where((eb) => eb.or([eb('status', 'is', null), eb('status', 'not like', 'Closed%')]))
		.orderBy('urn')
		.execute();
	const urns = schools.map((s) => s.urn);
	const { results, comparators } = await loadKs2ForAnalysis(db, { upToYear: year, fromYear: year - MAX_LOOKBACK + 1 });
	const rowsByUrn = new Map<number, Ks2SchoolYear[]>();
	for (const r of results) {
		const list = rowsByUrn.get(r.urn) ?? [];
		list.push(r);
		rowsByUrn.set(r.urn, list);
	}
	const predecessors = new Map<number, number[]>();
	for (const link of await schoolLinks(db, urns)) {
		if (!/^predecessor/i.test(link.linkType)) continue;
		predecessors.set(
			link.urn,
			[...(predecessors.get(link.urn) ?? []), link.linkUrn].sort((a, b) => a - b)
		);
	}
	const soft = await registers(db);
	const previous = await currentCategories(db, year - 1);
	const awards = await qualityMarkAwards(db);
	return schools.map((s) => ({
		school: { urn: s.urn, name: s.name, ageHigh: s.age_high },
		years: withPredecessors(s.urn, rowsByUrn, predecessors.get(s.urn) ?? []),
		comparators,
		softIntelligence: soft.get(s.urn) ?? [],
		asOf,
		year,
		previousCategory: previous.get(s.urn) ?? null,
		qualityMarks: awards.get(s.urn) ?? []
	}));
}

/** The school's own rows, plus a predecessor's rows (as this URN) for years the school has none of its own. */
function withPredecessors(urn: number, rowsByUrn: Map<number, Ks2SchoolYear[]>, predecessorUrns: number[]): Ks2SchoolYear[] {
	const own = rowsByUrn.get(urn) ?? [];
	if (predecessorUrns.length === 0) return own;
	const years = new Set(own.map((r) => r.year));
	const borrowed: Ks2SchoolYear[] = [];
	for (const p of predecessorUrns) {
		for (const r of rowsByUrn.get(p) ?? []) {
			if (years.has(r.year)) continue;
			years.add(r.year);
			borrowed.push({ ...r, urn });
		}
	}
	return [...own, ...borrowed];
}
