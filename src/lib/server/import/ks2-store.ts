import type { Compilable } from 'kysely';
import type { SyncWriter } from '../db/bulk';
import { KS2_FIELD_SPECS } from '../../domain/import/ks2-fields';

const FIELDS = KS2_FIELD_SPECS.length;

/** Rows per multi-row INSERT: far fewer statement runs, and 100 x 73 parameters is well under SQLite's limit of 32,766. */
export const ROWS_PER_INSERT = 100;

/**
 * An England file's school rows, validated and waiting for the write, kept compact: the figures
 * in one Float64Array (NaN for none: a parsed figure is never NaN) and each code as an index into
 * a table of the codes seen, so 16,500 rows are a few flat arrays rather than 16,500 arrays of
 * 73 boxed values for the garbage collector to copy and trace.
 */
export class Ks2ResultStore {
	length = 0;
	private urnList: number[] = [];
	private laCodes: (string | null)[] = [];
	private recordTypes: number[] = [];
	private values = new Float64Array(FIELDS * 1024);
	/** 0 for no code, else 1 + the code's index in `codeNames`. */
	private codes = new Uint32Array(FIELDS * 1024);
	private readonly codeNames: string[] = [];
	private readonly codeIndex = new Map<string, number>();

	add(urn: number, laCode: string | null, recordType: number, r: { values: readonly (number | null)[]; codes: readonly (string | null)[] }): void {
		const base = this.length * FIELDS;
		if (base + FIELDS > this.values.length) this.grow();
		this.urnList.push(urn);
		this.laCodes.push(laCode);
		this.recordTypes.push(recordType);
		for (let i = 0; i < FIELDS; i++) {
			const v = r.values[i];
			this.values[base + i] = v === null ? NaN : v;
			const c = r.codes[i];
			this.codes[base + i] = c === null ? 0 : this.codeNumber(c);
		}
		this.length++;
	}

	urns(): readonly number[] {
		return this.urnList;
	}

	/**
	 * Inserts every row, ROWS_PER_INSERT at a time with one prepared multi-row statement and the
	 * rest one by one. `build(n)` is the INSERT for n rows; each row binds urn, year, la_code,
	 * record_type, import_id, then value and code for each figure in KS2_FIELD_SPECS order.
	 */
	insert(w: SyncWriter, build: (rows: number) => Compilable, year: number, importId: number): void {
		const whole = this.length - (this.length % ROWS_PER_INSERT);
		const params: unknown[] = [];
		const bind = (row: number) => {
			params.push(this.urnList[row], year, this.laCodes[row], this.recordTypes[row], importId);
			const base = row * FIELDS;
			for (let i = base; i < base + FIELDS; i++) {
				const v = this.values[i];
				const c = this.codes[i];
				params.push(Number.isNaN(v) ? null : v, c === 0 ? null : this.codeNames[c - 1]);
			}
		};
		if (whole > 0) {
			const many = w.prepare(build(ROWS_PER_INSERT));
			for (let start = 0; start < whole; start += ROWS_PER_INSERT) {
				params.length = 0;
				for (let row = start; row < start + ROWS_PER_INSERT; row++) bind(row);
				many(params);
			}
		}
		if (whole < this.length) {
			const one = w.prepare(build(1));
			for (let row = whole; row < this.length; row++) {
				params.length = 0;
				bind(row);
				one(params);
			}
		}
	}

	private codeNumber(code: string): number {
		let n = this.codeIndex.get(code);
		if (n === undefined) {
			this.codeNames.push(code);
			n = this.codeNames.length;
			this.codeIndex.set(code, n);
		}
		return n;
	}

	private grow(): void {
		const values = new Float64Array(this.values.length * 2);
		values.set(this.values);
		this.values = values;
		const codes = new Uint32Array(this.codes.length * 2);
		codes.set(this.codes);
		this.codes = codes;
	}
}
