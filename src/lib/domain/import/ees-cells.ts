import { NOT_A_FIGURE } from './figures';
import { figureProblem, type FigureKind } from './ks2-fields';
import { GSS_SYMBOLS, parseEesFigure, parseProgressBand, type EesFigure } from './ees-values';
import type { SuppressedCounts } from './report';

/**
 * Reads the figure cells of an EES file. A file of a million rows holds only a few thousand
 * distinct cell texts (percentages, scores, `z`), so each text is parsed and checked once per
 * column and numbered: a cell costs one map lookup, and a row can be kept as a few small integers.
 *
 * Entry `e` is the cell's meaning: `values[e]` (NaN for none: a parsed figure is never NaN),
 * `codes[e]` (the GSS symbol, '' for an empty cell, or null for a number) and `json[e]`, its text
 * in a JSON document. Entry ABSENT stands for a column the file does not have.
 */
/** The entry for a column the file does not have: no value, no code, null in JSON. */
export const ABSENT = 0;

export class EesCellReader {
	readonly values: number[] = [];
	readonly codes: (string | null)[] = [];
	readonly json: string[] = [];
	/** Per column: cell text -> entry, or -1 for text that is not a figure. */
	private readonly seen: Map<string, number>[];
	/** Per column: how often each entry was read (the symbols among them go in the report). */
	private readonly counts: Uint32Array[];
	/** Per column: the entry for `z`, the commonest cell of all, or -2 before the first. */
	private readonly z: Int32Array;

	/** `kinds`: how each column's numbers are checked; null for no range check. */
	constructor(private readonly kinds: readonly (FigureKind | null)[]) {
		this.seen = kinds.map(() => new Map());
		this.counts = kinds.map(() => new Uint32Array(64));
		this.z = new Int32Array(kinds.length).fill(-2);
		this.add(NaN, null, 'null');
	}

	/** The entry for a cell of column `column` (its index in `kinds`), or -1 when it is not a figure (see `problem`). */
	read(column: number, raw: string | undefined): number {
		let e: number;
		if (raw === 'z') {
			e = this.z[column];
			if (e === -2) e = this.z[column] = this.learn(column, raw);
		} else {
			const text = raw ?? '';
			e = this.seen[column].get(text) ?? this.learn(column, text);
		}
		if (e < 0) return e;
		let counts = this.counts[column];
		if (e >= counts.length) {
			counts = new Uint32Array(Math.max(e + 1, counts.length * 2));
			counts.set(this.counts[column]);
			this.counts[column] = counts;
		}
		counts[e]++;
		return e;
	}

	/** Whether a row's display may leave this entry off its end: `z` (not applicable) or a column the file lacks. */
	trailing(e: number): boolean {
		return e === ABSENT || this.codes[e] === 'z';
	}

	/** Why a cell `read` refused is not a figure, in words that follow its row and column. */
	problem(column: number, raw: string | undefined): string {
		const text = (raw ?? '').trim();
		const figure = this.parse(column, text);
		if (typeof figure === 'number') return `${text} ${this.rangeProblem(column, figure)}.`;
		const what = this.kinds[column] === 'band' ? 'a number, a progress band such as "Below average",' : 'a number';
		return `"${text}" is neither ${what} nor a GSS symbol (${GSS_SYMBOLS.join(', ')}).`;
	}

	/** Counts of the symbols read, by column name, as the report keeps them. */
	suppressed(names: readonly string[]): SuppressedCounts {
		const out: SuppressedCounts = {};
		this.counts.forEach((counts, column) => {
			counts.forEach((n, e) => {
				const code = this.codes[e];
				if (n === 0 || code === null || code === undefined) return;
				const byCode = (out[names[column]] ??= {});
				byCode[code] = (byCode[code] ?? 0) + n;
			});
		});
		return out;
	}

	private parse(column: number, text: string): EesFigure {
		return this.kinds[column] === 'band' ? parseProgressBand(text) : parseEesFigure(text);
	}

	private learn(column: number, text: string): number {
		const figure = this.parse(column, text);
		let e: number;
		if (figure === NOT_A_FIGURE) e = -1;
		else if (typeof figure === 'number') e = this.rangeProblem(column, figure) === null ? this.add(figure, null, String(figure)) : -1;
		else e = this.add(NaN, figure, JSON.stringify(figure));
		this.seen[column].set(text, e);
		return e;
	}

	private rangeProblem(column: number, value: number): string | null {
		const kind = this.kinds[column];
		return kind === null ? null : figureProblem(kind, value);
	}

	private add(value: number, code: string | null, json: string): number {
		this.values.push(value);
		this.codes.push(code);
		this.json.push(json);
		return this.values.length - 1;
	}
}
