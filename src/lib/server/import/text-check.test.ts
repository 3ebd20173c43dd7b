import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstControlByte } from '../../domain/import/bytes';
import { encodeCp1252 } from '../../domain/import/cp1252';
import { CHECK_CHUNK, firstControlByteByWords, TextCheck } from './text-check';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Runs a whole file through a check, cut into chunks of these sizes in turn. */
function checked(mode: 'utf-8' | 'detect', bytes: Uint8Array, sizes: number[] = [CHECK_CHUNK]) {
	const check = new TextCheck(mode);
	for (let at = 0, i = 0; at < bytes.length; at += sizes[i++ % sizes.length]) {
		const problem = check.check(bytes.subarray(at, at + sizes[i % sizes.length]));
		if (problem) return { problem, encoding: check.encoding };
	}
	return { problem: check.end(), encoding: check.encoding };
}

const chunkSizes = fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 5 });

describe('checking every byte of a file as it is read', () => {
	it('finds the first control byte anywhere, in any chunking, with the 16-byte scan and the word scan alike', () => {
		const printable = fc.integer({ min: 0x20, max: 0x7e });
		const anyByte = fc.integer({ min: 0, max: 255 });
		const file = fc
			.array(fc.oneof({ weight: 300, arbitrary: printable }, { weight: 1, arbitrary: anyByte }, { weight: 20, arbitrary: fc.constantFrom(9, 10, 13) }), {
				maxLength: 3000
			})
			.map((a) => Uint8Array.from(a));
		const sizes = fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 5 });
		fc.assert(
			fc.property(file, sizes, (bytes, sizes) => {
				const expected = firstControlByte(bytes);
				expect(firstControlByteByWords(bytes)).toBe(expected);
				const { problem } = checked('detect', bytes, sizes);
				const control = problem && /control character/.test(problem.message) ? problem.offset : -1;
				expect(control).toBe(expected);
			}),
			{ numRuns: 500 }
		);
	}, 30_000);

	it('names the byte and says the file may be damaged', () => {
		const bytes = new Uint8Array(200_000).fill(0x41);
		bytes[150_000] = 0;
		expect(checked('utf-8', bytes).problem).toEqual({
			offset: 150_000,
			message: expect.stringMatching(/control character \(0x00\) at byte 150,001.*damaged or cut short/)
		});
		// Wherever it is in a whole read chunk: the first or last of a block, or in the bytes after the last whole block.
		for (const at of [0, 15, 16, 63, 64, 127, 65_000, CHECK_CHUNK - 64, CHECK_CHUNK - 63, CHECK_CHUNK - 1]) {
			for (const byte of [0x00, 0x08, 0x0b, 0x0c, 0x0e, 0x1f, 0x7f]) {
				const chunk = new Uint8Array(CHECK_CHUNK).fill(0x41);
				chunk[at] = byte;
				chunk[CHECK_CHUNK - 1 - (at % 7)] = [0x09, 0x0a, 0x0d][at % 3];
				if (chunk[at] !== byte) continue;
				expect(checked('detect', chunk).problem?.offset).toBe(at);
			}
		}
	});

	it('with a BOM, refuses invalid UTF-8 anywhere, and a character cut off at the end, whatever the chunks', () => {
		const text = utf8(`RECTYPE,SCHNAME\r\n${'1,St Mary’s\r\n'.repeat(50)}`);
		fc.assert(
			fc.property(chunkSizes, fc.nat(text.length - 1), (sizes, at) => {
				expect(checked('utf-8', text, sizes).problem).toBeNull();
				const bad = text.slice();
				bad[at] = 0xff; // never valid in UTF-8
				const { problem } = checked('utf-8', bad, sizes);
				expect(problem?.message).toMatch(/not valid UTF-8 at byte|ends part-way through a character/);
				expect(problem!.offset).toBeLessThanOrEqual(at);
				const cut = checked('utf-8', text.subarray(0, text.lastIndexOf(0x99) /* inside the last ’ */), sizes).problem;
				expect(cut?.message).toMatch(/ends part-way through a character .*cut short/);
			}),
			{ numRuns: 300 }
		);
	}, 30_000);

	it('agrees with a strict decoder on whether a file is UTF-8, however it is cut into chunks', () => {
		const piece = fc.oneof(
			// eslint-disable-next-line no-control-regex -- the test replaces control characters on purpose
			fc.string({ unit: 'binary', maxLength: 6 }).map((t) => Array.from(utf8(t.replace(/[\x00-\x1f\x7f]/g, 'a')))),
			fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 3 })
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 30 }), chunkSizes, (pieces, sizes) => {
				const bytes = Uint8Array.from(pieces.flat());
				let valid = true;
				try {
					new TextDecoder('utf-8', { fatal: true }).decode(bytes);
				} catch {
					valid = false;
				}
				const { problem, encoding } = checked('detect', bytes, sizes);
				expect(checked('utf-8', bytes, sizes).problem === null).toBe(valid);
				if (problem === null) expect(encoding).toBe(valid ? 'utf-8' : 'windows-1252');
			}),
			{ numRuns: 300 }
		);
	}, 30_000);

	it('without a BOM, takes valid UTF-8 as UTF-8 and anything else as Windows-1252, but not with a byte Windows-1252 does not define', () => {
		expect(checked('detect', utf8('URN,Name\r\n1,St Mary’s'))).toEqual({ problem: null, encoding: 'utf-8' });
		const cp1252 = encodeCp1252('URN,Name\r\n1,St Mary’s\r\n2,Café');
		expect(checked('detect', cp1252, [3, 5])).toEqual({ problem: null, encoding: 'windows-1252' });
		for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
			const bytes = Uint8Array.from([...cp1252, 0x2c, b, 0x41]);
			expect(checked('detect', bytes, [7]).problem).toEqual({
				offset: cp1252.length + 1,
				message: expect.stringMatching(/read as Windows-1252, but byte \d+ .* is not a character in Windows-1252/)
			});
		}
		// 0x81 inside a valid UTF-8 character earlier in the file counts, once the file turns out not to be UTF-8.
		const mixed = Uint8Array.from([...utf8('Á,'), ...cp1252]);
		expect(checked('detect', mixed, [2]).problem?.offset).toBe(1);
		// UTF-8 cut off in the middle of its last character is UTF-8 cut short, not Windows-1252.
		const cut = utf8('URN,Name\r\n1,St Mary’s');
		expect(checked('detect', cut.subarray(0, cut.length - 2)).problem?.message).toMatch(/cut short/);
	});
});
