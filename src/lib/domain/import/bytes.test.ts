import { describe, expect, it } from 'vitest';
import { binaryProblem, hasUtf8Bom } from './bytes';

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
