import { describe, expect, it } from 'vitest';
import { decodeCp1252, encodeCp1252 } from './cp1252';

describe('Windows-1252', () => {
	it('decodes 0x92 as ’ (Latin-1 would give an invisible control character)', () => {
		expect(decodeCp1252(new Uint8Array([0x53, 0x74, 0x20, 0x4d, 0x61, 0x72, 0x79, 0x92, 0x73]))).toBe('St Mary’s');
		expect(decodeCp1252(new Uint8Array([0x80, 0x93, 0x94, 0x96]))).toBe('€“”–');
	});

	it('decodes the upper half as Latin-1 does: à, °, ô from the GIAS links file', () => {
		expect(decodeCp1252(new Uint8Array([0xe0, 0xb0, 0xf4]))).toBe('à°ô');
	});

	it('round-trips text GIAS can hold, and marks what it cannot', () => {
		const text = 'St Thomas à Becket, North Star 82°, St John’s “Church” – 100€';
		expect(decodeCp1252(encodeCp1252(text))).toBe(text);
		expect(decodeCp1252(encodeCp1252('Ysgol 😀'))).toBe('Ysgol ??');
	});

	it('decodes a large chunk in one go', () => {
		const bytes = new Uint8Array(100_000).fill(0x92);
		expect(decodeCp1252(bytes)).toBe('’'.repeat(100_000));
	});
});
