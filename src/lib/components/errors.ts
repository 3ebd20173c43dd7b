/** Turns { email: 'Enter…' } into the error summary's list, keeping form order. */
export function errorListOf(errors: Record<string, string | undefined>): { field: string; message: string }[] {
	return Object.entries(errors)
		.filter((e): e is [string, string] => typeof e[1] === 'string')
		.map(([field, message]) => ({ field, message }));
}
