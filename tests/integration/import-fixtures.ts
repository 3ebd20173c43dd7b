// Small files in DfE's real formats, made by the project's own generators, and a way to prove
// an import left the database exactly as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../src/lib/server/db';
import { tableNames } from '../../src/lib/server/db/dialect';
import { runImport, type ImportOutcome, type ImportRequest } from '../../src/lib/server/import/pipeline';
import { describeProblem } from '../../src/lib/domain/import/report';
import { seededRandom } from '../../scripts/demo/random';
import { writeKs2File, type Ks2School } from '../../scripts/generate/ks2-file';
import { writeGiasExport, type GiasSchool } from '../../scripts/generate/gias-file';

export { tempDir } from '../helpers/temp-dirs';

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

export function school(urn: number, laCode = '850', extra: Partial<Ks2School> = {}): Ks2School {
	return {
		urn,
		laCode,
		estab: String(2000 + (urn % 1000)),
		name: `School ${urn}`,
		town: 'Alton',
		postcode: 'GU34 1AA',
		recordType: 1,
		ageRange: '4-11',
		cohort: 30,
		strength: 0,
		trend: 0,
		type: 'Community school',
		...extra
	};
}

/** A KS2 file for LA 850 (and any other LAs the schools are in), 2018/19 format unless told otherwise. */
export async function ks2File(
	dir: string,
	o: { year?: number; name?: string; schools?: Ks2School[]; seed?: number; columnSet?: '2019' | '2025' } = {}
): Promise<string> {
	const year = o.year ?? 2019;
	const schools = o.schools ?? [school(100001), school(100002), school(100003, '850', { cohort: 4 }), school(100004, '936')];
	const las = Object.fromEntries([...new Set(schools.map((s) => s.laCode))].map((la) => [la, `LA ${la}`]));
	const path = join(dir, o.name ?? `${year - 1}-${year}_850_ks2final.csv`);
	await writeKs2File(path, { year, columnSet: o.columnSet ?? '2019', schools, las, englandRwm: 65, progress: true, random: seededRandom(o.seed ?? 1) });
	return path;
}

export function giasSchool(urn: number, laCode = '850', extra: Partial<GiasSchool> = {}): GiasSchool {
	return {
		urn,
		laCode,
		laName: laCode === '850' ? 'Hampshire' : 'Surrey',
		establishmentNumber: String(2000 + (urn % 1000)),
		name: `School ${urn}`,
		type: 'Community school',
		typeGroup: 'Local authority maintained schools',
		status: 'Open',
		phase: 'Primary',
		ageLow: 4,
		ageHigh: 11,
		headTitle: 'Mrs',
		headFirstName: 'Jane',
		headLastName: 'Smith',
		street: '1 School Lane',
		locality: '',
		town: 'Alton',
		postcode: 'GU34 1AA',
		easting: 472080,
		northing: 139716,
		ofstedRating: 'Good',
		ofstedDate: '2019-01-23',
		...extra
	};
}

export function giasFile(dir: string, schools: GiasSchool[], name = 'edubase_search_export.csv'): string {
	const path = join(dir, name);
	writeGiasExport(path, schools);
	return path;
}

export function importFile(db: Db, path: string, extra: Partial<ImportRequest> = {}): Promise<ImportOutcome> {
	return runImport(db, { path, fileName: path.split('/').pop()!, userId: null, ...extra });
}

/** Runs the import, expects it refused, and proves nothing in the database changed. Returns the problems as the report lists them. */
export async function refused(db: Db, run: () => Promise<ImportOutcome>): Promise<string[]> {
	const before = await snapshot(db);
	const outcome = await run();
	expect(outcome.status).toBe('rejected');
	expect(await snapshot(db)).toEqual(before);
	return outcome.report.problems.map(describeProblem);
}

/** Every row of every table (not the migration bookkeeping), in a stable order. */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const name of await tableNames(db)) {
		const { rows } = await sql`select * from ${sql.table(name)}`.execute(db);
		out[name] = rows.map((r) => JSON.stringify(r)).sort();
	}
	return out;
}
