// Writes KS2 data sets in the layout of Explore Education Statistics (see the EES part of
// docs/data-files.md): long format, a row per school (or area) x breakdown x subject, bare numbers (the
// information files keep % on the p... columns), GSS symbols (z, x, c, low, u, :) where there is
// no number, quoted values with commas ("Reading, writing and maths"), CRLF, no byte-order mark.
import { createWriteStream } from 'node:fs';
import { EES_MEASURES, type EesMeasure } from '../../src/lib/domain/import/ees-layout';
import { timePeriodOf } from '../../src/lib/domain/import/ees-values';
import type { Ks2Comparator, Ks2Field, Ks2SchoolYear } from '../../src/lib/domain/ks2/types';

/**
 * The headers of the real data sets, as in the excerpts in ../shared/data/dfe/ees-ks2/, except
 * that the information files leave out the prior-year columns (telig_23...), whose names change
 * every year, and have telig_3yr, which the school information data set carries.
 */
const PLACE = ['time_period', 'time_identifier', 'geographic_level', 'country_code', 'country_name'];
const MEASURE_COLUMNS = EES_MEASURES.map((m) => m.column);
export const SCHOOL_PERFORMANCE_COLUMNS = [
	...PLACE,
	'version',
	'school_urn',
	'school_laestab',
	'school_name',
	'breakdown_topic',
	'breakdown',
	'subject',
	...MEASURE_COLUMNS
];
export const LA_PERFORMANCE_COLUMNS = [
	...PLACE,
	'old_la_code',
	'new_la_code',
	'la_name',
	'version',
	'establishment_type_group',
	'breakdown_topic',
	'breakdown',
	'subject',
	...MEASURE_COLUMNS
];
const INFORMATION_FIGURES = [
	'totpups',
	'tpupyear',
	'telig',
	'belig',
	'gelig',
	'pbelig',
	'pgelig',
	'tks1average',
	'tks1group_l',
	'ptks1group_l',
	'tks1group_m',
	'ptks1group_m',
	'tks1group_h',
	'ptks1group_h',
	'tks1group_na',
	'ptks1group_na',
	'tfsm6cla1a',
	'ptfsm6cla1a',
	'tnotfsm6cla1a',
	'ptnotfsm6cla1a',
	'tealgrp2',
	'ptealgrp2',
	'tmobn',
	'ptmobn',
	'tealgrp1',
	'ptealgrp1',
	'tealgrp3',
	'ptealgrp3',
	'tsenele',
	'psenele',
	'tsenelk',
	'psenelk',
	'tsenelek',
	'psenelek',
	'telig_3yr'
];
export const LA_INFORMATION_COLUMNS = [...PLACE, 'rectype', 'new_la_code', 'old_la_code', 'la_name', ...INFORMATION_FIGURES];
/** Not reproduced in shared data: the LA file's columns with the school identifiers instead of the LA ones. */
export const SCHOOL_INFORMATION_COLUMNS = [...PLACE, 'rectype', 'school_urn', 'school_laestab', 'school_name', ...INFORMATION_FIGURES];

/** A cell of a figure column: a number as DfE writes it, or a GSS symbol. Missing measures are `z`. */
export type Cells = Partial<Record<EesMeasure, string>>;

export interface EesSchool {
	urn: number;
	/** Seven digits: LA code then establishment number. */
	laestab: string;
	name: string;
}

export interface BreakdownRow {
	topic: string;
	breakdown: string;
	subject: string;
	cells: Cells;
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const ENGLAND = ['E92000001', 'England'];

/** Writes a header and rows, streaming; resolves when the file is on disk. */
export async function writeEesFile(path: string, columns: readonly string[], rows: Iterable<readonly string[]>): Promise<void> {
	const out = createWriteStream(path);
	const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
	let batch = columns.join(',');
	for (const row of rows) {
		batch += '\r\n' + row.map(quote).join(',');
		if (batch.length > 1 << 20) {
			await write(batch);
			batch = '';
		}
	}
	await write(batch + '\r\n');
	await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

const measures = (cells: Cells) => MEASURE_COLUMNS.map((m) => cells[m as EesMeasure] ?? 'z');

export function schoolPerformanceRow(year: number, version: string, school: EesSchool, r: BreakdownRow): string[] {
	return [
		timePeriodOf(year),
		'Academic year',
		'School',
		...ENGLAND,
		version,
		String(school.urn),
		school.laestab,
		school.name,
		r.topic,
		r.breakdown,
		r.subject,
		...measures(r.cells)
	];
}

/** An LA row (laCode given) or a National row (laCode null). */
export function laPerformanceRow(
	year: number,
	version: string,
	la: { code: string; name: string } | null,
	establishmentType: string,
	r: BreakdownRow
): string[] {
	const place = la ? ['Local authority', ...ENGLAND, la.code, `E0${la.code}0000`, la.name] : ['National', ...ENGLAND, '', '', ''];
	return [timePeriodOf(year), 'Academic year', ...place, version, establishmentType, r.topic, r.breakdown, r.subject, ...measures(r.cells)];
}

/** An information row; `figures` by column name (totpups, telig, ptfsm6cla1a...), `z` where left out. */
export function schoolInformationRow(year: number, school: EesSchool, rectype: 1 | 2, figures: Record<string, string>): string[] {
	return [
		timePeriodOf(year),
		'Academic year',
		'School',
		...ENGLAND,
		String(rectype),
		String(school.urn),
		school.laestab,
		school.name,
		...INFORMATION_FIGURES.map((c) => figures[c] ?? 'z')
	];
}

export function laInformationRow(year: number, la: { code: string; name: string } | null, figures: Record<string, string>): string[] {
	const place = la ? ['Local authority', ...ENGLAND, '3', `E0${la.code}0000`, la.code, la.name] : ['National', ...ENGLAND, '5', '', '', ''];
	return [timePeriodOf(year), 'Academic year', ...place, ...INFORMATION_FIGURES.map((c) => figures[c] ?? 'z')];
}

// ---------------------------------------------------------------- from ks2final figures

/** DfE's band words, for progress_measure_description. */
export const BAND_WORDS = ['Well above average', 'Above average', 'Average', 'Below average', 'Well below average'];

/**
 * The GSS symbol for a ks2final code: SUPP is `c` (suppressed); a figure a year does not have
 * (blank, NA, NE, NP) is `z`; anything else not published is `x`.
 */
function symbolFor(code: string | undefined): string {
	if (code === 'SUPP') return 'c';
	if (code === undefined || code === '' || code === 'NA' || code === 'NE' || code === 'NP') return 'z';
	return 'x';
}

type Figures = Omit<Ks2SchoolYear, 'urn' | 'year' | 'recordType'> | (Ks2Comparator & { codes?: Partial<Record<Ks2Field, string>> });

/**
 * The EES rows that carry the same figures as one school's (or comparator's) ks2final row: what
 * the analysis reads, as DfE publishes it in the long layout. A score on a LOWCOV subject is `u`.
 */
export function breakdownRowsFrom(f: Figures): BreakdownRow[] {
	const codes = f.codes ?? {};
	const cell = (field: Ks2Field) => (f[field] === null ? symbolFor(codes[field]) : String(f[field]));
	const band = (field: Ks2Field) => (f[field] === null ? symbolFor(codes[field]) : BAND_WORDS[(f[field] as number) - 1]);
	const subject = (name: string, p: 'read' | 'writ' | 'mat', average: boolean): BreakdownRow => {
		const lowCoverage = codes[`${p}Coverage`] === 'LOWCOV';
		return {
			topic: 'All pupils',
			breakdown: 'Total',
			subject: name,
			cells: {
				expected_standard_pupil_percent: cell(`${p}Expected`),
				higher_standard_pupil_percent: cell(`${p}High`),
				average_scaled_score: average ? cell(`${p}Average` as Ks2Field) : 'z',
				progress_measure_score: lowCoverage ? 'u' : cell(`${p}Progress`),
				progress_measure_lower_conf_interval: lowCoverage ? 'u' : cell(`${p}ProgressLower`),
				progress_measure_upper_conf_interval: lowCoverage ? 'u' : cell(`${p}ProgressUpper`),
				progress_measure_description: lowCoverage ? 'u' : band(`${p}ProgressBand`)
			}
		};
	};
	return [
		{
			topic: 'All pupils',
			breakdown: 'Total',
			subject: 'Reading, writing and maths',
			cells: { expected_standard_pupil_percent: cell('rwmExpected'), higher_standard_pupil_percent: cell('rwmHigh') }
		},
		subject('Reading', 'read', true),
		subject('Writing', 'writ', false),
		subject('Maths', 'mat', true),
		{
			topic: 'Disadvantage status',
			breakdown: 'Disadvantaged',
			subject: 'Reading, writing and maths',
			cells: { expected_standard_pupil_percent: cell('rwmExpectedDisadvantaged'), higher_standard_pupil_percent: cell('rwmHighDisadvantaged') }
		},
		{
			topic: 'Disadvantage status',
			breakdown: 'Not disadvantaged',
			subject: 'Reading, writing and maths',
			cells: { expected_standard_pupil_percent: cell('rwmExpectedNotDisadvantaged') }
		}
	];
}

/** The information figures that carry a ks2final row's cohort and context: TELIG, TFSM6CLA1A (with %) and TELIG_3YR. */
export function informationFrom(f: Figures): Record<string, string> {
	const codes = f.codes ?? {};
	const cell = (field: Ks2Field, percent = false) => (f[field] === null ? symbolFor(codes[field]) : `${f[field]}${percent ? '%' : ''}`);
	return { telig: cell('cohort'), tfsm6cla1a: cell('disadvantagedCount'), ptfsm6cla1a: cell('disadvantagedPct', true), telig_3yr: cell('cohort3yr') };
}
