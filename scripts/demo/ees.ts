// The demo LA's recent years as DfE now publishes them: the KS2 data sets from Explore Education
// Statistics (school performance, school information, LA and national performance), written by the
// project's own EES generator from the same figures its ks2final generator makes, so a school-year
// is the same whichever layout it arrives in.
import { join } from 'node:path';
import { emptyReport } from '../../src/lib/domain/import/report';
import { readHeader } from '../../src/lib/domain/import/header';
import { KS2_FIELD_SPECS } from '../../src/lib/domain/import/ks2-fields';
import { Ks2RowReader } from '../../src/lib/domain/import/ks2-rows';
import type { Ks2Field } from '../../src/lib/domain/ks2/types';
import { parseCsv } from '../../src/lib/server/import/csv-source';
import {
	breakdownRowsFrom,
	informationFrom,
	laInformationRow,
	laPerformanceRow,
	schoolInformationRow,
	schoolPerformanceRow,
	writeEesFile,
	LA_INFORMATION_COLUMNS,
	LA_PERFORMANCE_COLUMNS,
	SCHOOL_INFORMATION_COLUMNS,
	SCHOOL_PERFORMANCE_COLUMNS
} from '../generate/ees-ks2-file';
import { type DemoSchool } from './schools';
import { seededRandom } from './random';

type Figures = Parameters<typeof breakdownRowsFrom>[0];
interface Read {
	recordType: number;
	urn: number | null;
	laCode: string | null;
	figures: Figures;
}

/** A ks2final file's rows as figures, read with the importer's own row reader. */
async function readKs2final(path: string): Promise<Read[]> {
	const rows: Read[] = [];
	const report = emptyReport(path);
	let reader: Ks2RowReader | null = null;
	await parseCsv(path, 'utf-8', {
		row(cells, rowNumber) {
			if (!reader) {
				const header = readHeader(cells);
				if (!header.ok) throw new Error(header.problem);
				reader = new Ks2RowReader(header.header);
				return true;
			}
			const r = reader.read(cells, rowNumber, report);
			if (!r) throw new Error(`Row ${rowNumber} of the demo's own ks2final file did not read`);
			const figures = { codes: {} as Partial<Record<Ks2Field, string>> } as Record<string, unknown> & { codes: Partial<Record<Ks2Field, string>> };
			KS2_FIELD_SPECS.forEach((spec, i) => {
				figures[spec.field] = r.values[i];
				if (r.codes[i] !== null) figures.codes[spec.field] = r.codes[i]!;
			});
			rows.push({ recordType: r.recordType, urn: r.urn, laCode: r.laCode, figures: figures as unknown as Figures });
			return true;
		},
		problem(p) {
			throw new Error(p.message);
		}
	});
	return rows;
}

/**
 * The pupil groups ks2final files do not carry but the EES data sets do (boys and girls, SEN), made
 * up around the row's own reading, writing and maths figure so the profile has something to show.
 * A school's small groups are suppressed ("c"), as DfE suppresses them.
 */
function pupilGroupRows(f: Figures, random: () => number, school: boolean): ReturnType<typeof breakdownRowsFrom> {
	const rwm = f.rwmExpected;
	const cohort = f.cohort ?? 0;
	const clamp = (v: number) => String(Math.max(0, Math.min(100, Math.round(v))));
	const groups: [topic: string, breakdown: string, value: (r: number) => number, smallest: number][] = [
		['Sex', 'Boys', (r) => rwm! - 3 - r * 5, 0],
		['Sex', 'Girls', (r) => rwm! + 3 + r * 5, 0],
		['SEN status', 'SEN support', (r) => rwm! * 0.35 + r * 10, 20],
		['SEN status', 'SEN EHC', (r) => rwm! * 0.12 + r * 6, 45],
		['SEN status', 'No SEN', (r) => rwm! + 6 + r * 4, 0]
	];
	return groups.map(([topic, breakdown, value, smallest]) => ({
		topic,
		breakdown,
		subject: 'Reading, writing and maths',
		cells: { expected_standard_pupil_percent: rwm === null || (school && cohort < smallest) ? 'c' : clamp(value(random())) }
	}));
}

/**
 * Turns the demo's ks2final files for `years` into the three EES data sets, each covering every
 * one of those years (as the real school performance data set covers three), with `versions` by
 * year. Returns the paths: school information, LA and national performance, then school performance.
 */
export async function writeDemoEesFiles(
	dir: string,
	ks2finalByYear: ReadonlyMap<number, string>,
	schools: readonly DemoSchool[],
	versions: (year: number) => string
): Promise<string[]> {
	const byUrn = new Map(schools.map((s) => [s.urn, s]));
	const performance: string[][] = [];
	const information: string[][] = [];
	const areas: string[][] = [];
	const areaInformation: string[][] = [];
	const laNames = new Map(schools.map((s) => [s.laCode, s.laName]));
	for (const [year, path] of [...ks2finalByYear].sort((a, b) => a[0] - b[0])) {
		const version = versions(year);
		const random = seededRandom(year);
		for (const r of await readKs2final(path)) {
			if (r.recordType <= 2 && r.urn !== null) {
				const s = byUrn.get(r.urn)!;
				const school = { urn: r.urn, laestab: `${s.laCode}${s.establishmentNumber}`, name: s.name };
				for (const b of [...breakdownRowsFrom(r.figures), ...pupilGroupRows(r.figures, random, true)])
					performance.push(schoolPerformanceRow(year, version, school, b));
				information.push(schoolInformationRow(year, school, r.recordType as 1 | 2, informationFrom(r.figures)));
			} else if (r.recordType === 3 || r.recordType === 5) {
				const where = r.recordType === 3 && r.laCode ? { code: r.laCode, name: laNames.get(r.laCode) ?? r.laCode } : null;
				for (const b of [...breakdownRowsFrom(r.figures), ...pupilGroupRows(r.figures, random, false)])
					areas.push(laPerformanceRow(year, version, where, 'All state funded', b));
				areaInformation.push(laInformationRow(year, where, informationFrom(r.figures)));
			}
		}
	}
	const years = [...ks2finalByYear.keys()].sort();
	const span = `${years[0] - 1}-${years[0]}_to_${years[years.length - 1] - 1}-${years[years.length - 1]}`;
	const files = [
		[`${span}_ks2_school_information.csv`, SCHOOL_INFORMATION_COLUMNS, information],
		[`${span}_ks2_la_performance.csv`, LA_PERFORMANCE_COLUMNS, areas],
		[`${span}_ks2_la_information.csv`, LA_INFORMATION_COLUMNS, areaInformation],
		[`${span}_ks2_school_performance.csv`, SCHOOL_PERFORMANCE_COLUMNS, performance]
	] as const;
	const paths: string[] = [];
	for (const [name, columns, rows] of files) {
		const path = join(dir, name);
		await writeEesFile(path, columns, rows);
		paths.push(path);
	}
	return paths;
}
