/**
 * Default upload limit: an England-wide ks2final file is about 21 MB, the full GIAS download about
 * 60 MB, and EES's school performance data set for three years about 200 MB.
 */
export const DEFAULT_MAX_BYTES = 320 * 1024 * 1024;

/** The largest file an import accepts: IMPORT_MAX_BYTES (bytes, or with a K, M or G suffix). */
export function importMaxBytes(env: string | undefined = process.env.IMPORT_MAX_BYTES): number {
	const m = /^\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*$/i.exec(env ?? '');
	if (!m) return DEFAULT_MAX_BYTES;
	const scale = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
	return Math.floor(Number(m[1]) * scale);
}
