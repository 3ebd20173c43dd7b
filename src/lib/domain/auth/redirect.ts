/**
 * Where to send someone after they sign in: a path on this site, never another site. The target
 * is resolved the way a browser resolves it (the WHATWG URL parser turns `\` into `/` and drops
 * tabs and newlines, so `/\evil.example` and `/<tab>/evil.example` both mean `//evil.example`),
 * and only a same-origin result is kept. Anything else goes to the overview.
 */
export function safeRedirectPath(target: string | null | undefined, origin: string): string {
	if (!target || !target.startsWith('/')) return '/';
	let url: URL;
	try {
		url = new URL(target, origin);
	} catch {
		return '/';
	}
	if (url.origin !== new URL(origin).origin) return '/';
	const path = `${url.pathname}${url.search}${url.hash}`;
	// A path that itself starts with // (or /\) would be read as another host by the next parser.
	return /^\/[/\\]/.test(path) ? '/' : path;
}
