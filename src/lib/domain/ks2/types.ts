/**
 * One school's (or one comparator's) KS2 results for one academic year, as the app uses them.
 * Every figure is a number or null. A null never means zero: when DfE published a code instead
 * of a number (SUPP, NA, NE, NP, SP, RE, LOWCOV, NEW, blank), the code is kept in `codes`.
 *
 * `year` is the summer the tests were taken: 2019 means the academic year 2018/19.
 */
export interface Ks2Figures {
	/** TELIG: eligible pupils. */
	cohort: number | null;
	/** TFSM6CLA1A / PTFSM6CLA1A: disadvantaged pupils, count and % of cohort. */
	disadvantagedCount: number | null;
	disadvantagedPct: number | null;
	/** PTRWM_EXP / PTRWM_HIGH: % meeting the expected / higher standard in reading, writing and maths. */
	rwmExpected: number | null;
	rwmHigh: number | null;
	readExpected: number | null;
	readHigh: number | null;
	readAverage: number | null;
	/** PTWRITTA_EXP / PTWRITTA_HIGH: writing teacher assessment. */
	writExpected: number | null;
	writHigh: number | null;
	matExpected: number | null;
	matHigh: number | null;
	matAverage: number | null;
	/** Progress scores with 95% confidence limits; null in years with no progress (2023/24, 2024/25). */
	readProgress: number | null;
	readProgressLower: number | null;
	readProgressUpper: number | null;
	/** *_DESCR: DfE band 1 well above, 2 above, 3 average, 4 below, 5 well below. */
	readProgressBand: number | null;
	/** READCOV: % of pupils the progress score covers. */
	readCoverage: number | null;
	writProgress: number | null;
	writProgressLower: number | null;
	writProgressUpper: number | null;
	writProgressBand: number | null;
	writCoverage: number | null;
	matProgress: number | null;
	matProgressLower: number | null;
	matProgressUpper: number | null;
	matProgressBand: number | null;
	matCoverage: number | null;
	/** PTRWM_EXP_FSM6CLA1A / PTRWM_EXP_NotFSM6CLA1A / PTRWM_HIGH_FSM6CLA1A. */
	rwmExpectedDisadvantaged: number | null;
	rwmExpectedNotDisadvantaged: number | null;
	rwmHighDisadvantaged: number | null;
	/** TELIG_3YR / PTRWM_EXP_3YR / PTRWM_HIGH_3YR: three-year pooled figures, where published. */
	cohort3yr: number | null;
	rwmExpected3yr: number | null;
	rwmHigh3yr: number | null;
}

export type Ks2Field = keyof Ks2Figures;

export interface Ks2SchoolYear extends Ks2Figures {
	urn: number;
	year: number;
	/** 1 mainstream, 2 special. */
	recordType: 1 | 2;
	/** Codes published in place of numbers, by field: { rwmExpected: 'SUPP' }. */
	codes: Partial<Record<Ks2Field, string>>;
}

/** RECTYPE 3 (LA), 4 (England, all schools) and 5 (England, state-funded) rows. */
export type ComparatorKind = 'la' | 'england_all' | 'england_state';

export interface Ks2Comparator extends Ks2Figures {
	year: number;
	kind: ComparatorKind;
	/** LA code for kind 'la'; null for England. */
	laCode: string | null;
}

/** "2018/19" for 2019. */
export function academicYearLabel(year: number): string {
	return `${year - 1}/${String(year % 100).padStart(2, '0')}`;
}

/** "2022/23, 2023/24 and 2024/25" for [2023, 2024, 2025]. */
export function academicYearsLabel(years: readonly number[]): string {
	const labels = years.map(academicYearLabel);
	return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** Reads "2018-19", "2018/19" or "2019" as 2019. Returns null for anything else. */
export function parseAcademicYear(text: string): number | null {
	const t = text.trim();
	const pair = /^(\d{4})[-/](\d{2}|\d{4})$/.exec(t);
	if (pair) {
		const start = Number(pair[1]);
		const end = pair[2].length === 2 ? Math.floor(start / 100) * 100 + Number(pair[2]) : Number(pair[2]);
		const endFixed = end <= start ? end + 100 : end;
		return endFixed === start + 1 ? endFixed : null;
	}
	if (/^\d{4}$/.test(t)) return Number(t);
	return null;
}
