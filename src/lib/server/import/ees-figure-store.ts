// Changes here are on the import's hot path: check them with `npm run bench:import`.
import { EES_MEASURES } from '../../domain/import/ees-layout';

/** What the store needs of an EesCellReader: each entry's JSON, and whether it can be left off the end of a row. */
export interface EesCells {
	json: readonly string[];
	trailing(e: number): boolean;
}

const MEASURES = EES_MEASURES.length;
const BLOCK_ROWS = 4096;
/** A cell entry that does not fit in 16 bits is kept in `wide`, keyed by its place. */
const WIDE = 0xffff;

/**
 * Every row of an EES performance file, kept for display until the write: a million rows as a
 * few flat arrays of small integers (the row's group, its labels and each cell's entry in the
 * EesCellReader) rather than a million arrays of strings for the garbage collector to trace.
 * A group is one school (or area) in one year; its labels are breakdown and subject (for areas,
 * establishment type first).
 */
export class EesFigureStore {
	length = 0;
	private readonly groupBlocks: Uint32Array[] = [];
	private readonly rowBlocks: Uint32Array[] = [];
	private readonly labelBlocks: Uint16Array[] = [];
	private readonly cellBlocks: Uint16Array[] = [];
	private readonly wide = new Map<number, number>();
	/** Rows in group order, once `group` has run: group g is order[start[g]] to order[start[g + 1] - 1]. */
	private start: Uint32Array | null = null;
	private order: Uint32Array | null = null;

	constructor(private readonly levels: number) {}

	/** Keeps one row. `labels` holds `levels` label numbers; `entries` one cell entry per EES_MEASURES. */
	add(group: number, labels: readonly number[], entries: readonly number[], rowNumber: number): void {
		const at = this.length % BLOCK_ROWS;
		if (at === 0) {
			this.groupBlocks.push(new Uint32Array(BLOCK_ROWS));
			this.rowBlocks.push(new Uint32Array(BLOCK_ROWS));
			this.labelBlocks.push(new Uint16Array(BLOCK_ROWS * this.levels));
			this.cellBlocks.push(new Uint16Array(BLOCK_ROWS * MEASURES));
		}
		const b = this.groupBlocks.length - 1;
		this.groupBlocks[b][at] = group;
		this.rowBlocks[b][at] = rowNumber;
		for (let l = 0; l < this.levels; l++) this.labelBlocks[b][at * this.levels + l] = labels[l];
		const cells = this.cellBlocks[b];
		for (let m = 0; m < MEASURES; m++) {
			const e = entries[m];
			if (e >= WIDE) this.wide.set(this.length * MEASURES + m, e);
			cells[at * MEASURES + m] = e >= WIDE ? WIDE : e;
		}
		this.length++;
	}

	/** Sorts the rows by group (a counting sort: rows keep their file order within a group). */
	group(groups: number): void {
		const start = new Uint32Array(groups + 1);
		for (let r = 0; r < this.length; r++) start[this.groupOf(r) + 1]++;
		for (let g = 0; g < groups; g++) start[g + 1] += start[g];
		const next = start.slice(0, groups);
		const order = new Uint32Array(this.length);
		for (let r = 0; r < this.length; r++) order[next[this.groupOf(r)]++] = r;
		this.start = start;
		this.order = order;
	}

	/**
	 * Rows that repeat an earlier row's group and labels: [the repeat's row number, the first's].
	 * Call `group` first.
	 */
	*duplicates(groups: number): Generator<{ row: number; first: number; group: number; labels: number[] }> {
		const firstOf = new Map<number, number>();
		for (let g = 0; g < groups; g++) {
			firstOf.clear();
			for (let i = this.start![g]; i < this.start![g + 1]; i++) {
				const r = this.order![i];
				const key = this.labelKey(r);
				const first = firstOf.get(key);
				if (first === undefined) firstOf.set(key, this.rowNumberOf(r));
				else yield { row: this.rowNumberOf(r), first, group: g, labels: this.labelsOf(r) };
			}
		}
	}

	/**
	 * A group's figures as JSON, nested by label in the order they first appear:
	 * {"Total": {"Reading": [93, 47, 108, "z", "z", "z", 0]}}, each array in EES_MEASURES order
	 * and cut after its last figure (see cellsJson). `labelJson[level][n]` is label n of that level
	 * as a JSON string.
	 */
	json(group: number, labelJson: readonly (readonly string[])[], cells: EesCells): string {
		const tree = new Map<number, unknown>();
		for (let i = this.start![group]; i < this.start![group + 1]; i++) {
			const r = this.order![i];
			const labels = this.labelBlocks[Math.floor(r / BLOCK_ROWS)];
			const base = (r % BLOCK_ROWS) * this.levels;
			let node = tree;
			for (let l = 0; l < this.levels - 1; l++) {
				let child = node.get(labels[base + l]) as Map<number, unknown> | undefined;
				if (!child) node.set(labels[base + l], (child = new Map()));
				node = child;
			}
			node.set(labels[base + this.levels - 1], this.cellsJson(r, cells));
		}
		const write = (node: Map<number, unknown>, level: number): string => {
			const parts: string[] = [];
			for (const [label, child] of node)
				parts.push(`${labelJson[level][label]}:${level === this.levels - 1 ? child : write(child as Map<number, unknown>, level + 1)}`);
			return `{${parts.join(',')}}`;
		};
		return write(tree, 0);
	}

	/** A row's cells as a JSON array, less any `z` (not applicable) or absent cells at its end. */
	private cellsJson(r: number, cells: EesCells): string {
		const block = this.cellBlocks[Math.floor(r / BLOCK_ROWS)];
		const base = (r % BLOCK_ROWS) * MEASURES;
		const entry = (m: number) => (block[base + m] === WIDE ? this.wide.get(r * MEASURES + m)! : block[base + m]);
		let end = MEASURES;
		while (end > 0 && cells.trailing(entry(end - 1))) end--;
		let out = '[';
		for (let m = 0; m < end; m++) out += (m > 0 ? ',' : '') + cells.json[entry(m)];
		return out + ']';
	}

	private groupOf(r: number): number {
		return this.groupBlocks[Math.floor(r / BLOCK_ROWS)][r % BLOCK_ROWS];
	}

	private rowNumberOf(r: number): number {
		return this.rowBlocks[Math.floor(r / BLOCK_ROWS)][r % BLOCK_ROWS];
	}

	/** The row's labels as one number, to compare rows: 16 bits a level, so up to three levels stay exact. */
	private labelKey(r: number): number {
		const block = this.labelBlocks[Math.floor(r / BLOCK_ROWS)];
		const base = (r % BLOCK_ROWS) * this.levels;
		let key = 0;
		for (let l = 0; l < this.levels; l++) key = key * 65536 + block[base + l];
		return key;
	}

	private labelsOf(r: number): number[] {
		const block = this.labelBlocks[Math.floor(r / BLOCK_ROWS)];
		const base = (r % BLOCK_ROWS) * this.levels;
		return Array.from(block.subarray(base, base + this.levels));
	}
}
