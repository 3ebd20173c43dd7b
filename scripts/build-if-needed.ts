import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of anything the build depends on. */
function newestSource(paths: string[]): number {
	let newest = 0;
	const walk = (p: string) => {
		if (!existsSync(p)) return;
		const s = statSync(p);
		if (s.isDirectory()) for (const f of readdirSync(p)) walk(join(p, f));
		else newest = Math.max(newest, s.mtimeMs);
	};
	paths.forEach(walk);
	return newest;
}

/** Builds the app into build/ when it is missing or older than its source. False when the build failed. */
export function buildIfNeeded(): boolean {
	const built = 'build/index.js';
	const stale = !existsSync(built) || newestSource(['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json']) > statSync(built).mtimeMs;
	if (!stale) return true;
	console.log('Building the app (first start, or the source has changed)...');
	return spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' }).status === 0;
}
