import { describe, expect, it } from 'vitest';
import { arrowTarget } from './keyboard';

describe('arrowTarget', () => {
	it.each<[string, number, number, number | null]>([
		['ArrowRight', 0, 5, 1],
		['ArrowDown', 3, 5, 4],
		['ArrowRight', 4, 5, 4],
		['ArrowLeft', 2, 5, 1],
		['ArrowUp', 0, 5, 0],
		['Home', 3, 5, 0],
		['End', 1, 5, 4],
		['Enter', 1, 5, null],
		['Tab', 1, 5, null],
		['ArrowRight', 0, 0, null]
	])('%s from %i of %i goes to %s', (key, index, count, target) => {
		expect(arrowTarget(key, index, count)).toBe(target);
	});
});
