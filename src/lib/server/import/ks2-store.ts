// Changes here are on the import's hot path: check them with `npm run bench:import`.
import type { Compilable } from 'kysely';
import type { BulkWriter } from '../db/bulk';
import { KS2_FIELD_SPECS } from '../../domain/import/ks2-fields';

const FIELDS = KS2_FIELD_SPECS.length;

/** Rows per multi-row INSERT: far fewer statement runs, and 100 x 73 parameters is well under SQLite's limit of 32,766. */
export const ROWS_PER_INSERT = 100;

/** Rows per block of storage: the store grows a block at a time and never copies what it holds. */
const BLOCK_ROWS = 1024;

/**
 * An England file's school rows, validated and waiting for the write, kept compact: the figures
 * in blocks of Float64Array (NaN for none: a parsed figure is never NaN) and each code as an index
 * into a table of the codes seen, so 16,500 rows are a few flat arrays rather than 16,500 arrays
 * of 73 boxed values for the garbage collector to copy and trace.
 */
export class Ks2ResultStore {
	length = 0;
	private urnList: number[] = [];
	private laCodes: (string | null)[] = [];
	private recordTypes: number[] = [];
	/** Whether each row has any code; most rows have none. */
	private withCodes: boolean[] = [];
	private readonly values: Float64Array[] = [];
	/** 0 for no code, else 1 + the code's index in `codeNames`. */
	private readonly codes: Uint32Array[] = [];
	private readonly codeNames: string[] = [];
	private readonly codeIndex = new Map<string, number>();

	add(urn: number, laCode: string | null, recordType: number, r: { values: readonly (number | null)[]; codes: readonly (string | null)[] }): void {
		const row = this.open(urn, laCode, recordType);
		const values = this.values[this.values.length - 1];
		const codes = this.codes[this.codes.length - 1];
		const base = (row % BLOCK_ROWS) * FIELDS;
		let any = false;
		for (let i = 0; i < FIELDS; i++) {
			const v = r.values[i];
			values[base + i] = v === null ? NaN : v;
			const c = r.codes[i];
			codes[base + i] = c === null ? 0 : this.codeNumber(c);
			any ||= c !== null;
		}
		this.withCodes[row] = any;
	}

	/**
	 * Adds a row with no figures (every value and code null: "the file had no such column") and
	 * returns its number, for a file that gives a school's figures one at a time (see `set`).
	 */
	open(urn: number, laCode: string | null, recordType: number): number {
		const at = this.length % BLOCK_ROWS;
		if (at === 0) {
			this.values.push(new Float64Array(FIELDS * BLOCK_ROWS).fill(NaN));
			this.codes.push(new Uint32Array(FIELDS * BLOCK_ROWS));
		}
		this.urnList.push(urn);
		this.laCodes.push(laCode);
		this.recordTypes.push(recordType);
		this.withCodes.push(false);
		return this.length++;
	}

	/** Sets one figure of a row: `value` NaN for none, with the code published instead (or null). */
	set(row: number, slot: number, value: number, code: string | null): void {
		const block = Math.floor(row / BLOCK_ROWS);
		const at = (row % BLOCK_ROWS) * FIELDS + slot;
		this.values[block][at] = value;
		this.codes[block][at] = code === null ? 0 : this.codeNumber(code);
		if (code !== null) this.withCodes[row] = true;
	}

	urns(): readonly number[] {
		return this.urnList;
	}

	/**
	 * Inserts every row, ROWS_PER_INSERT at a time with prepared multi-row statements. `build(n,
	 * codes)` is the INSERT for n rows; each row binds urn, year, la_code, record_type, import_id,
	 * then for each figure in KS2_FIELD_SPECS order its value and, when `codes`, its code. Rows
	 * with no code at all (most) leave the code columns out, to be NULL: about a third fewer values
	 * to bind. Those rows go first, then the rows with codes: on PostgreSQL the writer gathers each
	 * statement's rows into one COPY for as long as no other statement comes between (see bulk.ts).
	 */
	async insert(w: BulkWriter, build: (rows: number, codes: boolean) => Compilable, year: number, importId: number): Promise<void> {
		for (const codes of [false, true]) {
			const rowParams = 5 + (codes ? 2 : 1) * FIELDS;
			const params: unknown[] = [];
			let rows = 0;
			let run: ((params: unknown[]) => Promise<number>) | null = null;
			for (let row = 0; row < this.length; row++) {
				if (this.withCodes[row] !== codes) continue;
				let at = rows * rowParams;
				params[at++] = this.urnList[row];
				params[at++] = year;
				params[at++] = this.laCodes[row];
				params[at++] = this.recordTypes[row];
				params[at++] = importId;
				const values = this.values[Math.floor(row / BLOCK_ROWS)];
				const codeIndexes = this.codes[Math.floor(row / BLOCK_ROWS)];
				const base = (row % BLOCK_ROWS) * FIELDS;
				for (let i = base; i < base + FIELDS; i++) {
					const v = values[i];
					params[at++] = Number.isNaN(v) ? null : v;
					if (codes) params[at++] = codeIndexes[i] === 0 ? null : this.codeNames[codeIndexes[i] - 1];
				}
				if (++rows === ROWS_PER_INSERT) {
					run ??= w.prepare(build(ROWS_PER_INSERT, codes));
					await run(params);
					rows = 0;
				}
			}
			if (rows === 0) continue;
			// The rest one by one: quicker than building and preparing one more long statement.
			const one = w.prepare(build(1, codes));
			for (let row = 0; row < rows; row++) await one(params.slice(row * rowParams, (row + 1) * rowParams));
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
}
