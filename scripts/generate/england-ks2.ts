// An England-sized KS2 file in DfE's 2018/19 format (318 columns), for the import benchmark.
// Usage: tsx scripts/generate/england-ks2.ts <out.csv> [schools]
import { seededRandom } from '../demo/random';
import { writeKs2File, type Ks2School } from './ks2-file';

/** About 16,500 schools in 150 LAs, like the real England file. */
export function englandSchools(count = 16_500, seed = 2019): { schools: Ks2School[]; las: Record<string, string> } {
	const random = seededRandom(seed);
	const las: Record<string, string> = {};
	for (let i = 0; i < 150; i++) las[String(201 + i * 4)] = `Authority ${i + 1}`;
	const codes = Object.keys(las);
	const schools: Ks2School[] = [];
	for (let i = 0; i < count; i++) {
		const special = random() < 0.06;
		const laCode = codes[i % codes.length];
		schools.push({
			urn: 100000 + i * 3,
			laCode,
			estab: String((special ? 7000 : 2000) + Math.floor(i / codes.length)),
			name: random() < 0.1 ? `St Mary's, ${laCode} Church of England Primary School ${i}` : `Primary School ${i}`,
			town: `Town ${i % 997}`,
			postcode: `AB${1 + (i % 98)} ${i % 9}XY`,
			recordType: special ? 2 : 1,
			ageRange: special ? '2-19' : '4-11',
			// A few rows stop early: no pupils at the end of KS2 (cohort 0) or a NEW school.
			cohort: random() < 0.005 ? 0 : special ? 4 + Math.floor(random() * 12) : 8 + Math.floor(random() * 80),
			strength: (random() + random() + random() - 1.5) * 22,
			trend: (random() - 0.5) * 2,
			firstYear: random() < 0.01 ? 2020 : undefined,
			type: 'Community school'
		});
	}
	return { schools, las };
}

export async function writeEnglandKs2(path: string, count = 16_500): Promise<void> {
	const { schools, las } = englandSchools(count);
	await writeKs2File(path, { year: 2019, columnSet: '2019', schools, las, englandRwm: 65, progress: true, random: seededRandom(7) });
}

if (process.argv[1]?.endsWith('england-ks2.ts')) {
	const [out, count] = process.argv.slice(2);
	if (!out) {
		console.error('Usage: tsx scripts/generate/england-ks2.ts <out.csv> [schools]');
		process.exit(1);
	}
	await writeEnglandKs2(out, count ? Number(count) : undefined);
	console.log(`Wrote ${out}`);
}
