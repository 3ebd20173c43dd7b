// England's EES "Schools (performance)" data set for three years (2022/23 to 2024/25) in the real
// layout, for the import benchmark: about 16,500 schools x 3 years x 5 breakdowns x 5 subjects,
// 1.2 million rows (DfE's has 1,197,784). Progress scores only in 2022/23, as published.
// Usage: tsx scripts/generate/england-ees-ks2.ts <out.csv> [schools]
import { seededRandom } from '../demo/random';
import { englandSchools } from './england-ks2';
import { BAND_WORDS, SCHOOL_PERFORMANCE_COLUMNS, schoolPerformanceRow, writeEesFile, type BreakdownRow, type Cells, type EesSchool } from './ees-ks2-file';
import type { Ks2School } from './ks2-file';

export const EES_YEARS = [2023, 2024, 2025];
const ENGLAND_RWM: Record<number, number> = { 2023: 60, 2024: 61, 2025: 62 };

const BREAKDOWNS = [
	{ topic: 'All pupils', breakdown: 'Total', share: 1, shift: 0 },
	{ topic: 'Disadvantage status', breakdown: 'Disadvantaged', share: 0.3, shift: -18 },
	{ topic: 'Disadvantage status', breakdown: 'Not disadvantaged', share: 0.7, shift: 6 },
	{ topic: 'Sex', breakdown: 'Boys', share: 0.5, shift: -3 },
	{ topic: 'Sex', breakdown: 'Girls', share: 0.5, shift: 3 }
];

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const pct = (n: number) => String(clamp(Math.round(n), 0, 100));
const dec = (n: number) => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');

/**
 * One school's rows for one year. A group of 5 pupils or fewer is suppressed (`c`); a higher
 * standard that rounds to 0 but is not 0 is `low`; a special school's progress is of low
 * reliability (`u`); now and then a figure is not available (`x`).
 */
function schoolRows(s: Ks2School, year: number, random: () => number): BreakdownRow[] {
	const cohort = Math.max(1, Math.round(s.cohort * (0.85 + random() * 0.3)));
	const rwm = s.recordType === 2 ? random() * 8 : clamp(ENGLAND_RWM[year] + s.strength + s.trend * (year - 2024) + (random() - 0.5) * 12, 2, 100);
	const progressYear = year === 2023;
	const rows: BreakdownRow[] = [];
	for (const b of BREAKDOWNS) {
		const pupils = Math.round(cohort * b.share * (0.8 + random() * 0.4));
		const suppressed = pupils <= 5 || cohort === 0;
		const level = rwm + b.shift + (b.share < 1 ? (random() - 0.5) * 10 : 0);
		const figure = (text: string) => (suppressed ? 'c' : random() < 0.002 ? 'x' : text);
		const high = (n: number) => (n > 0 && n < 0.5 ? 'low' : pct(n));
		const progress = (): Cells => {
			if (!progressYear || b.share < 0.5) return {};
			if (s.recordType === 2)
				return {
					progress_measure_score: 'u',
					progress_measure_lower_conf_interval: 'u',
					progress_measure_upper_conf_interval: 'u',
					progress_measure_description: 'u'
				};
			const score = (rwm - ENGLAND_RWM[year]) / 6 + (random() - 0.5) * 1.5;
			const ci = 17 / Math.sqrt(Math.max(pupils, 1));
			const band = score - ci > 0 ? (score >= 3 ? 0 : 1) : score + ci < 0 ? (score <= -3 ? 4 : 3) : 2;
			return {
				progress_measure_score: figure(dec(score)),
				progress_measure_lower_conf_interval: figure(dec(score - ci)),
				progress_measure_upper_conf_interval: figure(dec(score + ci)),
				progress_measure_description: figure(BAND_WORDS[band])
			};
		};
		const subject = (name: string, offset: number, cells: Cells): BreakdownRow => ({
			topic: b.topic,
			breakdown: b.breakdown,
			subject: name,
			cells: { expected_standard_pupil_percent: figure(pct(level + offset)), higher_standard_pupil_percent: figure(high((level + offset) / 4 - 8)), ...cells }
		});
		const score = () => figure(String(Math.round(clamp(104 + (level - 60) / 6 + (random() - 0.5) * 3, 90, 118))));
		const absent = () => figure(pct(random() * 3));
		rows.push(
			subject('Reading, writing and maths', 0, {}),
			subject('Reading', 12, { average_scaled_score: score(), absent_or_not_able_to_access_percent: absent(), ...progress() }),
			subject('Writing', 10, {
				working_towards_expected_standard_pupil_percent: figure(pct(100 - level - 10)),
				absent_or_disapplied_percent: absent(),
				...progress()
			}),
			subject('Maths', 11, { average_scaled_score: score(), absent_or_not_able_to_access_percent: absent(), ...progress() }),
			subject('Grammar, punctuation and spelling', 13, { average_scaled_score: score(), absent_or_not_able_to_access_percent: absent() })
		);
	}
	return rows;
}

/** Rows newest year first, as the data set's preview shows them; a school's rows together. */
function* englandRows(count: number): Generator<string[]> {
	const { schools } = englandSchools(count);
	const random = seededRandom(2025);
	for (const year of [...EES_YEARS].reverse()) {
		for (const s of schools) {
			if (s.firstYear !== undefined && year < s.firstYear) continue;
			const school: EesSchool = { urn: s.urn, laestab: `${s.laCode}${s.estab.padStart(4, '0')}`, name: s.name };
			for (const r of schoolRows(s, year, random)) yield schoolPerformanceRow(year, 'Final', school, r);
		}
	}
}

export async function writeEnglandEesKs2(path: string, count = 16_500): Promise<void> {
	await writeEesFile(path, SCHOOL_PERFORMANCE_COLUMNS, englandRows(count));
}

if (process.argv[1]?.endsWith('england-ees-ks2.ts')) {
	const [out, count] = process.argv.slice(2);
	if (!out) {
		console.error('Usage: tsx scripts/generate/england-ees-ks2.ts <out.csv> [schools]');
		process.exit(1);
	}
	await writeEnglandEesKs2(out, count ? Number(count) : undefined);
	console.log(`Wrote ${out}`);
}
