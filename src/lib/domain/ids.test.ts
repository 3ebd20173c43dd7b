import { describe, expect, it } from 'vitest';
import { isRowId, MAX_ROW_ID } from './ids';

describe('isRowId', () => {
	it.each([
		[1, true],
		[100001, true],
		[MAX_ROW_ID, true],
		[MAX_ROW_ID + 1, false],
		[9_999_999_999, false],
		[0, false],
		[-4, false],
		[1.5, false],
		[Number.NaN, false],
		[Number.POSITIVE_INFINITY, false]
	])('%s is %s', (n, expected) => {
		expect(isRowId(n)).toBe(expected);
	});
});
