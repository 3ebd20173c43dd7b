/**
 * Minimum-cost maximum flow by successive shortest paths, with Dijkstra on reduced costs (Johnson
 * potentials). Brokerage uses it for an assignment with capacities: source → each school needing
 * support (capacity 1) → each school that may support it (capacity 1, the pair's cost) → sink
 * (capacity: how many that supporter may take). The answer matches as many schools as can be matched
 * and, among the ways to match that many, has the least total cost.
 *
 * Costs must be non-negative whole numbers no larger than Number.MAX_SAFE_INTEGER allows in sum.
 * Deterministic: the same graph, built in the same order, always gives the same flow. Dijkstra breaks
 * ties by node number, and callers number nodes in URN order.
 */
export class MinCostFlow {
	private readonly to: number[] = [];
	private readonly cap: number[] = [];
	private readonly cost: number[] = [];
	/** Edges leaving each node, by index; an edge's reverse is index ^ 1. */
	private readonly out: number[][];

	constructor(readonly nodes: number) {
		this.out = Array.from({ length: nodes }, () => []);
	}

	/** Adds an edge and its residual twin; returns the edge's index, for `flowOn`. */
	addEdge(from: number, to: number, capacity: number, cost: number): number {
		const index = this.to.length;
		this.to.push(to, from);
		this.cap.push(capacity, 0);
		this.cost.push(cost, -cost);
		this.out[from].push(index);
		this.out[to].push(index + 1);
		return index;
	}

	/** How much flows along an edge added by `addEdge`. */
	flowOn(edge: number): number {
		return this.cap[edge + 1];
	}

	/** Sends as much flow as possible from `source` to `sink` at the least cost; returns the flow and its cost. */
	run(source: number, sink: number): { flow: number; cost: number } {
		const n = this.nodes;
		const potential = new Float64Array(n);
		const dist = new Float64Array(n);
		const viaEdge = new Int32Array(n);
		let flow = 0;
		let total = 0;
		for (;;) {
			dist.fill(Infinity);
			viaEdge.fill(-1);
			dist[source] = 0;
			const heap = new Heap();
			heap.push(0, source);
			while (heap.size > 0) {
				const [d, u] = heap.pop();
				if (d > dist[u]) continue;
				for (const e of this.out[u]) {
					if (this.cap[e] <= 0) continue;
					const v = this.to[e];
					const nd = d + this.cost[e] + potential[u] - potential[v];
					if (nd < dist[v]) {
						dist[v] = nd;
						viaEdge[v] = e;
						heap.push(nd, v);
					}
				}
			}
			if (dist[sink] === Infinity) break;
			for (let v = 0; v < n; v++) if (dist[v] < Infinity) potential[v] += dist[v];
			let push = Infinity;
			for (let v = sink; v !== source; v = this.to[viaEdge[v] ^ 1]) push = Math.min(push, this.cap[viaEdge[v]]);
			for (let v = sink; v !== source; v = this.to[viaEdge[v] ^ 1]) {
				const e = viaEdge[v];
				this.cap[e] -= push;
				this.cap[e ^ 1] += push;
				total += push * this.cost[e];
			}
			flow += push;
		}
		return { flow, cost: total };
	}
}

/** A binary heap of (distance, node), smallest distance first, then smallest node. */
class Heap {
	private readonly keys: number[] = [];
	private readonly nodes: number[] = [];

	get size(): number {
		return this.keys.length;
	}

	private less(i: number, j: number): boolean {
		return this.keys[i] < this.keys[j] || (this.keys[i] === this.keys[j] && this.nodes[i] < this.nodes[j]);
	}

	private swap(i: number, j: number): void {
		[this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
		[this.nodes[i], this.nodes[j]] = [this.nodes[j], this.nodes[i]];
	}

	push(key: number, node: number): void {
		this.keys.push(key);
		this.nodes.push(node);
		for (let i = this.keys.length - 1; i > 0;) {
			const parent = (i - 1) >> 1;
			if (!this.less(i, parent)) break;
			this.swap(i, parent);
			i = parent;
		}
	}

	pop(): [number, number] {
		const top: [number, number] = [this.keys[0], this.nodes[0]];
		const lastKey = this.keys.pop() as number;
		const lastNode = this.nodes.pop() as number;
		if (this.keys.length > 0) {
			this.keys[0] = lastKey;
			this.nodes[0] = lastNode;
			for (let i = 0; ;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < this.keys.length && this.less(l, m)) m = l;
				if (r < this.keys.length && this.less(r, m)) m = r;
				if (m === i) break;
				this.swap(i, m);
				i = m;
			}
		}
		return top;
	}
}
