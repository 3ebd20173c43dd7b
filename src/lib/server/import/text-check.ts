// Changes here are on the import's hot path: check them with `npm run bench:import`.
import { isUtf8 } from 'node:buffer';
import {
	CONTROL_BYTES,
	CP1252_UNDEFINED,
	controlByteProblem,
	cp1252Problem,
	cutCharacterProblem,
	firstControlByte,
	firstInvalidUtf8,
	invalidUtf8Problem
} from '../../domain/import/bytes';

/** Where a file's bytes break the rules of text, and the problem in words. */
export interface ByteProblem {
	offset: number;
	message: string;
}

/** The most bytes `check` takes at once without copying; larger chunks are checked in pieces. */
export const CHECK_CHUNK = 1 << 16;

/**
 * Every byte of a file, checked as it is read, in the pass that reads it anyway:
 * - no control characters (see CONTROL_BYTES) anywhere;
 * - 'utf-8' (a file with a BOM): valid UTF-8 throughout, its last character whole;
 * - 'detect' (no BOM): UTF-8 if all of it is valid, else Windows-1252, in which case none of the
 *   bytes Windows-1252 leaves undefined. A file that is valid UTF-8 up to a character cut off at
 *   its very end is UTF-8 cut short, not Windows-1252.
 * `check` returns the first problem, after which the file is not worth reading further.
 */
export class TextCheck {
	/** A buffer to read chunks into: the control-byte scan reads it where it is, with no copy. */
	readonly buffer: Buffer;
	private readonly scan: ControlScan;
	private offset = 0;
	/** The start of a character cut off at the end of the last chunk (up to 3 bytes), kept for the next. */
	private readonly carry = new Uint8Array(4);
	private carryLength = 0;
	private utf8 = true;
	/** The first byte Windows-1252 leaves undefined, -1 for none yet ('detect' only). */
	private undefinedAt = -1;
	private undefinedByte = 0;

	constructor(private readonly mode: 'utf-8' | 'detect') {
		this.scan = controlScan();
		this.buffer = this.scan.buffer;
	}

	/** UTF-8 unless the text was found not to be ('detect'); final once `end` has been called. */
	get encoding(): 'utf-8' | 'windows-1252' {
		return this.utf8 ? 'utf-8' : 'windows-1252';
	}

	/** Checks the next bytes of the file. */
	check(bytes: Uint8Array): ByteProblem | null {
		for (let from = 0; from < bytes.length; from += CHECK_CHUNK) {
			const part = from === 0 && bytes.length <= CHECK_CHUNK ? bytes : bytes.subarray(from, from + CHECK_CHUNK);
			const problem = this.checkPart(part);
			if (problem) return problem;
		}
		return null;
	}

	/** Whatever only the end of the file shows: a character cut off, or (read as Windows-1252) an undefined byte. */
	end(): ByteProblem | null {
		if (this.utf8 && this.carryLength > 0) return { offset: this.offset - this.carryLength, message: cutCharacterProblem(this.offset - this.carryLength) };
		if (!this.utf8 && this.undefinedAt >= 0) return { offset: this.undefinedAt, message: cp1252Problem(this.undefinedAt, this.undefinedByte) };
		return null;
	}

	private checkPart(bytes: Uint8Array): ByteProblem | null {
		const start = this.offset;
		this.offset += bytes.length;
		const control = this.scan.first(bytes);
		if (control >= 0) return { offset: start + control, message: controlByteProblem(start + control, bytes[control]) };
		if (this.mode === 'detect' && this.undefinedAt < 0) this.findUndefined(bytes, start);
		if (!this.utf8) return null;
		const invalid = this.invalidUtf8(bytes);
		if (invalid === null) return null;
		if (this.mode === 'utf-8') return { offset: start + invalid, message: invalidUtf8Problem(start + invalid) };
		this.utf8 = false;
		return null;
	}

	private findUndefined(bytes: Uint8Array, start: number): void {
		for (const b of CP1252_UNDEFINED) {
			const at = bytes.indexOf(b);
			if (at >= 0 && (this.undefinedAt < 0 || start + at < this.undefinedAt)) {
				this.undefinedAt = start + at;
				this.undefinedByte = b;
			}
		}
	}

	/**
	 * Index in `bytes` (negative: in the carry before it) of the first byte of invalid UTF-8, or null
	 * when all is valid so far. A character cut off at the end is kept for the next chunk.
	 */
	private invalidUtf8(bytes: Uint8Array): number | null {
		let from = 0;
		if (this.carryLength > 0) {
			// Complete the character the last chunk cut off, and check it on its own.
			const need = sequenceLength(this.carry[0]) - this.carryLength;
			const take = Math.min(need, bytes.length);
			this.carry.set(bytes.subarray(0, take), this.carryLength);
			const joined = this.carry.subarray(0, this.carryLength + take);
			const bad = firstInvalidUtf8(joined);
			if (bad >= 0 && bad < joined.length) return bad - this.carryLength;
			if (take < need) {
				// Still not whole: the chunk was shorter than the rest of the character.
				this.carryLength += take;
				return null;
			}
			this.carryLength = 0;
			from = take;
		}
		const end = cutCharacterStart(bytes, from);
		if (!isUtf8(from === 0 && end === bytes.length ? bytes : bytes.subarray(from, end))) {
			return from + firstInvalidUtf8(bytes.subarray(from, end));
		}
		this.carry.set(bytes.subarray(end), 0);
		this.carryLength = bytes.length - end;
		return null;
	}
}

/** How many bytes a UTF-8 character starting with this byte has (1 for a byte that cannot start one: it is then invalid). */
function sequenceLength(b: number): number {
	return b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
}

/**
 * Where a character cut off at the end of bytes[from..] starts, or bytes.length when the last
 * character is whole (or is not valid: isUtf8 then says so).
 */
function cutCharacterStart(bytes: Uint8Array, from: number): number {
	const n = bytes.length;
	for (let k = 1; k <= 3 && n - k >= from; k++) {
		const b = bytes[n - k];
		if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
		return b >= 0xc2 && b <= 0xf4 && sequenceLength(b) > k ? n - k : n;
	}
	return n;
}

// ---------------------------------------------------------------- the control-byte scan

interface ControlScan {
	buffer: Buffer;
	/** Index of the first control byte in `bytes` (at most CHECK_CHUNK of them), or -1. */
	first(bytes: Uint8Array): number;
}

/**
 * Looks at 64 bytes at a time with WebAssembly's SIMD instructions: about 20 times faster than a
 * loop in JavaScript, which on a 200 MB file is the difference between a few milliseconds and a
 * few hundred. Each scan has its own memory (imports can run at the same time). Where WebAssembly
 * SIMD is missing, a loop over 32-bit words does the same.
 */
function controlScan(): ControlScan {
	const module = simdModule();
	if (module) {
		const instance = new WebAssembly.Instance(module);
		const memory = instance.exports.memory as WebAssembly.Memory;
		const scanBlocks = instance.exports.scan as (from: number, to: number) => number;
		// The memory never grows, so this view stays valid.
		const buffer = Buffer.from(memory.buffer, 0, CHECK_CHUNK);
		const view = new Uint8Array(memory.buffer);
		return {
			buffer,
			first(bytes) {
				if (bytes.buffer !== memory.buffer || bytes.byteOffset !== 0) view.set(bytes, 0);
				const n = bytes.length;
				const whole = n & ~63;
				// The block with a control byte in it, then the byte itself; the last few bytes one by one.
				for (let block = scanBlocks(0, whole); block < whole; block = scanBlocks(block + 64, whole)) {
					const at = firstControlByte(view, block, block + 64);
					if (at >= 0) return at;
				}
				return firstControlByte(view, whole, n);
			}
		};
	}
	return { buffer: Buffer.allocUnsafe(CHECK_CHUNK), first: firstControlByteByWords };
}

/** firstControlByte, 4 bytes at a time: most words have no byte below 0x20 and no 0x7F. */
export function firstControlByteByWords(bytes: Uint8Array): number {
	const n = bytes.length;
	const aligned = bytes.byteOffset % 4 === 0;
	const words = aligned ? new Int32Array(bytes.buffer, bytes.byteOffset, n >> 2) : null;
	let i = 0;
	if (words) {
		for (let w = 0; w < words.length; w++) {
			const x = words[w];
			const low = (x - 0x20202020) & ~x & 0x80808080;
			const y = x ^ 0x7f7f7f7f;
			const del = (y - 0x01010101) & ~y & 0x80808080;
			if ((low | del) !== 0) {
				const at = firstControlByte(bytes, w * 4, w * 4 + 4);
				if (at >= 0) return at;
			}
		}
		i = words.length * 4;
	}
	for (; i < n; i++) if (CONTROL_BYTES[bytes[i]] === 1) return i;
	return -1;
}

let compiled: WebAssembly.Module | null | undefined;

/** The scan as WebAssembly, compiled once; null where WebAssembly SIMD is not available. */
function simdModule(): WebAssembly.Module | null {
	if (compiled !== undefined) return compiled;
	try {
		const bytes = scanModuleBytes();
		compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
	} catch {
		compiled = null;
	}
	return compiled;
}

/**
 * The module, assembled here so its source stays readable. In the text format:
 *
 *   (module
 *     (memory (export "memory") 2)
 *     (func (export "scan") (param $from i32) (param $to i32) (result i32)
 *       (local $low v128) (local $high v128) (local $x10 v128) (local $del v128) (local $v v128)
 *       (local.set $low (v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 -1 0 0 -1 -1 0 -1 -1))  ;; bad below 0x10: all but TAB, LF, CR
 *       (local.set $high (i8x16 0xF0)) (local.set $x10 (i8x16 0x10)) (local.set $del (i8x16 0x7F))
 *       (block $done
 *         (loop $next
 *           (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
 *           (if (v128.any_true (v128.or (v128.or (BAD 0) (BAD 16)) (v128.or (BAD 32) (BAD 48))))
 *             (then (return (local.get $from))))
 *           (local.set $from (i32.add (local.get $from) (i32.const 64)))
 *           (br $next)))
 *       (local.get $to)))
 *
 * where (BAD k), for the 16 bytes at $from + k, is
 *
 *   (local.set $v (v128.load offset=k (local.get $from)))
 *   (v128.or (v128.or (i8x16.swizzle (local.get $low) (local.get $v))              ;; 0x00-0x0F by table (0 for 0x10 and up)
 *                     (i8x16.eq (v128.and (local.get $v) (local.get $high)) (local.get $x10)))  ;; 0x10-0x1F
 *            (i8x16.eq (local.get $v) (local.get $del)))                           ;; 0x7F
 *
 * `scan(from, to)`, for a multiple of 64 bytes, returns the offset of the first 64-byte block
 * holding a control byte, or `to` when there is none. The constants live in locals and four
 * blocks share a test: V8 first runs the module as compiled by its quick compiler, which does
 * neither for it.
 */
function scanModuleBytes(): Uint8Array<ArrayBuffer> {
	const get = (i: number) => [0x20, i];
	const set = (i: number) => [0x21, i];
	const constant = (lanes: number[]) => [0xfd, 0x0c, ...lanes]; // v128.const
	const splat = (b: number) => constant(new Array<number>(16).fill(b));
	const [from, to, low, high, x10, del, v] = [0, 1, 2, 3, 4, 5, 6];
	const or = [0xfd, 0x50]; // v128.or
	const eq = [0xfd, 0x23]; // i8x16.eq
	const bad = (offset: number) => [
		...get(from),
		0xfd,
		0x00,
		0x00,
		offset,
		...set(v), // v128.load offset=k
		...get(low),
		...get(v),
		0xfd,
		0x0e, // i8x16.swizzle
		...get(v),
		...get(high),
		0xfd,
		0x4e,
		...get(x10),
		...eq, // v128.and, i8x16.eq
		...or,
		...get(v),
		...get(del),
		...eq,
		...or
	];
	const table = Array.from({ length: 16 }, (_, b) => (b === 0x09 || b === 0x0a || b === 0x0d ? 0x00 : 0xff));
	const body = [
		0x01,
		0x05,
		0x7b, // five locals: v128
		...constant(table),
		...set(low),
		...splat(0xf0),
		...set(high),
		...splat(0x10),
		...set(x10),
		...splat(0x7f),
		...set(del),
		0x02,
		0x40, // block
		0x03,
		0x40, // loop
		...get(from),
		...get(to),
		0x4f,
		0x0d,
		0x01, // br_if $done (from >= to)
		...bad(0),
		...bad(16),
		...or,
		...bad(32),
		...bad(48),
		...or,
		...or,
		0xfd,
		0x53, // v128.any_true
		0x04,
		0x40,
		...get(from),
		0x0f,
		0x0b, // if: return from
		...get(from),
		0x41,
		0xc0,
		0x00,
		0x6a,
		...set(from), // from += 64
		0x0c,
		0x00, // br $next
		0x0b,
		0x0b, // end loop, end block
		...get(to),
		0x0b
	];
	const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
	const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
	return new Uint8Array([
		0x00,
		0x61,
		0x73,
		0x6d,
		0x01,
		0x00,
		0x00,
		0x00,
		...section(1, [0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]), // type: (i32, i32) -> i32
		...section(3, [0x01, 0x00]), // one function of that type
		...section(5, [0x01, 0x00, 0x02]), // memory: 2 pages (128 KB), no maximum
		...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('scan'), 0x00, 0x00]),
		...section(10, [0x01, ...leb(body.length), ...body])
	]);
}

function leb(n: number): number[] {
	const out: number[] = [];
	do {
		let b = n & 0x7f;
		n >>>= 7;
		if (n !== 0) b |= 0x80;
		out.push(b);
	} while (n !== 0);
	return out;
}
