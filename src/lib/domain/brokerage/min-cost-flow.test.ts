import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/demo/random';
import { MinCostFlow } from './min-cost-flow';

/** The best assignment by trying every one: most schools matched, then least cost. */
function bruteForce(costs: (number | null)[][], capacity: number[]): { flow: number; cost: number } {
	let best = { flow: 0, cost: 0 };
	const used = capacity.map(() => 0);
	const visit = (i: number, flow: number, cost: number) => {
		if (i === costs.length) {
			if (flow > best.flow || (flow === best.flow && cost < best.cost)) best = { flow, cost };
			return;
		}
		visit(i + 1, flow, cost);
		costs[i].forEach((c, j) => {
			if (c === null || used[j] >= capacity[j]) return;
			used[j]++;
			visit(i + 1, flow + 1, cost + c);
			used[j]--;
		});
	};
	visit(0, 0, 0);
	return best;
}

function solve(costs: (number | null)[][], capacity: number[]): { flow: number; cost: number } {
	const n = costs.length;
	const sink = 1 + n + capacity.length;
	const flow = new MinCostFlow(sink + 1);
	costs.forEach((row, i) => {
		flow.addEdge(0, 1 + i, 1, 0);
		row.forEach((c, j) => {
			if (c !== null) flow.addEdge(1 + i, 1 + n + j, 1, c);
		});
	});
	capacity.forEach((cap, j) => flow.addEdge(1 + n + j, sink, cap, 0));
	return flow.run(0, sink);
}

describe('MinCostFlow', () => {
	it('matches more schools rather than give the first its cheapest supporter', () => {
		// School 0 could take either supporter, and supporter 0 is cheaper for it; school 1 can only take supporter 0.
		expect(
			solve(
				[
					[1, 5],
					[2, null]
				],
				[1, 1]
			)
		).toEqual({ flow: 2, cost: 7 });
	});

	it('respects each supporter’s capacity', () => {
		expect(solve([[1], [1], [1]], [2])).toEqual({ flow: 2, cost: 2 });
	});

	it('agrees with trying every assignment on 300 small random cases', () => {
		const random = seededRandom(18);
		for (let round = 0; round < 300; round++) {
			const schools = 1 + Math.floor(random() * 5);
			const supporters = 1 + Math.floor(random() * 3);
			const costs = Array.from({ length: schools }, () => Array.from({ length: supporters }, () => (random() < 0.3 ? null : Math.floor(random() * 50))));
			const capacity = Array.from({ length: supporters }, () => 1 + Math.floor(random() * 2));
			expect(solve(costs, capacity), JSON.stringify({ costs, capacity })).toEqual(bruteForce(costs, capacity));
		}
	});
});
