// Writes Ofsted's monthly management information file, "Management information - state-funded
// schools - latest inspections as at <date>", in its real layout (docs/data-files.md): every
// column Ofsted's file has, in order, with the legacy column that really has two spaces; Windows-1252
// (or UTF-8 with a byte-order mark, as some copies are); CRLF; `NULL` where there is nothing; dates
// as dd/mm/yyyy; report cards, OEIF graded inspections with and without an overall grade, ungraded
// outcomes, categories of concern and inspections of predecessor schools.
// Usage: tsx scripts/generate/ofsted-mi-file.ts <out.csv> [schools]
import { writeFileSync } from 'node:fs';
import { encodeCp1252 } from '../../src/lib/domain/import/cp1252';
import { pick, seededRandom } from '../demo/random';

/** Every column, in the file's order. */
export const MI_FILE_COLUMNS = [
	'URN',
	'LAESTAB',
	'School name',
	'Ofsted phase',
	'Type of education',
	'Local authority',
	'Postcode',
	'Web Link (opens in new window)',
	'Does the latest full inspection relate to the URN of the current school?',
	'Most recent category of concern',
	'Inspection start date',
	'Publication date',
	'Inclusion',
	'Curriculum and teaching',
	'Achievement',
	'Attendance and behaviour',
	'Personal development and wellbeing',
	'Leadership and governance',
	'Early years (where applicable)',
	'Post-16 provision (where applicable)',
	'Safeguarding standards',
	'Category of concern',
	'Inspection start date of latest OEIF graded inspection',
	'Publication date of latest OEIF graded inspection',
	'Latest OEIF overall effectiveness',
	'Latest OEIF quality of education',
	'Latest OEIF behaviour and attitudes',
	'Latest OEIF personal development',
	'Latest OEIF effectiveness of leadership and management',
	'Latest OEIF early years provision (where applicable)',
	'Latest OEIF sixth form provision (where applicable)',
	'Latest OEIF  safeguarding is effective?',
	'Latest OEIF category of concern',
	'Does the latest OEIF graded inspection relate to the URN of the current school?',
	'Date of latest ungraded inspection',
	'Ungraded inspection publication date',
	'Ungraded inspection overall outcome',
	'Does the ungraded inspection relate to the URN of the current school?'
] as const;

export type MiColumn = (typeof MI_FILE_COLUMNS)[number];

/** Cells as Ofsted writes them. Dates may be given as yyyy-mm-dd; they are written dd/mm/yyyy. */
export interface MiReportCard {
	date: string;
	published?: string;
	/** By MI column name: Inclusion, Curriculum and teaching, ... Missing areas are NULL. */
	areas: Partial<Record<MiColumn, string>>;
	safeguarding: string;
	category?: string;
	/** "Does the latest full inspection relate to the URN of the current school?" (default Yes). */
	relates?: string;
}

export interface MiGraded {
	date: string;
	published?: string;
	/** "1" to "4" or "Not judged". */
	overall: string;
	qualityOfEducation?: string;
	behaviourAndAttitudes?: string;
	personalDevelopment?: string;
	leadershipAndManagement?: string;
	earlyYears?: string;
	sixthForm?: string;
	safeguarding?: string;
	category?: string;
	relates?: string;
}

export interface MiUngraded {
	date: string;
	published?: string;
	outcome: string;
	relates?: string;
}

export interface MiSchool {
	urn: number | string;
	laCode?: string;
	name?: string;
	phase?: string;
	reportCard?: MiReportCard | null;
	graded?: MiGraded | null;
	ungraded?: MiUngraded | null;
	/** Any cell by column name, written as given: for files that are wrong on purpose. */
	cells?: Partial<Record<MiColumn, string>>;
}

const NULL = 'NULL';
const LA_NAMES: Record<string, string> = { '850': 'Hampshire', '936': 'Surrey', '999': 'Westmoor' };

/** yyyy-mm-dd → dd/mm/yyyy; anything else as it is. */
export function ddmmyyyy(date: string | undefined): string {
	if (date === undefined || date === '') return NULL;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

function cellsOf(s: MiSchool, index: number): Record<MiColumn, string> {
	const laCode = s.laCode ?? '850';
	const c = {} as Record<MiColumn, string>;
	for (const column of MI_FILE_COLUMNS) c[column] = NULL;
	Object.assign(c, {
		URN: String(s.urn),
		LAESTAB: `${laCode}${String(2000 + (index % 8000)).padStart(4, '0')}`,
		'School name': s.name ?? `School ${s.urn}`,
		'Ofsted phase': s.phase ?? 'Primary',
		'Type of education': 'Community school',
		'Local authority': LA_NAMES[laCode] ?? `Authority ${laCode}`,
		Postcode: `GU${1 + (index % 50)} ${index % 9}AB`,
		'Web Link (opens in new window)': `http://www.ofsted.gov.uk/inspection-reports/find-inspection-report/provider/ELS/${s.urn}`
	});
	const r = s.reportCard;
	if (r) {
		Object.assign(c, {
			'Inspection start date': ddmmyyyy(r.date),
			'Publication date': ddmmyyyy(r.published),
			'Safeguarding standards': r.safeguarding,
			'Category of concern': r.category ?? NULL,
			'Does the latest full inspection relate to the URN of the current school?': r.relates ?? 'Yes'
		});
		for (const [area, grade] of Object.entries(r.areas)) c[area as MiColumn] = grade;
	}
	const g = s.graded;
	if (g) {
		Object.assign(c, {
			'Inspection start date of latest OEIF graded inspection': ddmmyyyy(g.date),
			'Publication date of latest OEIF graded inspection': ddmmyyyy(g.published),
			'Latest OEIF overall effectiveness': g.overall,
			'Latest OEIF quality of education': g.qualityOfEducation ?? NULL,
			'Latest OEIF behaviour and attitudes': g.behaviourAndAttitudes ?? NULL,
			'Latest OEIF personal development': g.personalDevelopment ?? NULL,
			'Latest OEIF effectiveness of leadership and management': g.leadershipAndManagement ?? NULL,
			'Latest OEIF early years provision (where applicable)': g.earlyYears ?? NULL,
			'Latest OEIF sixth form provision (where applicable)': g.sixthForm ?? NULL,
			'Latest OEIF  safeguarding is effective?': g.safeguarding ?? 'Yes',
			'Latest OEIF category of concern': g.category ?? NULL,
			'Does the latest OEIF graded inspection relate to the URN of the current school?': g.relates ?? 'Yes'
		});
		if (!r) c['Does the latest full inspection relate to the URN of the current school?'] = g.relates ?? 'Yes';
	}
	const u = s.ungraded;
	if (u) {
		Object.assign(c, {
			'Date of latest ungraded inspection': ddmmyyyy(u.date),
			'Ungraded inspection publication date': ddmmyyyy(u.published),
			'Ungraded inspection overall outcome': u.outcome,
			'Does the ungraded inspection relate to the URN of the current school?': u.relates ?? 'Yes'
		});
	}
	const category = r?.category ?? g?.category;
	if (category) c['Most recent category of concern'] = category;
	return Object.assign(c, s.cells ?? {});
}

function csvCell(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface MiFileOptions {
	/** How each column's name is written (to test case and spacing); the real name by default. */
	header?: (column: MiColumn) => string;
	/** Columns left out of the file altogether. */
	without?: readonly MiColumn[];
}

/** The file's text: a header row and one row per school, CRLF, with a final CRLF. */
export function miFileText(schools: readonly MiSchool[], o: MiFileOptions = {}): string {
	const columns = MI_FILE_COLUMNS.filter((c) => !o.without?.includes(c));
	const lines = [columns.map((c) => csvCell(o.header ? o.header(c) : c)).join(',')];
	schools.forEach((s, i) => {
		const cells = cellsOf(s, i);
		lines.push(columns.map((c) => csvCell(cells[c])).join(','));
	});
	return lines.join('\r\n') + '\r\n';
}

/** Writes the file: Windows-1252 as Ofsted publishes it, or UTF-8 with a byte-order mark as some copies are. */
export function writeMiFile(path: string, schools: readonly MiSchool[], o: MiFileOptions & { encoding?: 'windows-1252' | 'utf-8-bom' } = {}): void {
	const text = miFileText(schools, o);
	writeFileSync(path, o.encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) : encodeCp1252(text));
}

const CARD_GRADES = ['Exceptional', 'Strong standard', 'Expected standard', 'Expected standard', 'Expected standard', 'Needs attention', 'Urgent improvement'];
const CARD_AREAS: MiColumn[] = [
	'Inclusion',
	'Curriculum and teaching',
	'Achievement',
	'Attendance and behaviour',
	'Personal development and wellbeing',
	'Leadership and governance'
];
const OUTCOMES = [
	'School remains Good',
	'School remains Good',
	'Standards maintained',
	'Improved significantly',
	'Some aspects not as strong',
	'School remains Outstanding'
];
const PLACES = ['Oakfield', 'Riverside', 'Hillcrest', 'Meadowbank', 'Northgate', 'St Mary’s', 'St John’s', 'Holy Trinity', 'Christ Church', 'Park View'];

function isoBetween(random: () => number, from: string, to: string): string {
	const a = Date.parse(`${from}T00:00:00Z`);
	const b = Date.parse(`${to}T00:00:00Z`);
	return new Date(a + Math.floor(random() * ((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `count` schools with a realistic mix: most have an OEIF graded inspection (those from September
 * 2024 with no overall grade), about one in six a report card, about half an ungraded inspection;
 * a few in a category of concern, and some inspected as their predecessor school.
 */
export function generateMiSchools(count: number, o: { seed?: number; firstUrn?: number; laCodes?: readonly string[] } = {}): MiSchool[] {
	const random = seededRandom(o.seed ?? 2026);
	const laCodes = o.laCodes ?? Array.from({ length: 150 }, (_, i) => String(201 + i * 4));
	const firstUrn = o.firstUrn ?? 100000;
	const schools: MiSchool[] = [];
	const grade = (centre: number) => String(Math.min(4, Math.max(1, Math.round(centre + (random() - 0.5) * 1.6))));
	for (let i = 0; i < count; i++) {
		const secondary = random() < 0.15;
		const s: MiSchool = {
			urn: firstUrn + i,
			laCode: laCodes[i % laCodes.length],
			name: `${pick(random, PLACES)}${random() < 0.1 ? ', Church of England' : ''} ${secondary ? 'Academy' : 'Primary School'} ${i}`,
			phase: secondary ? 'Secondary' : 'Primary'
		};
		if (random() < 0.92) {
			const date = isoBetween(random, '2019-09-02', '2025-11-07');
			const centre = 1 + Math.min(3, Math.floor(random() * random() * 5));
			const notJudged = date >= '2024-09-01';
			const fourth = centre === 4 && !notJudged;
			s.graded = {
				date,
				published: addDays(date, 20 + Math.floor(random() * 20)),
				overall: notJudged ? 'Not judged' : String(centre),
				qualityOfEducation: grade(centre),
				behaviourAndAttitudes: grade(centre - 0.3),
				personalDevelopment: grade(centre - 0.3),
				leadershipAndManagement: grade(centre),
				earlyYears: secondary ? 'NULL' : grade(centre - 0.2),
				sixthForm: secondary && random() < 0.5 ? grade(centre) : 'NULL',
				safeguarding: random() < 0.97 ? 'Yes' : 'No',
				category: fourth ? pick(random, ['SM', 'SWK']) : undefined,
				relates: random() < 0.1 ? 'No' : 'Yes'
			};
		}
		if (random() < 0.16) {
			const date = isoBetween(random, '2025-11-10', '2026-04-24');
			const areas: Partial<Record<MiColumn, string>> = {};
			for (const area of CARD_AREAS) areas[area] = pick(random, CARD_GRADES);
			areas['Early years (where applicable)'] = secondary ? 'Not applicable' : pick(random, CARD_GRADES);
			areas['Post-16 provision (where applicable)'] = secondary && random() < 0.5 ? pick(random, CARD_GRADES) : 'Not applicable';
			const urgent = Object.values(areas).includes('Urgent improvement');
			s.reportCard = {
				date,
				published: addDays(date, 25),
				areas,
				safeguarding: random() < 0.97 ? 'Met' : 'Not met',
				category: urgent && random() < 0.5 ? pick(random, ['SM', 'RSI']) : undefined,
				relates: 'Yes'
			};
		}
		if (random() < 0.45) {
			const date = isoBetween(random, '2021-09-01', '2026-04-24');
			s.ungraded = { date, published: addDays(date, 30), outcome: pick(random, OUTCOMES), relates: random() < 0.05 ? 'No' : 'Yes' };
		}
		schools.push(s);
	}
	return schools;
}

/** England's file name for a month: "Management information - state-funded schools - latest inspections as at 30 April 2026.csv". */
export function miFileName(asAt = '30 April 2026'): string {
	return `Management information - state-funded schools - latest inspections as at ${asAt}.csv`;
}

if (process.argv[1]?.endsWith('ofsted-mi-file.ts') && process.argv[2]) {
	const count = Number(process.argv[3] ?? 22_000);
	writeMiFile(process.argv[2], generateMiSchools(count));
	console.log(`Wrote ${count} schools to ${process.argv[2]}`);
}
