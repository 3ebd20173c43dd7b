/**
 * The soft-intelligence register (docs/categories.md): what advisers know about a school that the
 * KS2 data cannot show. Each entry is dated; "open" means it has started and not yet ended.
 * Dates are ISO yyyy-mm-dd strings, so they compare correctly as strings.
 */

export const SOFT_INTELLIGENCE_TYPES = [
	'ofsted_legacy',
	'ofsted_report_card',
	'ofsted_ungraded',
	'new_head',
	'interim_leadership',
	'governance',
	'safeguarding',
	'finance',
	'staffing',
	'complaint',
	'self_referral',
	'other'
] as const;
export type SoftIntelligenceType = (typeof SOFT_INTELLIGENCE_TYPES)[number];

/** The three kinds of Ofsted outcome live in 2026 (docs/ofsted.md, Three kinds of outcome). */
export const OFSTED_TYPES = ['ofsted_legacy', 'ofsted_report_card', 'ofsted_ungraded'] as const;
export type OfstedType = (typeof OFSTED_TYPES)[number];

export const SOFT_INTELLIGENCE_LABELS: Record<SoftIntelligenceType, string> = {
	ofsted_legacy: 'Ofsted graded inspection',
	ofsted_report_card: 'Ofsted report card',
	ofsted_ungraded: 'Ofsted ungraded inspection',
	new_head: 'New headteacher',
	interim_leadership: 'Interim leadership',
	governance: 'Governance concern',
	safeguarding: 'Safeguarding concern',
	finance: 'Finance concern',
	staffing: 'Staffing turbulence',
	complaint: 'Complaint',
	self_referral: 'Self-referral',
	other: 'Other concern'
};

/** Overall effectiveness at a graded inspection under the 2019 framework (OEIF), used until November 2025. */
export const OFSTED_LEGACY_GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type OfstedLegacyGrade = (typeof OFSTED_LEGACY_GRADES)[number];

/** Report-card grades since November 2025, best first. */
export const REPORT_CARD_GRADES = ['exceptional', 'strong_standard', 'expected_standard', 'needs_attention', 'urgent_improvement'] as const;
export type ReportCardGrade = (typeof REPORT_CARD_GRADES)[number];

export const OFSTED_GRADE_LABELS: Record<OfstedLegacyGrade | ReportCardGrade, string> = {
	outstanding: 'Outstanding',
	good: 'Good',
	requires_improvement: 'Requires improvement',
	inadequate: 'Inadequate',
	exceptional: 'Exceptional',
	strong_standard: 'Strong standard',
	expected_standard: 'Expected standard',
	needs_attention: 'Needs attention',
	urgent_improvement: 'Urgent improvement'
};

/** An OEIF grade as Ofsted writes it: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate. */
export type OeifGradeNumber = 1 | 2 | 3 | 4;

/** 1 → 'outstanding' … 4 → 'inadequate'. */
export function oeifGradeOf(n: OeifGradeNumber): OfstedLegacyGrade {
	return OFSTED_LEGACY_GRADES[n - 1];
}

/** The OEIF sub-judgements, in Ofsted's order. Early years and sixth form only where the school has them. */
export const OEIF_JUDGEMENTS = [
	'qualityOfEducation',
	'behaviourAndAttitudes',
	'personalDevelopment',
	'leadershipAndManagement',
	'earlyYears',
	'sixthForm'
] as const;
export type OeifJudgement = (typeof OEIF_JUDGEMENTS)[number];

/** Lower case, as they read inside a sentence. */
export const OEIF_JUDGEMENT_LABELS: Record<OeifJudgement, string> = {
	qualityOfEducation: 'quality of education',
	behaviourAndAttitudes: 'behaviour and attitudes',
	personalDevelopment: 'personal development',
	leadershipAndManagement: 'leadership and management',
	earlyYears: 'early years provision',
	sixthForm: 'sixth form provision'
};

/** Each sub-judgement 1 to 4, or null (not judged, or not applicable). A missing key reads as null. */
export type OeifJudgements = Partial<Record<OeifJudgement, OeifGradeNumber | null>>;

/** Ofsted's categories of concern; one can come with a graded inspection or a report card. */
export const CATEGORIES_OF_CONCERN = ['special_measures', 'serious_weaknesses', 'requires_significant_improvement'] as const;
export type CategoryOfConcern = (typeof CATEGORIES_OF_CONCERN)[number];

export const CATEGORY_OF_CONCERN_LABELS: Record<CategoryOfConcern, string> = {
	special_measures: 'Special measures',
	serious_weaknesses: 'Serious weaknesses',
	requires_significant_improvement: 'Requires significant improvement'
};

/**
 * Who put the entry in the register: imports are marked so advisers can tell them apart
 * ('gias_import': the GIAS Ofsted rating; 'ofsted_mi': Ofsted's monthly management information).
 */
export type SoftIntelligenceSource = 'adviser' | 'gias_import' | 'headteacher' | 'ofsted_mi';

interface EntryBase {
	id: string;
	date: string;
	endDate: string | null;
	details: string;
	source: SoftIntelligenceSource;
}

/**
 * What every Ofsted entry may carry. Optional so that entries stored before these fields existed
 * still type-check: read them through `ofstedFields`, which fills the defaults.
 */
export interface OfstedInspectionFields {
	/** Ofsted's category of concern, if any (absent: none). */
	categoryOfConcern?: CategoryOfConcern | null;
	/** The inspection was of the predecessor school, before academy conversion (absent: false). It still counts. */
	predecessor?: boolean;
	/** Where the outcome came from, e.g. "Ofsted MI as at 30 April 2026" (absent: null). */
	sourceFile?: string | null;
}

/** The fields of `OfstedInspectionFields` with their defaults filled in. */
export function ofstedFields(entry: OfstedInspectionFields): Required<OfstedInspectionFields> {
	return {
		categoryOfConcern: entry.categoryOfConcern ?? null,
		predecessor: entry.predecessor ?? false,
		sourceFile: entry.sourceFile ?? null
	};
}

/**
 * A graded inspection under the 2019 framework (OEIF). Stored as 'ofsted_legacy'.
 * `grade` null is "Not judged": inspections from September 2024 to November 2025 gave the
 * sub-judgements but no overall grade.
 */
export interface OfstedLegacyEntry extends EntryBase, OfstedInspectionFields {
	type: 'ofsted_legacy';
	grade: OfstedLegacyGrade | null;
	judgements?: OeifJudgements | null;
	/** "Safeguarding is effective?": null or absent when not recorded. */
	safeguardingEffective?: boolean | null;
}

export interface ReportCardArea {
	/** Ofsted's name for the area, e.g. "Leadership and governance". */
	area: string;
	grade: ReportCardGrade;
}

export interface OfstedReportCardEntry extends EntryBase, OfstedInspectionFields {
	type: 'ofsted_report_card';
	areas: ReportCardArea[];
	safeguardingMet: boolean;
}

/** An ungraded inspection: no grade, a text outcome such as "School remains Good" or "Some aspects not as strong". */
export interface OfstedUngradedEntry extends EntryBase, OfstedInspectionFields {
	type: 'ofsted_ungraded';
	outcome: string;
}

export interface OtherEntry extends EntryBase {
	type: Exclude<SoftIntelligenceType, OfstedType>;
}

export type SoftIntelligenceEntry = OfstedLegacyEntry | OfstedReportCardEntry | OfstedUngradedEntry | OtherEntry;
/** A graded Ofsted outcome: the kinds that can be "Latest Ofsted" (an OEIF graded inspection or a report card). */
export type OfstedEntry = OfstedLegacyEntry | OfstedReportCardEntry;
/** Any of the three kinds of Ofsted outcome. */
export type OfstedInspectionEntry = OfstedEntry | OfstedUngradedEntry;

/**
 * Types that count as an open concern (rule L5, and the "no open concern" of P1).
 * A new headteacher is not a concern in itself (it is a leadership risk, used by F4 and I3), nor is a
 * self-referral (a request for support, named separately in L5), nor an Ofsted outcome (rules I1 and F1
 * read graded ones; an ungraded inspection is a concern only by its outcome, see `ungradedConcern`).
 * Interim leadership is a concern: an interim arrangement is instability the school has not chosen.
 */
export const CONCERN_TYPES: readonly SoftIntelligenceType[] = SOFT_INTELLIGENCE_TYPES.filter(
	(type) => !isOfstedType(type) && type !== 'new_head' && type !== 'self_referral'
);

export function isOfstedType(type: SoftIntelligenceType): type is OfstedType {
	return (OFSTED_TYPES as readonly string[]).includes(type);
}

/** Started on or before `asOf` and not ended by then. An entry dated in the future is not open yet. */
export function isOpen(entry: SoftIntelligenceEntry, asOf: string): boolean {
	return entry.date <= asOf && (entry.endDate === null || entry.endDate > asOf);
}

/** A graded outcome: an OEIF graded inspection (with or without an overall grade) or a report card. */
export function isOfstedEntry(entry: SoftIntelligenceEntry): entry is OfstedEntry {
	return entry.type === 'ofsted_legacy' || entry.type === 'ofsted_report_card';
}

/** Any Ofsted outcome, graded or ungraded. */
export function isOfstedInspection(entry: SoftIntelligenceEntry): entry is OfstedInspectionEntry {
	return isOfstedType(entry.type);
}

/**
 * "Latest Ofsted": the most recent graded outcome on or before `asOf`, a report card or an OEIF
 * graded inspection (including one with no overall grade). An ungraded inspection never replaces
 * it. An adviser ends an Ofsted entry to withdraw it, so ended entries do not count. Ties on the
 * same date go to the report card, then to the larger id, so the answer never depends on input order.
 */
export function latestOfsted(entries: readonly SoftIntelligenceEntry[], asOf: string): OfstedEntry | null {
	let best: OfstedEntry | null = null;
	for (const e of entries) {
		if (!isOfstedEntry(e) || !isOpen(e, asOf)) continue;
		if (best === null || compareOfsted(e, best) > 0) best = e;
	}
	return best;
}

/**
 * The graded outcome before `latest`: the most recent one dated strictly earlier (an entry on the
 * same day is the same inspection recorded twice, for example by an adviser and by an import).
 */
export function previousGradedOfsted(entries: readonly SoftIntelligenceEntry[], latest: OfstedEntry, asOf: string): OfstedEntry | null {
	let best: OfstedEntry | null = null;
	for (const e of entries) {
		if (!isOfstedEntry(e) || !isOpen(e, asOf) || e.date >= latest.date) continue;
		if (best === null || compareOfsted(e, best) > 0) best = e;
	}
	return best;
}

/** Order of Ofsted outcomes: by date, then (same day) ungraded < graded inspection < report card, then by id. */
function compareOfsted(a: OfstedInspectionEntry, b: OfstedInspectionEntry): number {
	if (a.date !== b.date) return a.date < b.date ? -1 : 1;
	if (a.type !== b.type) return KIND_RANK[a.type] - KIND_RANK[b.type];
	return compareIds(a.id, b.id);
}

/** Entry ids are whole numbers held as text: the later entry has the larger number ('10' after '9'). */
function compareIds(a: string, b: string): number {
	if (a.length !== b.length) return a.length - b.length;
	return a === b ? 0 : a < b ? -1 : 1;
}

const KIND_RANK: Record<OfstedType, number> = { ofsted_ungraded: 0, ofsted_legacy: 1, ofsted_report_card: 2 };

/**
 * Does an ungraded outcome say the school may not remain Good or Outstanding? "Some aspects not as
 * strong" is Ofsted's wording; older and monitoring outcomes say "may not", "concerns" or "not taking
 * effective action". "School remains Good", "Standards maintained", "Improved significantly" are not.
 */
export function isUngradedConcernOutcome(outcome: string): boolean {
	const text = outcome.toLowerCase().replace(/\s+/g, ' ');
	return UNGRADED_CONCERN_WORDS.some((w) => text.includes(w));
}

const UNGRADED_CONCERN_WORDS = ['not as strong', 'may not', 'concern', 'not taking effective action', 'not remain', 'declined'];

/**
 * An ungraded inspection whose outcome is a concern (see `isUngradedConcernOutcome`), while it is the
 * most recent Ofsted inspection of any kind on or before `asOf`: a later inspection, graded or
 * ungraded, supersedes it. On the same day a graded inspection wins.
 */
export function ungradedConcern(entries: readonly SoftIntelligenceEntry[], asOf: string): OfstedUngradedEntry | null {
	let latest: OfstedInspectionEntry | null = null;
	for (const e of entries) {
		if (!isOfstedInspection(e) || !isOpen(e, asOf)) continue;
		if (latest === null || compareOfsted(e, latest) > 0) latest = e;
	}
	return latest !== null && latest.type === 'ofsted_ungraded' && isUngradedConcernOutcome(latest.outcome) ? latest : null;
}

/** The Ofsted outcome as the rules read it. */
export type OfstedStanding = 'inadequate' | 'requires_improvement' | 'good_or_better' | 'none';

/** The sub-judgements that decide an OEIF inspection with no overall grade (docs/ofsted.md, How the rules read Ofsted). */
export const DECIDING_JUDGEMENTS: readonly OeifJudgement[] = ['qualityOfEducation', 'leadershipAndManagement'];

/**
 * What an OEIF inspection with no overall grade counts as: Inadequate when quality of education or
 * leadership and management is 4, Requires improvement when either is 3, otherwise Good.
 */
export function notJudgedGrade(judgements: OeifJudgements | null | undefined): OfstedLegacyGrade {
	const worst = Math.max(0, ...DECIDING_JUDGEMENTS.map((k) => judgements?.[k] ?? 0));
	return worst >= 4 ? 'inadequate' : worst === 3 ? 'requires_improvement' : 'good';
}

/**
 * Inadequate (or, with no overall grade, quality of education or leadership and management 4),
 * any area Urgent improvement, safeguarding not met, or a category of concern → 'inadequate' (I1);
 * Requires improvement (or either of those sub-judgements 3) or any area Needs attention →
 * 'requires_improvement' (F1, I3);
 * Good, Outstanding, no overall grade with neither sub-judgement below Good, or every area
 * Expected standard or better → 'good_or_better' (P1).
 *
 * Special measures and serious weaknesses are Inadequate (docs/ofsted.md). Requires significant
 * improvement counts too: it is the renewed framework's successor to serious weaknesses, and Ofsted
 * gives it only with an Urgent improvement grade, which is Inadequate here anyway.
 */
export function ofstedStanding(entry: OfstedEntry | null): OfstedStanding {
	if (entry === null) return 'none';
	if (ofstedFields(entry).categoryOfConcern !== null) return 'inadequate';
	if (entry.type === 'ofsted_legacy') {
		// Safeguarding not effective at an OEIF inspection is read as report-card safeguarding not met
		// is: Inadequate. (Under the 2019 framework ineffective safeguarding normally meant an
		// Inadequate leadership judgement, so this only matters where the grades were not recorded.)
		if (entry.safeguardingEffective === false) return 'inadequate';
		const grade = entry.grade ?? notJudgedGrade(entry.judgements);
		if (grade === 'inadequate') return 'inadequate';
		if (grade === 'requires_improvement') return 'requires_improvement';
		return 'good_or_better';
	}
	if (!entry.safeguardingMet || entry.areas.some((a) => a.grade === 'urgent_improvement')) return 'inadequate';
	if (entry.areas.some((a) => a.grade === 'needs_attention')) return 'requires_improvement';
	return 'good_or_better';
}

/** Open concerns as of a date, oldest first: entries of the CONCERN_TYPES, and the `ungradedConcern` if any. */
export function openConcerns(entries: readonly SoftIntelligenceEntry[], asOf: string): SoftIntelligenceEntry[] {
	return concernsWith(entries, asOf, ungradedConcern(entries, asOf));
}

function concernsWith(entries: readonly SoftIntelligenceEntry[], asOf: string, ungraded: OfstedUngradedEntry | null): SoftIntelligenceEntry[] {
	const concerns = entries.filter((e) => CONCERN_TYPES.includes(e.type) && isOpen(e, asOf));
	if (ungraded !== null) concerns.push(ungraded);
	return sortByDate(concerns);
}

export function openSelfReferrals(entries: readonly SoftIntelligenceEntry[], asOf: string): SoftIntelligenceEntry[] {
	return sortByDate(entries.filter((e) => e.type === 'self_referral' && isOpen(e, asOf)));
}

export function openSafeguardingConcerns(entries: readonly SoftIntelligenceEntry[], asOf: string): SoftIntelligenceEntry[] {
	return sortByDate(entries.filter((e) => e.type === 'safeguarding' && isOpen(e, asOf)));
}

/**
 * "Leadership risk": an open new-headteacher entry no older than `newHeadMonths`, open interim
 * leadership, or an open governance concern. Oldest first.
 */
export function leadershipRisks(entries: readonly SoftIntelligenceEntry[], asOf: string, newHeadMonths: number): SoftIntelligenceEntry[] {
	let newSince: string | null = null;
	return sortByDate(
		entries.filter((e) => {
			if (!isOpen(e, asOf)) return false;
			if (e.type === 'interim_leadership' || e.type === 'governance') return true;
			if (e.type !== 'new_head') return false;
			newSince ??= addMonths(asOf, -newHeadMonths);
			return e.date > newSince;
		})
	);
}

/** yyyy-mm-dd plus whole months, clamping the day to the end of the month (31 March - 1 month = 28/29 February). */
export function addMonths(isoDate: string, months: number): string {
	const y = Number(isoDate.slice(0, 4));
	const m = Number(isoDate.slice(5, 7)) - 1 + months;
	const d = Number(isoDate.slice(8, 10));
	const year = y + Math.floor(m / 12);
	const month = ((m % 12) + 12) % 12;
	const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

function sortByDate(entries: SoftIntelligenceEntry[]): SoftIntelligenceEntry[] {
	return entries.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : compareIds(a.id, b.id)));
}

export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** What the rules read from the register, worked out once per school. Treat as read-only. */
export interface SoftSummary {
	/** "Latest Ofsted": the latest graded outcome. */
	ofsted: OfstedEntry | null;
	standing: OfstedStanding;
	/** Open concerns, including `ungradedConcern` when there is one. */
	openConcerns: SoftIntelligenceEntry[];
	/** An ungraded inspection, the most recent inspection, whose outcome says the school may not remain Good. */
	ungradedConcern: OfstedUngradedEntry | null;
	safeguarding: SoftIntelligenceEntry[];
	selfReferrals: SoftIntelligenceEntry[];
	leadershipRisks: SoftIntelligenceEntry[];
}

export function summariseSoftIntelligence(entries: readonly SoftIntelligenceEntry[], asOf: string, newHeadMonths: number): SoftSummary {
	// Most schools have an empty register; skip five filters for them (the arrays are never written to).
	if (entries.length === 0) return EMPTY_SUMMARY;
	const ofsted = latestOfsted(entries, asOf);
	const ungraded = ungradedConcern(entries, asOf);
	return {
		ofsted,
		standing: ofstedStanding(ofsted),
		openConcerns: concernsWith(entries, asOf, ungraded),
		ungradedConcern: ungraded,
		safeguarding: openSafeguardingConcerns(entries, asOf),
		selfReferrals: openSelfReferrals(entries, asOf),
		leadershipRisks: leadershipRisks(entries, asOf, newHeadMonths)
	};
}

const EMPTY_SUMMARY: SoftSummary = Object.freeze({
	ofsted: null,
	standing: 'none',
	openConcerns: [],
	ungradedConcern: null,
	safeguarding: [],
	selfReferrals: [],
	leadershipRisks: []
});
