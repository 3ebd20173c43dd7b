// The demo LA's data as DfE publishes it: a GIAS search export and one KS2 file per year,
// written by the project's own generators in the real formats, then imported like any LA's files.
import { join } from 'node:path';
import { ENGLAND_RWM_EXPECTED } from '../../src/lib/domain/import/ks2-year';
import { writeGiasExport, type GiasSchool } from '../generate/gias-file';
import { writeKs2File, type Ks2School } from '../generate/ks2-file';
import { seededRandom } from './random';
import { writeDemoMiFile } from './ofsted';
import { writeDemoEesFiles } from './ees';
import { mkdirSync } from 'node:fs';
import { byLa, type DemoSchool } from './schools';

/** 2022/23 to 2025/26. Progress scores exist only for 2022/23 and 2025/26 (no KS1 baseline between). */
export const DEMO_YEARS = [2023, 2024, 2025, 2026] as const;
const PROGRESS_YEARS = new Set([2023, 2026]);
/** 2025/26 is not published yet; assume England holds steady. */
const ENGLAND = (year: number) => ENGLAND_RWM_EXPECTED[year] ?? 62;

export function giasRecord(s: DemoSchool): GiasSchool {
	const [title, first, ...last] = s.headName.split(' ');
	return {
		urn: s.urn,
		laCode: s.laCode,
		laName: s.laName,
		establishmentNumber: s.establishmentNumber,
		name: s.name,
		type: s.type,
		typeGroup: s.type.startsWith('Academy') ? 'Academies' : s.phase === 'special' ? 'Special schools' : 'Local authority maintained schools',
		status: 'Open',
		phase: s.phase === 'special' ? 'Not applicable' : 'Primary',
		ageLow: s.ageLow,
		ageHigh: s.ageHigh,
		headTitle: title,
		headFirstName: first,
		headLastName: last.join(' '),
		street: s.street,
		locality: '',
		town: s.town,
		postcode: s.postcode,
		easting: s.easting,
		northing: s.northing,
		ofstedRating: s.ofstedRating,
		ofstedDate: s.ofstedDate
	};
}

/**
 * How each school's results move over the years, from its hidden strength: most are steady,
 * some decline or improve, a few have one bad year. Infant schools have no KS2 results at all.
 */
export function ks2Schools(schools: readonly DemoSchool[], seed = 42): Ks2School[] {
	const random = seededRandom(seed);
	const juniors = schools.filter((s) => s.phase !== 'infant');
	return juniors.map((s, i) => {
		const story = random();
		const small = s.phase === 'primary' && random() < 0.12;
		return {
			urn: s.urn,
			laCode: s.laCode,
			estab: s.establishmentNumber,
			name: s.name,
			town: s.town,
			postcode: s.postcode,
			recordType: s.phase === 'special' ? 2 : 1,
			ageRange: `${s.ageLow}-${s.ageHigh}`,
			cohort:
				s.phase === 'special'
					? 6 + Math.floor(random() * 8)
					: small
						? 7 + Math.floor(random() * 4)
						: s.phase === 'junior'
							? 55 + Math.floor(random() * 35)
							: 25 + Math.floor(random() * 40),
			strength: s.strength,
			// Declining schools show a trend; improving ones recover; a few have one bad year.
			trend: story < 0.1 ? -6 : story < 0.2 ? 4 : 0,
			shock: story > 0.93 ? { 2026: -14 } : undefined,
			// The last two primaries opened in 2023: NEW in the 2022/23 file.
			firstYear: i >= juniors.length - 2 && s.phase === 'primary' ? 2024 : undefined,
			type: s.type
		};
	});
}

/**
 * The years published on Explore Education Statistics rather than as a ks2final download: 2024/25
 * (final) and 2025/26 (revised, as in December). Earlier years come as ks2final files.
 */
export const EES_YEARS: ReadonlySet<number> = new Set([2025, 2026]);
const eesVersion = (year: number) => (year === 2026 ? 'Revised' : 'Final');

/**
 * Writes every demo file into `dir`; returns their paths in the order to import them: the register,
 * the ks2final files oldest first, the EES data sets (information, LA and national, then school
 * performance), then Ofsted's MI file. Schools of several LAs go in the same files, as DfE's and
 * Ofsted's England-wide files have every LA.
 */
export async function writeDemoFiles(dir: string, schools: readonly DemoSchool[]): Promise<string[]> {
	const las = byLa(schools);
	const area = las.length === 1 ? las[0][0].laCode : 'england';
	const gias = join(dir, `edubase_search_export_${area}.csv`);
	writeGiasExport(gias, schools.map(giasRecord));
	// The first LA's results come from the same sequence whatever else is loaded.
	const ks2 = las.flatMap((group, i) => ks2Schools(group, 42 + i));
	const files = [gias];
	// EES years are made as ks2final first, in a folder of their own, then written in the EES layout.
	const scratch = join(dir, 'ks2final-for-ees');
	mkdirSync(scratch, { recursive: true });
	const forEes = new Map<number, string>();
	for (const year of DEMO_YEARS) {
		const file = join(EES_YEARS.has(year) ? scratch : dir, `${year - 1}-${year}_${area}_ks2final.csv`);
		await writeKs2File(file, {
			year,
			columnSet: '2025',
			schools: ks2,
			las: Object.fromEntries(las.map((group) => [group[0].laCode, group[0].laName])),
			englandRwm: ENGLAND(year),
			progress: PROGRESS_YEARS.has(year),
			random: seededRandom(year)
		});
		if (EES_YEARS.has(year)) forEes.set(year, file);
		else files.push(file);
	}
	files.push(...(await writeDemoEesFiles(dir, forEes, schools, eesVersion)));
	files.push(writeDemoMiFile(dir, schools));
	return files;
}
