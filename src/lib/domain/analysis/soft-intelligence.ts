/**
 * The soft-intelligence register (DESIGN.md section 3): what advisers know about a school that the
 * KS2 data cannot show. Each entry is dated; "open" means it has started and not yet ended.
 * Dates are ISO yyyy-mm-dd strings, so they compare correctly as strings.
 */

export const SOFT_INTELLIGENCE_TYPES = [
	'ofsted_legacy',
	'ofsted_report_card',
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

export const SOFT_INTELLIGENCE_LABELS: Record<SoftIntelligenceType, string> = {
	ofsted_legacy: 'Ofsted grade',
	ofsted_report_card: 'Ofsted report card',
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

/** Ofsted's single grade, used until November 2025. */
export const OFSTED_LEGACY_GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type OfstedLegacyGrade = (typeof OFSTED_LEGACY_GRADES)[number];

/** Report-card grades since November 2025, best first. */
export const REPORT_CARD_GRADES = [
	'exceptional',
	'strong_standard',
	'expected_standard',
	'needs_attention',
	'urgent_improvement'
] as const;
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

/** Who put the entry in the register: GIAS imports are marked so advisers can tell them apart. */
export type SoftIntelligenceSource = 'adviser' | 'gias_import' | 'headteacher';

interface EntryBase {
	id: string;
	date: string;
	endDate: string | null;
	details: string;
	source: SoftIntelligenceSource;
}

export interface OfstedLegacyEntry extends EntryBase {
	type: 'ofsted_legacy';
	grade: OfstedLegacyGrade;
}

export interface ReportCardArea {
	/** Ofsted's name for the area, e.g. "Leadership and governance". */
	area: string;
	grade: ReportCardGrade;
}

export interface OfstedReportCardEntry extends EntryBase {
	type: 'ofsted_report_card';
	areas: ReportCardArea[];
	safeguardingMet: boolean;
}

export interface OtherEntry extends EntryBase {
	type: Exclude<SoftIntelligenceType, 'ofsted_legacy' | 'ofsted_report_card'>;
}

export type SoftIntelligenceEntry = OfstedLegacyEntry | OfstedReportCardEntry | OtherEntry;
export type OfstedEntry = OfstedLegacyEntry | OfstedReportCardEntry;

/**
 * Types that count as an open concern (rule L5, and the "no open concern" of P1).
 * A new headteacher is not a concern in itself (it is a leadership risk, used by F4 and I3), nor is a
 * self-referral (a request for support, named separately in L5), nor an Ofsted outcome (rules I1 and F1
 * read those). Interim leadership is a concern: an interim arrangement is instability the school has not chosen.
 */
export const CONCERN_TYPES: readonly SoftIntelligenceType[] = SOFT_INTELLIGENCE_TYPES.filter(
	(type) => type !== 'ofsted_legacy' && type !== 'ofsted_report_card' && type !== 'new_head' && type !== 'self_referral'
);

/** Started on or before `asOf` and not ended by then. An entry dated in the future is not open yet. */
export function isOpen(entry: SoftIntelligenceEntry, asOf: string): boolean {
	return entry.date <= asOf && (entry.endDate === null || entry.endDate > asOf);
}

export function isOfstedEntry(entry: SoftIntelligenceEntry): entry is OfstedEntry {
	return entry.type === 'ofsted_legacy' || entry.type === 'ofsted_report_card';
}

/**
 * The most recent inspection on or before `asOf`. An adviser ends an Ofsted entry to withdraw it
 * (for example a predecessor school's grade), so ended entries do not count. Ties on the same date
 * go to the report card, then to the larger id, so the answer never depends on input order.
 */
export function latestOfsted(entries: readonly SoftIntelligenceEntry[], asOf: string): OfstedEntry | null {
	let best: OfstedEntry | null = null;
	for (const e of entries) {
		if (!isOfstedEntry(e) || !isOpen(e, asOf)) continue;
		if (best === null || compareOfsted(e, best) > 0) best = e;
	}
	return best;
}

function compareOfsted(a: OfstedEntry, b: OfstedEntry): number {
	if (a.date !== b.date) return a.date < b.date ? -1 : 1;
	if (a.type !== b.type) return a.type === 'ofsted_report_card' ? 1 : -1;
	return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** The Ofsted outcome as the rules read it. */
export type OfstedStanding = 'inadequate' | 'requires_improvement' | 'good_or_better' | 'none';

/**
 * Inadequate, any area Urgent improvement or safeguarding not met → 'inadequate' (I1);
 * Requires improvement or any area Needs attention → 'requires_improvement' (F1, I3);
 * Good, Outstanding, or every area Expected standard or better → 'good_or_better' (P1).
 */
export function ofstedStanding(entry: OfstedEntry | null): OfstedStanding {
	if (entry === null) return 'none';
	if (entry.type === 'ofsted_legacy') {
		if (entry.grade === 'inadequate') return 'inadequate';
		if (entry.grade === 'requires_improvement') return 'requires_improvement';
		return 'good_or_better';
	}
	if (!entry.safeguardingMet || entry.areas.some((a) => a.grade === 'urgent_improvement')) return 'inadequate';
	if (entry.areas.some((a) => a.grade === 'needs_attention')) return 'requires_improvement';
	return 'good_or_better';
}

/** Open concerns as of a date, oldest first (see CONCERN_TYPES). */
export function openConcerns(entries: readonly SoftIntelligenceEntry[], asOf: string): SoftIntelligenceEntry[] {
	return sortByDate(entries.filter((e) => CONCERN_TYPES.includes(e.type) && isOpen(e, asOf)));
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
export function leadershipRisks(
	entries: readonly SoftIntelligenceEntry[],
	asOf: string,
	newHeadMonths: number
): SoftIntelligenceEntry[] {
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
	return entries.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** What the rules read from the register, worked out once per school. Treat as read-only. */
export interface SoftSummary {
	ofsted: OfstedEntry | null;
	standing: OfstedStanding;
	openConcerns: SoftIntelligenceEntry[];
	safeguarding: SoftIntelligenceEntry[];
	selfReferrals: SoftIntelligenceEntry[];
	leadershipRisks: SoftIntelligenceEntry[];
}

export function summariseSoftIntelligence(
	entries: readonly SoftIntelligenceEntry[],
	asOf: string,
	newHeadMonths: number
): SoftSummary {
	// Most schools have an empty register; skip five filters for them (the arrays are never written to).
	if (entries.length === 0) return EMPTY_SUMMARY;
	const ofsted = latestOfsted(entries, asOf);
	return {
		ofsted,
		standing: ofstedStanding(ofsted),
		openConcerns: openConcerns(entries, asOf),
		safeguarding: openSafeguardingConcerns(entries, asOf),
		selfReferrals: openSelfReferrals(entries, asOf),
		leadershipRisks: leadershipRisks(entries, asOf, newHeadMonths)
	};
}

const EMPTY_SUMMARY: SoftSummary = Object.freeze({
	ofsted: null,
	standing: 'none',
	openConcerns: [],
	safeguarding: [],
	selfReferrals: [],
	leadershipRisks: []
});
