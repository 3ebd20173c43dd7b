/** Builders shared by the analysis tests and the benchmark: plausible rows with every figure named. */
import type { Ks2Comparator, Ks2Figures, Ks2SchoolYear } from '../ks2/types';
import type { CategoriseInput } from './engine';
import type {
	OfstedInspectionFields,
	OfstedLegacyEntry,
	OfstedLegacyGrade,
	OfstedReportCardEntry,
	OfstedType,
	OfstedUngradedEntry,
	OeifJudgements,
	ReportCardArea,
	SoftIntelligenceEntry,
	SoftIntelligenceType
} from './soft-intelligence';

export const URN = 100001;

/**
 * A row with every figure null, written as one literal so that all rows share one hidden class.
 * Spreading a template of nulls (`{ ...NO_FIGURES, ... }`) gives each row its own shape in V8 and
 * makes every property read several times slower, which the benchmark would otherwise measure.
 */
export function blankSchoolYear(urn: number, year: number, recordType: 1 | 2 = 1, codes: Ks2SchoolYear['codes'] = {}): Ks2SchoolYear {
	return {
		urn,
		year,
		recordType,
		codes,
		cohort: null,
		disadvantagedCount: null,
		disadvantagedPct: null,
		rwmExpected: null,
		rwmHigh: null,
		readExpected: null,
		readHigh: null,
		readAverage: null,
		writExpected: null,
		writHigh: null,
		matExpected: null,
		matHigh: null,
		matAverage: null,
		readProgress: null,
		readProgressLower: null,
		readProgressUpper: null,
		readProgressBand: null,
		readCoverage: null,
		writProgress: null,
		writProgressLower: null,
		writProgressUpper: null,
		writProgressBand: null,
		writCoverage: null,
		matProgress: null,
		matProgressLower: null,
		matProgressUpper: null,
		matProgressBand: null,
		matCoverage: null,
		rwmExpectedDisadvantaged: null,
		rwmExpectedNotDisadvantaged: null,
		rwmHighDisadvantaged: null,
		cohort3yr: null,
		rwmExpected3yr: null,
		rwmHigh3yr: null
	};
}

const { urn: _urn, year: _year, recordType: _recordType, codes: _codes, ...noFigures } = blankSchoolYear(0, 0);
export const NO_FIGURES: Ks2Figures = noFigures;

/** A mainstream school's year: 30 pupils, RWM expected as given, RWM high 12%, no progress unless given. */
export function schoolYear(year: number, rwmExpected: number | null, figures: Partial<Ks2SchoolYear> = {}): Ks2SchoolYear {
	return Object.assign(blankSchoolYear(URN, year), { cohort: 30, rwmHigh: 12, rwmExpected }, figures);
}

/** England (state-funded) RWM expected by year, from the DfE tables; no tests ran in 2020 or 2021, no school tables in 2022. */
export const ENGLAND_RWM: Record<number, number> = { 2016: 53, 2017: 61, 2018: 64, 2019: 65, 2022: 59, 2023: 60, 2024: 61, 2025: 62 };

export function englandRow(year: number, figures: Partial<Ks2Comparator> = {}): Ks2Comparator {
	return {
		...NO_FIGURES,
		year,
		kind: 'england_state',
		laCode: null,
		rwmExpected: ENGLAND_RWM[year] ?? 60,
		rwmHigh: 10,
		rwmExpectedNotDisadvantaged: 71,
		...figures
	};
}

export const ENGLAND: Ks2Comparator[] = Object.keys(ENGLAND_RWM).map((y) => englandRow(Number(y)));

/** Progress in all three subjects from scores and half-widths of the confidence interval. */
export function progressFigures(read: number, writ: number, mat: number, halfWidth = 1): Partial<Ks2Figures> {
	return {
		readProgress: read,
		readProgressLower: read - halfWidth,
		readProgressUpper: read + halfWidth,
		writProgress: writ,
		writProgressLower: writ - halfWidth,
		writProgressUpper: writ + halfWidth,
		matProgress: mat,
		matProgressLower: mat - halfWidth,
		matProgressUpper: mat + halfWidth
	};
}

let nextId = 1;

export type ConcernType = Exclude<SoftIntelligenceType, OfstedType>;

export function entry(type: ConcernType, date: string, endDate: string | null = null): SoftIntelligenceEntry {
	return { id: `e${nextId++}`, type, date, endDate, details: '', source: 'adviser' };
}

export function legacy(grade: OfstedLegacyGrade, date: string): SoftIntelligenceEntry {
	return { id: `e${nextId++}`, type: 'ofsted_legacy', grade, date, endDate: null, details: '', source: 'gias_import' };
}

export function reportCard(areas: ReportCardArea[], date: string, safeguardingMet = true): SoftIntelligenceEntry {
	return { id: `e${nextId++}`, type: 'ofsted_report_card', areas, safeguardingMet, date, endDate: null, details: '', source: 'adviser' };
}

/** An OEIF graded inspection as the Ofsted MI gives it: overall grade (null: "Not judged") and sub-judgements. */
export function oeif(
	grade: OfstedLegacyGrade | null,
	date: string,
	judgements: OeifJudgements | null = null,
	extra: Partial<Pick<OfstedLegacyEntry, 'safeguardingEffective'>> & OfstedInspectionFields = {}
): OfstedLegacyEntry {
	return {
		id: `e${nextId++}`,
		type: 'ofsted_legacy',
		grade,
		judgements,
		safeguardingEffective: true,
		categoryOfConcern: null,
		predecessor: false,
		sourceFile: 'Ofsted MI as at 30 April 2026',
		date,
		endDate: null,
		details: '',
		source: 'ofsted_mi',
		...extra
	};
}

/** A report card with the MI's extra fields. */
export function card(
	areas: ReportCardArea[],
	date: string,
	extra: Partial<Pick<OfstedReportCardEntry, 'safeguardingMet'>> & OfstedInspectionFields = {}
): OfstedReportCardEntry {
	return {
		id: `e${nextId++}`,
		type: 'ofsted_report_card',
		areas,
		safeguardingMet: true,
		categoryOfConcern: null,
		predecessor: false,
		sourceFile: 'Ofsted MI as at 30 April 2026',
		date,
		endDate: null,
		details: '',
		source: 'ofsted_mi',
		...extra
	};
}

export function ungraded(outcome: string, date: string, extra: OfstedInspectionFields = {}): OfstedUngradedEntry {
	return {
		id: `e${nextId++}`,
		type: 'ofsted_ungraded',
		outcome,
		categoryOfConcern: null,
		predecessor: false,
		sourceFile: 'Ofsted MI as at 30 April 2026',
		date,
		endDate: null,
		details: '',
		source: 'ofsted_mi',
		...extra
	};
}

/** One school for 2018/19 with the given rows and register, read as of 1 September 2019. */
export function schoolInput(years: Ks2SchoolYear[], softIntelligence: SoftIntelligenceEntry[] = [], extra: Partial<CategoriseInput> = {}): CategoriseInput {
	return { school: { urn: URN, name: 'Test Primary School' }, years, comparators: ENGLAND, softIntelligence, asOf: '2019-09-01', year: 2019, ...extra };
}

/** Three years 2017 to 2019 with the given gaps to England (61, 64, 65). */
export function gaps(g2017: number, g2018: number, g2019: number, latest: Partial<Ks2SchoolYear> = {}): Ks2SchoolYear[] {
	return [schoolYear(2017, 61 + g2017), schoolYear(2018, 64 + g2018), schoolYear(2019, 65 + g2019, latest)];
}
