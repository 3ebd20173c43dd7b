import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryProblem, bytePlace, CONTROL_BYTES, firstControlByte, firstInvalidUtf8, hasUtf8Bom } from './bytes';

const text = (s: string) => new TextEncoder().encode(s);

describe('is this a text file?', () => {
	it('accepts CSV text, with or without a BOM', () => {
		expect(binaryProblem(text('RECTYPE,URN\r\n1,100000'))).toBeNull();
		expect(hasUtf8Bom(new Uint8Array([0xef, 0xbb, 0xbf, 0x52]))).toBe(true);
		expect(hasUtf8Bom(text('RECTYPE'))).toBe(false);
	});

	it('names an Excel workbook and says how to fix it', () => {
		expect(binaryProblem(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toMatch(/Excel workbook.*Save As/);
		expect(binaryProblem(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toMatch(/\.xls/);
	});

	it('refuses PDFs, gzip and anything with NUL bytes', () => {
		expect(binaryProblem(text('%PDF-1.7'))).toMatch(/PDF/);
		expect(binaryProblem(new Uint8Array([0x1f, 0x8b, 8]))).toMatch(/gzip/);
		expect(binaryProblem(new Uint8Array([0x41, 0x00, 0x42]))).toMatch(/binary data/);
	});
});

describe('the bytes of CSV text', () => {
	it('has no control characters but TAB, LF and CR, and no DEL', () => {
		const control = [...Array(256).keys()].filter((b) => CONTROL_BYTES[b] === 1);
		expect(control).toEqual([...[...Array(32).keys()].filter((b) => b !== 9 && b !== 10 && b !== 13), 0x7f]);
		expect(firstControlByte(text('a,b\tc\r\nd'))).toBe(-1);
		expect(firstControlByte(new Uint8Array([0x41, 0x0c, 0x42]))).toBe(1);
	});

	it('finds the first byte of invalid UTF-8 exactly where a strict decoder fails', { timeout: 30_000 }, () => {
		const bytes = fc.uint8Array({ maxLength: 40 }).map((b) => b.map((x) => (x < 0x80 && x > 0x7a ? 0xe2 : x)));
		const texts = fc.string({ unit: 'binary', maxLength: 20 }).map((s) => text(s));
		fc.assert(
			fc.property(
				fc.oneof(
					bytes,
					texts,
					fc.tuple(texts, fc.nat()).map(([t, n]) => t.subarray(0, n % (t.length + 1)))
				),
				(b) => {
					const at = firstInvalidUtf8(b);
					let valid = true;
					try {
						new TextDecoder('utf-8', { fatal: true }).decode(b);
					} catch {
						valid = false;
					}
					expect(at === -1).toBe(valid);
					if (at >= 0 && at < b.length) {
						// Valid up to there, and not from there.
						expect(firstInvalidUtf8(b.subarray(0, at))).toBe(-1);
					}
				}
			),
			{ numRuns: 3000 }
		);
		expect(firstInvalidUtf8(text('St Mary’s'))).toBe(-1);
		expect(firstInvalidUtf8(text('St Mary’s').subarray(0, 8))).toBe(8);
		expect(firstInvalidUtf8(new Uint8Array([0x41, 0x92, 0x42]))).toBe(1);
		expect(firstInvalidUtf8(new Uint8Array([0xc0, 0x80]))).toBe(0);
		expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
	});

	it('counts bytes as a person does', () => {
		expect(bytePlace(70_000)).toBe('byte 70,001');
	});
});
