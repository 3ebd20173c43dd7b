import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface AppRoute {
	/** URL path with sample values put in for parameters. */
	path: string;
	/** Named form actions ('default' for an unnamed one) found in +page.server.ts. */
	actions: string[];
	/** True for +server.ts endpoints (no page). */
	endpoint: boolean;
	/** HTTP methods a +server.ts exports (GET for pages). */
	methods: string[];
}

/** Sample values for route parameters, so every page can be requested. */
const DEFAULT_SAMPLE: Record<string, string> = { urn: '190001', id: '1', year: '2026', framework: 'basic_skills' };

/**
 * Every route in src/routes, found from the files themselves, so a new page is covered by the
 * access tests without anyone remembering to list it.
 */
export function appRoutes(sample: Record<string, string> = {}, root = 'src/routes'): AppRoute[] {
	const SAMPLE = { ...DEFAULT_SAMPLE, ...sample };
	const routes: AppRoute[] = [];
	const walk = (dir: string) => {
		const files = readdirSync(dir);
		const page = files.includes('+page.svelte') || files.includes('+page.server.ts');
		const endpoint = files.includes('+server.ts');
		if (page || endpoint) {
			const rel = relative(root, dir)
				.split(sep)
				.filter((s) => s && !/^\(.*\)$/.test(s));
			const path = '/' + rel.map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)(?:=\w+)?\]$/, (_, name) => SAMPLE[name] ?? '1')).join('/');
			let actions: string[] = [];
			if (files.includes('+page.server.ts')) {
				const src = readFileSync(join(dir, '+page.server.ts'), 'utf8');
				const block = /export const actions[^=]*=\s*{([\s\S]*)};?\s*$/m.exec(src)?.[1] ?? '';
				actions = [...block.matchAll(/^\t(\w+):\s*async/gm)].map((m) => m[1]);
			}
			let methods = page ? ['GET'] : [];
			if (endpoint) {
				const src = readFileSync(join(dir, '+server.ts'), 'utf8');
				methods = [...new Set([...methods, ...[...src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1])])];
			}
			routes.push({ path, actions, endpoint: endpoint && !page, methods });
		}
		for (const f of files) {
			const full = join(dir, f);
			if (statSync(full).isDirectory()) walk(full);
		}
	};
	walk(root);
	return routes.sort((a, b) => a.path.localeCompare(b.path));
}
