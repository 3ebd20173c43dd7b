import iconv from 'iconv-lite';

/*
 * Windows-1252, the encoding GIAS writes. Node 20's TextDecoder('windows-1252') decodes it as
 * Latin-1, which turns 0x92 into an invisible control character instead of ’, so iconv-lite's
 * table is used instead. A single-byte encoding: any chunk of a file decodes on its own.
 */

/** Bytes to text. */
export function decodeCp1252(bytes: Uint8Array): string {
	return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252');
}

/** Text to bytes, for writing GIAS-style files; a character cp1252 cannot hold becomes '?'. */
export function encodeCp1252(text: string): Uint8Array {
	return iconv.encode(text, 'win1252');
}
