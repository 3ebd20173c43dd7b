import { describe, expect, it } from 'vitest';
import { checkReason } from './reason';

const MISSING = 'Enter why you are rolling back this import';

describe('checkReason', () => {
	it.each([
		{ raw: 'Wrong year: this is the 2024 file', expected: { ok: true, value: 'Wrong year: this is the 2024 file' } },
		{ raw: '  padded  ', expected: { ok: true, value: 'padded' } },
		{ raw: '', expected: { ok: false, message: MISSING } },
		{ raw: '   \n\t ', expected: { ok: false, message: MISSING } },
		{ raw: null, expected: { ok: false, message: MISSING } },
		{ raw: undefined, expected: { ok: false, message: MISSING } },
		{ raw: 'x'.repeat(1000), expected: { ok: true, value: 'x'.repeat(1000) } },
		{ raw: 'x'.repeat(1001), expected: { ok: false, message: 'The reason must be 1,000 characters or fewer' } }
	])('$raw', ({ raw, expected }) => {
		expect(checkReason(raw, MISSING)).toEqual(expected);
	});
});
