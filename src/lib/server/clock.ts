/** One place to read the time, so stored timestamps share a format. */
export function nowIso(): string {
	return new Date().toISOString();
}
