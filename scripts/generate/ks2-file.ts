// Writes KS2 school-level files in DfE's real format (ks2final.csv): UTF-8 with a BOM, CRLF,
// no final newline, % signs, SUPP/NA/LOWCOV codes, short rows for NEW schools and for schools
// with no pupils at the end of KS2, LA and England rows. Used by the demo LA and the benchmark.
import { createWriteStream } from 'node:fs';
import { KS2_COLUMNS_2019, KS2_COLUMNS_2025 } from './ks2-columns';

export interface Ks2School {
	urn: number;
	laCode: string;
	estab: string;
	name: string;
	town: string;
	postcode: string;
	/** 1 mainstream, 2 special. */
	recordType: 1 | 2;
	ageRange: string;
	/** Pupils in Year 6, before year-to-year noise. */
	cohort: number;
	/** How far above England the school's RWM expected % sits, in points (negative is below). */
	strength: number;
	/** Points per year the school is improving (positive) or declining (negative). */
	trend: number;
	/** Extra points on top of strength in a given year, to script a story (a bad year, a recovery). */
	shock?: Record<number, number>;
	/** First summer with results: earlier files show the school as NEW. */
	firstYear?: number;
	type: string;
}

export interface Ks2FileOptions {
	/** Summer of the tests: 2019 means 2018/19. */
	year: number;
	columnSet: '2019' | '2025';
	schools: readonly Ks2School[];
	/** Name of each LA with a RECTYPE 3 row. */
	las: Readonly<Record<string, string>>;
	/** England's RWM expected %, for the national rows and to centre the schools. */
	englandRwm: number;
	progress: boolean;
	random: () => number;
}

/** Writes one file; resolves when it is on disk. */
export async function writeKs2File(path: string, o: Ks2FileOptions): Promise<void> {
	const out = createWriteStream(path);
	const columns = headerFor(o.columnSet, o.year);
	const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
	await write('\uFEFF' + columns.join(','));
	let batch = '';
	for (const [i, school] of o.schools.entries()) {
		batch += '\r\n' + schoolRow(columns, school, i, o);
		if (batch.length > 1 << 20) {
			await write(batch);
			batch = '';
		}
	}
	for (const [code, name] of Object.entries(o.las)) batch += '\r\n' + aggregateRow(columns, 3, code, name, o);
	batch += '\r\n' + aggregateRow(columns, 4, '', '', o) + '\r\n' + aggregateRow(columns, 5, '', '', o);
	await write(batch);
	await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

export function headerFor(columnSet: '2019' | '2025', year: number): string[] {
	const yy = (back: number) => String((year - back) % 100).padStart(2, '0');
	return (columnSet === '2019' ? KS2_COLUMNS_2019 : KS2_COLUMNS_2025).map((c) => c.replace('{Y1}', yy(1)).replace('{Y2}', yy(2)));
}

/** One school's figures for one year; every column is derived from these. */
interface Profile {
	cohort: number;
	rwm: number;
	disadvantaged: number;
	progress: number;
	coverage: number;
}

function profile(s: Ks2School, year: number, englandRwm: number, random: () => number): Profile {
	const noise = (random() + random() - 1) * 6;
	const cohort = Math.max(1, Math.round(s.cohort * (0.85 + random() * 0.3)));
	const gap = s.strength + s.trend * (year - 2024) + (s.shock?.[year] ?? 0) + noise * (cohort < 15 ? 2 : 1);
	const rwm = s.recordType === 2 ? Math.round(random() * 8) : clamp(Math.round(englandRwm + gap), 2, 100);
	return {
		cohort,
		rwm,
		disadvantaged: clamp(Math.round(cohort * (0.3 - s.strength / 100 + (random() - 0.5) * 0.1)), 0, cohort),
		progress: s.recordType === 2 ? -5 + random() * 3 : gap / 6 + (random() - 0.5) * 1.5,
		coverage: s.recordType === 2 && random() < 0.3 ? 40 : 88 + Math.round(random() * 12)
	};
}

const pct = (n: number) => `${clamp(Math.round(n), 0, 100)}%`;
const dec = (n: number) => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function clamp(n: number, lo: number, hi: number) {
	return Math.min(hi, Math.max(lo, n));
}

/** DfE's band: 1 well above ... 5 well below, from the score and its confidence interval. */
function band(score: number, lower: number, upper: number): number {
	if (lower > 0) return score >= 3 ? 1 : 2;
	if (upper < 0) return score <= -3 ? 5 : 4;
	return 3;
}

function schoolRow(columns: string[], s: Ks2School, index: number, o: Ks2FileOptions): string {
	const identity = identityCells(s, index);
	const isNew = s.firstYear !== undefined && o.year < s.firstYear;
	const cells: string[] = [];
	const p = profile(s, o.year, o.englandRwm, o.random);
	for (const name of columns) {
		const id = identity[name.toUpperCase()];
		if (id !== undefined) {
			cells.push(id);
			continue;
		}
		if (name === 'TPUPYEAR' && s.cohort === 0) {
			// No pupils at the end of KS2: the row stops at TPUPYEAR.
			cells.push('0');
			return cells.join(',');
		}
		if (name === 'TOTPUPS') {
			cells.push(isNew ? 'NEW' : String(p.cohort * 7 + Math.round(o.random() * 20)));
			// A NEW school's row stops at TOTPUPS.
			if (isNew) return cells.join(',');
			continue;
		}
		cells.push(figureCell(name, p, o, s.recordType));
	}
	return cells.join(',');
}

function identityCells(s: Ks2School, index: number): Record<string, string> {
	return {
		RECTYPE: String(s.recordType),
		ALPHAIND: String(10000 + index * 13),
		LEA: s.laCode,
		ESTAB: s.estab,
		URN: String(s.urn),
		SCHNAME: quote(s.name),
		ADDRESS1: quote(`${1 + (index % 90)} School Lane`),
		ADDRESS2: '',
		ADDRESS3: '',
		TOWN: quote(s.town),
		PCODE: s.postcode,
		TELNUM: `01${String(100000000 + index * 7919).slice(0, 9)}`,
		PCON_CODE: 'E14000999',
		PCON_NAME: quote(`${s.town} and District`),
		URN_AC: '',
		SCHNAME_AC: '',
		OPEN_AC: '',
		NFTYPE: s.recordType === 2 ? 'CYS' : 'CY',
		ICLOSE: '0',
		RELDENOM: /St |CE |Holy|Christ|All Saints/.test(s.name) ? 'Church of England' : 'Does not apply',
		AGERANGE: s.ageRange,
		CONFEXAM: '',
		TAB15: s.recordType === 2 ? '1' : '0',
		TAB1618: '0'
	};
}

/** A plausible cell for any numeric column, from the column's name: the DfE naming scheme is regular. */
function figureCell(name: string, p: Profile, o: Ks2FileOptions, recordType: number): string {
	const n = name.toUpperCase();
	const r = o.random;
	if (n === 'TPUPYEAR') return String(p.cohort);
	const small = p.cohort <= 5;
	if (small && n !== 'TELIG') return 'SUPP';
	// Subgroups (boys, girls, prior attainment, disadvantaged, EAL, mobile) are often 5 or fewer pupils.
	const subgroup = /_(B|G|L|M|H|FSM6CLA1A|NOTFSM6CLA1A|EAL|MOBN)(_|$)/.test(n);
	const disadvantagedGroup = /_FSM6CLA1A/.test(n) && !/NOT/.test(n);
	if (subgroup && (disadvantagedGroup ? p.disadvantaged <= 5 : r() < 0.12)) return 'SUPP';
	const prior = /_\d{2}$/.test(n);
	if (/PROG|COV/.test(n) && !/_\d{2}$/.test(n)) {
		if (!o.progress) return '';
		if (recordType === 2 && p.coverage < 50) return 'LOWCOV';
	}
	if (/DESCR/.test(n)) {
		if (prior) return o.progress ? String(band(p.progress, p.progress - 2, p.progress + 2)) : '';
		const ci = 17 / Math.sqrt(p.cohort);
		return String(band(p.progress, p.progress - ci, p.progress + ci));
	}
	if (/COV$/.test(n)) return `${p.coverage}%`;
	if (/PROG/.test(n)) {
		if (prior && !o.progress) return '';
		const ci = (17 / Math.sqrt(p.cohort)) * (subgroup ? 1.6 : 1);
		const score = p.progress + (subgroup ? (r() - 0.5) * 2 : 0);
		if (/LOWER/.test(n)) return dec(score - ci);
		if (/UPPER/.test(n)) return dec(score + ci);
		return dec(score);
	}
	if (/^DIFFN/.test(n)) return String(Math.round(-10 - r() * 20));
	if (/AVERAGE/.test(n)) return String(Math.round(clamp(104 + (p.rwm - 60) / 6 + (r() - 0.5) * 3, 90, 118)));
	if (/^P?T(ELIG|FSM6CLA1A|NOTFSM6CLA1A)_3YR$|^TELIG(_\d{2})?$/.test(n)) return String(/3YR/.test(n) ? p.cohort * 3 : p.cohort);
	if (n === 'TFSM6CLA1A') return String(p.disadvantaged);
	if (n === 'TNOTFSM6CLA1A') return String(p.cohort - p.disadvantaged);
	if (/^PTFSM6CLA1A/.test(n)) return pct((100 * p.disadvantaged) / p.cohort);
	if (/^PTNOTFSM6CLA1A/.test(n)) return pct(100 - (100 * p.disadvantaged) / p.cohort);
	if (/^PT/.test(n)) {
		const high = /HIGH/.test(n);
		const base = /RWM/.test(n) ? p.rwm : clamp(p.rwm + 12, 0, 100);
		const level = high ? Math.max(0, base / 5 - 4) : base;
		const adjust = disadvantagedGroup ? -18 : /NOTFSM/.test(n) ? 6 : subgroup ? (r() - 0.5) * 20 : 0;
		return pct(level + adjust + (prior ? (r() - 0.5) * 10 : 0));
	}
	if (/^T|^[BG]ELIG/.test(n)) return String(Math.round(p.cohort * (0.2 + r() * 0.6)));
	if (/^P/.test(n)) return pct(r() * 100);
	return '';
}

/** RECTYPE 3 (LA), 4 and 5 (England) rows: a blank identity and figures near the average. */
function aggregateRow(columns: string[], rectype: 3 | 4 | 5, laCode: string, laName: string, o: Ks2FileOptions): string {
	// 2016 to 2019 files fill the empty identity cells of these rows with a single space.
	const blank = o.columnSet === '2019' ? ' ' : '';
	const p: Profile = {
		cohort: rectype === 3 ? 8000 + Math.round(o.random() * 8000) : 660000,
		rwm: rectype === 3 ? o.englandRwm + Math.round((o.random() - 0.5) * 8) : o.englandRwm,
		disadvantaged: 0,
		progress: rectype === 3 ? (o.random() - 0.5) * 1.2 : 0,
		coverage: 96
	};
	p.disadvantaged = Math.round(p.cohort * 0.3);
	return columns
		.map((name) => {
			const n = name.toUpperCase();
			if (n === 'RECTYPE') return String(rectype);
			if (n === 'LEA') return laCode || blank;
			if (n === 'SCHNAME') return laName || blank;
			if (
				[
					'ALPHAIND',
					'ESTAB',
					'URN',
					'ADDRESS1',
					'ADDRESS2',
					'ADDRESS3',
					'TOWN',
					'PCODE',
					'TELNUM',
					'PCON_CODE',
					'PCON_NAME',
					'URN_AC',
					'SCHNAME_AC',
					'OPEN_AC',
					'NFTYPE',
					'ICLOSE',
					'RELDENOM',
					'AGERANGE',
					'CONFEXAM',
					'TAB15',
					'TAB1618'
				].includes(n)
			)
				return blank;
			if (n === 'TOTPUPS') return String(p.cohort * 7);
			// England has no progress score of its own (0 by definition), so those cells are blank.
			if (rectype !== 3 && /PROG|COV/.test(n)) return blank;
			return figureCell(name, p, { ...o, random: () => 0.5 }, 1);
		})
		.join(',');
}
