import { categorise } from '../analysis/engine';
import { DEFAULT_POLICY } from '../analysis/policy';
import { latestOfsted, leadershipRisks, type SoftIntelligenceEntry } from '../analysis/soft-intelligence';
import { gaps, progressFigures, schoolInput } from '../analysis/test-fixtures';
import type { Ks2SchoolYear } from '../ks2/types';
import { supportBar } from './strengths';
import type { BrokerageSchool } from './types';

const AS_OF = '2019-09-01';

/** A school as the loader builds one: the engine's real result for its rows and register, placed on the map. */
export function fromEngine(urn: number, rows: Ks2SchoolYear[], register: SoftIntelligenceEntry[] = [], extra: Partial<BrokerageSchool> = {}): BrokerageSchool {
	// The rows carry the fixtures' own URN; the engine reads them as that school's, then it takes `urn`.
	const result = categorise(schoolInput(rows, register), DEFAULT_POLICY);
	return {
		urn,
		name: `School ${urn}`,
		laCode: '850',
		trust: null,
		easting: 450000,
		northing: 150000,
		category: result.category,
		cohort: 30,
		disadvantagedPct: 25,
		firedRules: result.firedRules.map((r) => r.id),
		signals: result.signals,
		ofsted: latestOfsted(register, AS_OF),
		leadershipRisks: leadershipRisks(register, AS_OF, DEFAULT_POLICY.thresholds.newHeadMonths),
		concern: supportBar(register, AS_OF, DEFAULT_POLICY.thresholds.newHeadMonths),
		qualityMarks: [],
		...extra
	};
}

/** Rows that make a school Focus support for maths progress alone (F3 needs two measures well below, so reading too). */
export const weakMaths = (): Ks2SchoolYear[] => gaps(0, 0, -2, progressFigures(-4, 0, -4.1));
/** Rows for a Secure Plus school with maths progress well above average. */
export const strongMaths = (): Ks2SchoolYear[] => gaps(15, 15, 15, { ...progressFigures(0.5, 0, 3.4), rwmHigh: 20 });
/** Rows for a Secure school with nothing well above. */
export const plain = (): Ks2SchoolYear[] => gaps(0, 0, 0, progressFigures(0, 0, 0));

/** A point `km` east of the fixtures' default location. */
export const east = (km: number) => ({ easting: 450000 + km * 1000, northing: 150000 });

/** Focus support for maths progress (and reading). */
export const focus = (urn: number, extra: Partial<BrokerageSchool> = {}) => fromEngine(urn, weakMaths(), [], { name: `Needy ${urn}`, ...extra });
/** Secure Plus, with maths progress well above average. */
export const securePlus = (urn: number, extra: Partial<BrokerageSchool> = {}) => fromEngine(urn, strongMaths(), [], { name: `Strong ${urn}`, ...extra });
/** Secure, with nothing well above: no strength to offer. */
export const secure = (urn: number, extra: Partial<BrokerageSchool> = {}) => fromEngine(urn, plain(), [], { name: `Steady ${urn}`, ...extra });
/** Secure with maths progress well above average, but not enough for Secure Plus. */
export const secureMaths = (urn: number, extra: Partial<BrokerageSchool> = {}) =>
	fromEngine(urn, gaps(0, 0, 0, progressFigures(0, 0, 3.6)), [], { name: `Mathsy ${urn}`, ...extra });
