// Small KS2 data sets in the layout of Explore Education Statistics, made with the project's own
// generator (scripts/generate/ees-ks2-file.ts), with figures a test can predict.
import { join } from 'node:path';
import {
	LA_INFORMATION_COLUMNS,
	LA_PERFORMANCE_COLUMNS,
	laInformationRow,
	laPerformanceRow,
	SCHOOL_INFORMATION_COLUMNS,
	SCHOOL_PERFORMANCE_COLUMNS,
	schoolInformationRow,
	schoolPerformanceRow,
	writeEesFile,
	type BreakdownRow,
	type EesSchool
} from '../../scripts/generate/ees-ks2-file';

export const EES_SCHOOLS: EesSchool[] = [
	{ urn: 100001, laestab: '8502001', name: 'School 100001' },
	{ urn: 100002, laestab: '8502002', name: "St Mary's, Alton" },
	{ urn: 100004, laestab: '9362004', name: 'School 100004' }
];

/** A school's RWM expected % in a year, so tests can tell files and years apart. */
export const rwmOf = (urn: number, year: number, shift = 0) => 40 + (urn % 50) + (year - 2023) + shift;

/**
 * A school's rows for a year: Total, Disadvantaged, Not disadvantaged and Boys, each x the five
 * subjects, with progress in 2022/23 only (as published). `shift` moves every percentage.
 */
export function schoolRows(urn: number, year: number, shift = 0): BreakdownRow[] {
	const rwm = rwmOf(urn, year, shift);
	const progress = year === 2023;
	const rows: BreakdownRow[] = [];
	for (const [topic, breakdown, delta] of [
		['All pupils', 'Total', 0],
		['Disadvantage status', 'Disadvantaged', -15],
		['Disadvantage status', 'Not disadvantaged', 5],
		['Sex', 'Boys', -2]
	] as const) {
		const subject = (name: string, extra: number, cells: BreakdownRow['cells'] = {}): BreakdownRow => ({
			topic,
			breakdown,
			subject: name,
			cells: { expected_standard_pupil_percent: String(rwm + delta + extra), higher_standard_pupil_percent: String(Math.round((rwm + delta) / 6)), ...cells }
		});
		const prog = (score: number): BreakdownRow['cells'] =>
			progress && breakdown === 'Total'
				? {
						progress_measure_score: String(score),
						progress_measure_lower_conf_interval: String(score - 1.5),
						progress_measure_upper_conf_interval: String(score + 1.5),
						progress_measure_description: score < -1.5 ? 'Below average' : 'Average'
					}
				: {};
		rows.push(
			subject('Reading, writing and maths', 0),
			subject('Reading', 10, { average_scaled_score: '105', absent_or_not_able_to_access_percent: '1', ...prog(-2) }),
			subject('Writing', 8, { working_towards_expected_standard_pupil_percent: '20', absent_or_disapplied_percent: '0', ...prog(0.5) }),
			subject('Maths', 9, { average_scaled_score: '104', absent_or_not_able_to_access_percent: '0', ...prog(1) }),
			subject('Grammar, punctuation and spelling', 12, { average_scaled_score: '106' })
		);
	}
	return rows;
}

export interface PerformanceYear {
	year: number;
	version: string;
	schools?: EesSchool[];
	shift?: number;
	/** Rows to use for a school instead of schoolRows. */
	rows?: (school: EesSchool) => BreakdownRow[];
}

/** A school performance data set of one or more years. */
export async function eesPerformanceFile(dir: string, name: string, years: PerformanceYear[]): Promise<string> {
	const path = join(dir, name);
	const rows = years.flatMap((y) =>
		(y.schools ?? EES_SCHOOLS).flatMap((s) => (y.rows?.(s) ?? schoolRows(s.urn, y.year, y.shift)).map((r) => schoolPerformanceRow(y.year, y.version, s, r)))
	);
	await writeEesFile(path, SCHOOL_PERFORMANCE_COLUMNS, rows);
	return path;
}

/** Cohort figures a test can predict: telig 20 + urn % 50, a third of them disadvantaged. */
export function informationOf(urn: number, year: number): Record<string, string> {
	const telig = 20 + (urn % 50) + (year - 2023);
	const fsm = Math.round(telig / 3);
	return {
		totpups: String(telig * 7),
		telig: String(telig),
		tfsm6cla1a: String(fsm),
		ptfsm6cla1a: `${Math.round((100 * fsm) / telig)}%`,
		telig_3yr: String(telig * 3),
		psenele: 'c'
	};
}

/** A school information data set for some years; `rectype` 2 makes a school special. */
export async function eesInformationFile(
	dir: string,
	name: string,
	years: number[],
	schools = EES_SCHOOLS,
	rectype: (s: EesSchool) => 1 | 2 = () => 1
): Promise<string> {
	const path = join(dir, name);
	await writeEesFile(
		path,
		SCHOOL_INFORMATION_COLUMNS,
		years.flatMap((year) => schools.map((s) => schoolInformationRow(year, s, rectype(s), informationOf(s.urn, year))))
	);
	return path;
}

/** England's and LA 850's "All state funded" rows (and an Academies row, display only) for a year. */
export async function eesLaPerformanceFile(dir: string, name: string, year: number, version: string, englandRwm = 60): Promise<string> {
	const path = join(dir, name);
	const rows = (rwm: number): BreakdownRow[] => [
		{
			topic: 'All pupils',
			breakdown: 'Total',
			subject: 'Reading, writing and maths',
			cells: { expected_standard_pupil_percent: String(rwm), higher_standard_pupil_percent: '8' }
		},
		{
			topic: 'All pupils',
			breakdown: 'Total',
			subject: 'Reading',
			cells: { expected_standard_pupil_percent: String(rwm + 12), average_scaled_score: '105', progress_measure_score: '0' }
		},
		{
			topic: 'Disadvantage status',
			breakdown: 'Not disadvantaged',
			subject: 'Reading, writing and maths',
			cells: { expected_standard_pupil_percent: String(rwm + 7) }
		}
	];
	const hampshire = { code: '850', name: 'Hampshire' };
	await writeEesFile(path, LA_PERFORMANCE_COLUMNS, [
		...rows(englandRwm).map((r) => laPerformanceRow(year, version, null, 'All state funded', r)),
		...rows(englandRwm + 3).map((r) => laPerformanceRow(year, version, hampshire, 'All state funded', r)),
		...rows(englandRwm - 1).map((r) => laPerformanceRow(year, version, hampshire, 'Academies', r))
	]);
	return path;
}

/** LA 850's and England's cohort for a year. */
export async function eesLaInformationFile(dir: string, name: string, year: number): Promise<string> {
	const path = join(dir, name);
	const figures = (telig: number) => ({ telig: String(telig), tfsm6cla1a: String(telig / 4), ptfsm6cla1a: '25%' });
	await writeEesFile(path, LA_INFORMATION_COLUMNS, [
		laInformationRow(year, { code: '850', name: 'Hampshire' }, figures(14000)),
		laInformationRow(year, null, figures(640000))
	]);
	return path;
}
