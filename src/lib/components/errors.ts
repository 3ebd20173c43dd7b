/** Turns { email: 'Enter…' } into the error summary's list, keeping form order; `prefix` starts each field's id. */
export function errorListOf(errors: Record<string, string | undefined>, prefix = ''): { field: string; message: string }[] {
	return Object.entries(errors)
		.filter((e): e is [string, string] => typeof e[1] === 'string')
		.map(([field, message]) => ({ field: prefix + field, message }));
}

/** A refused form's error summary: each field's problem, or the refusal's message when it names no field. */
export function refusalSummary(
	form: { message: string; errors?: Record<string, string> } | null | undefined,
	prefix = ''
): { field?: string; message: string }[] {
	if (!form) return [];
	const list = errorListOf(form.errors ?? {}, prefix);
	return list.length > 0 ? list : [{ message: form.message }];
}
