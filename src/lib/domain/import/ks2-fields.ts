import type { Ks2Field } from '../ks2/types';

/** How a figure is checked: its allowed range, and whether it must be a whole number. */
export type FigureKind = 'count' | 'percent' | 'progress' | 'band' | 'score';

export interface Ks2FieldSpec {
	field: Ks2Field;
	/** The DfE column name, as in the 2024/25 files. Matched without regard to case. */
	column: string;
	kind: FigureKind;
}

/** Every Ks2Figures field and the DfE column it comes from, in the order of the type. */
export const KS2_FIELD_SPECS: readonly Ks2FieldSpec[] = [
	{ field: 'cohort', column: 'TELIG', kind: 'count' },
	{ field: 'disadvantagedCount', column: 'TFSM6CLA1A', kind: 'count' },
	{ field: 'disadvantagedPct', column: 'PTFSM6CLA1A', kind: 'percent' },
	{ field: 'rwmExpected', column: 'PTRWM_EXP', kind: 'percent' },
	{ field: 'rwmHigh', column: 'PTRWM_HIGH', kind: 'percent' },
	{ field: 'readExpected', column: 'PTREAD_EXP', kind: 'percent' },
	{ field: 'readHigh', column: 'PTREAD_HIGH', kind: 'percent' },
	{ field: 'readAverage', column: 'READ_AVERAGE', kind: 'score' },
	{ field: 'writExpected', column: 'PTWRITTA_EXP', kind: 'percent' },
	{ field: 'writHigh', column: 'PTWRITTA_HIGH', kind: 'percent' },
	{ field: 'matExpected', column: 'PTMAT_EXP', kind: 'percent' },
	{ field: 'matHigh', column: 'PTMAT_HIGH', kind: 'percent' },
	{ field: 'matAverage', column: 'MAT_AVERAGE', kind: 'score' },
	{ field: 'readProgress', column: 'READPROG', kind: 'progress' },
	{ field: 'readProgressLower', column: 'READPROG_LOWER', kind: 'progress' },
	{ field: 'readProgressUpper', column: 'READPROG_UPPER', kind: 'progress' },
	{ field: 'readProgressBand', column: 'READPROG_DESCR', kind: 'band' },
	{ field: 'readCoverage', column: 'READCOV', kind: 'percent' },
	{ field: 'writProgress', column: 'WRITPROG', kind: 'progress' },
	{ field: 'writProgressLower', column: 'WRITPROG_LOWER', kind: 'progress' },
	{ field: 'writProgressUpper', column: 'WRITPROG_UPPER', kind: 'progress' },
	{ field: 'writProgressBand', column: 'WRITPROG_DESCR', kind: 'band' },
	{ field: 'writCoverage', column: 'WRITCOV', kind: 'percent' },
	{ field: 'matProgress', column: 'MATPROG', kind: 'progress' },
	{ field: 'matProgressLower', column: 'MATPROG_LOWER', kind: 'progress' },
	{ field: 'matProgressUpper', column: 'MATPROG_UPPER', kind: 'progress' },
	{ field: 'matProgressBand', column: 'MATPROG_DESCR', kind: 'band' },
	{ field: 'matCoverage', column: 'MATCOV', kind: 'percent' },
	{ field: 'rwmExpectedDisadvantaged', column: 'PTRWM_EXP_FSM6CLA1A', kind: 'percent' },
	{ field: 'rwmExpectedNotDisadvantaged', column: 'PTRWM_EXP_NotFSM6CLA1A', kind: 'percent' },
	{ field: 'rwmHighDisadvantaged', column: 'PTRWM_HIGH_FSM6CLA1A', kind: 'percent' },
	{ field: 'cohort3yr', column: 'TELIG_3YR', kind: 'count' },
	{ field: 'rwmExpected3yr', column: 'PTRWM_EXP_3YR', kind: 'percent' },
	{ field: 'rwmHigh3yr', column: 'PTRWM_HIGH_3YR', kind: 'percent' }
];

/** Columns every KS2 file has had since 2016/17; without them a row cannot be placed or used. */
export const KS2_REQUIRED_COLUMNS = ['RECTYPE', 'LEA', 'URN', 'TELIG', 'PTRWM_EXP'] as const;

/** Plain words for why a number is out of range, or null when it is fine. */
export function figureProblem(kind: FigureKind, value: number): string | null {
	switch (kind) {
		case 'count':
			return Number.isInteger(value) && value >= 0 ? null : 'should be a whole number of pupils';
		case 'percent':
			return value >= 0 && value <= 100 ? null : 'should be a percentage between 0 and 100';
		case 'band':
			return Number.isInteger(value) && value >= 1 && value <= 5 ? null : 'should be a band from 1 to 5';
		case 'progress':
			return value >= -50 && value <= 50 ? null : 'is not a plausible progress score (between -50 and 50)';
		case 'score':
			return value >= 50 && value <= 150 ? null : 'is not a plausible scaled score (between 50 and 150)';
	}
}
