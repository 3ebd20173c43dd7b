/** Problems from the server ({ path, message }) as a lookup by field, for inline error messages. */
export function errorsByPath(problems: readonly { path: string; message: string }[]): Record<string, string> {
	return Object.fromEntries(problems.filter((p) => p.path).map((p) => [p.path, p.message]));
}
