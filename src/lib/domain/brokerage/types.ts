import type { Category } from '../analysis/categories';
import type { RuleId } from '../analysis/rule-catalogue';
import type { Signals, Subject } from '../analysis/signals';
import type { OfstedEntry, SoftIntelligenceEntry } from '../analysis/soft-intelligence';

/**
 * School-to-school support (docs: DESIGN section 12). A school in Light touch, Focus or Intensive
 * support has needs, read from the reasons it is there; a school that may support has strengths;
 * matching pairs them within each supporter's capacity and a distance limit.
 */

/** What a school, as brokerage sees it, brings: the engine's result for the year, and its register. */
export interface BrokerageSchool {
	urn: number;
	name: string;
	laCode: string | null;
	/** GIAS "Trusts (name)": two schools of one trust are never paired (a conflict of interest). */
	trust: string | null;
	/** GIAS easting and northing, in metres. */
	easting: number | null;
	northing: number | null;
	/** The school's category for the year: agreed, or the working one while it waits for agreement. */
	category: Category;
	/** KS2 cohort (TELIG) and % disadvantaged in the latest year: how alike two schools are. */
	cohort: number | null;
	disadvantagedPct: number | null;
	/** The rules that fired, in policy order: the reasons the school is in its category. */
	firedRules: readonly RuleId[];
	signals: Pick<Signals, 'attainment' | 'progress' | 'disadvantagedGap' | 'trend'>;
	/** The latest graded Ofsted outcome on the analysis date ("Latest Ofsted"). */
	ofsted: OfstedEntry | null;
	/** Open leadership risks: a new or interim headteacher, or a governance concern. */
	leadershipRisks: readonly SoftIntelligenceEntry[];
	/** Why the school may not lead support now (see `supportBar`), or null. */
	concern: string | null;
	/** Quality Marks held on the analysis date, by framework key ('basic_skills', 'professional_development'). */
	qualityMarks: readonly { key: string; name: string; expiryDate: string }[];
}

export type NeedKind = 'attainment' | 'progress' | 'disadvantaged' | 'area' | 'leadership';

export interface Need {
	/** 'attainment', 'progress:maths', 'disadvantaged', 'area:curriculum and teaching', 'leadership'. */
	key: string;
	kind: NeedKind;
	subject: Subject | null;
	/** The report-card area, for an area need. */
	area: string | null;
	/** The school's figure: RWM gap in points, progress score, disadvantaged gap; null for a grade or a risk. */
	figure: number | null;
	/** What it is about, in a sentence: "maths progress". */
	measure: string;
	/** Where the school stands, read after "is": "well below average (-4.1)". */
	state: string;
	/** "Maths progress well below average (-4.1)": the need on its own, in sentence case. */
	words: string;
	/** A short name for lists and the CLI: "Maths progress". */
	label: string;
}

export interface Strength {
	kind: NeedKind | 'quality_mark';
	/** The need keys it meets. */
	meets: readonly string[];
	/** "Maths progress well above average (+3.4)". */
	words: string;
}

/** An LA's brokerage settings. Defaults in DEFAULT_BROKERAGE_SETTINGS. */
export interface BrokerageSettings {
	/** How many schools one supporter takes at a time. */
	capacity: number;
	/** The farthest a supporter may be, in a straight line. */
	maxDistanceKm: number;
	/** Which categories may support, best first. */
	supportingCategories: readonly Category[];
	/** Whether this LA's schools may support, and be supported by, another LA that allows it too. */
	allowOtherLas: boolean;
}

/** A supporter that has said no this year: to one school, or (supportedUrn null) to supporting at all. */
export interface Declined {
	supportingUrn: number;
	supportedUrn: number | null;
}

export interface ProposedMatch {
	supportedUrn: number;
	supportingUrn: number;
	/** The need it meets, as a label ("Maths progress"). */
	need: string;
	needKey: string;
	/** Straight line, to 0.1 km. */
	distanceKm: number;
	/** Whether a strength of the supporter meets the need (otherwise a Secure Plus school with no particular strength in it). */
	metByStrength: boolean;
	reasons: string;
}

export interface Unmatched {
	urn: number;
	reason: string;
}

export interface Proposals {
	/** The settings of the installation's default (or the only LA's). */
	maxDistanceKm: number;
	capacityPerSupporter: number;
	matches: ProposedMatch[];
	unmatched: Unmatched[];
}
