// npm run triage -- <command> runs this launcher. It runs scripts/triage.ts compiled by esbuild
// into build/cli/ (an entry file and the chunks it loads on demand), and recompiles it first when
// any source is newer, so nobody has to remember a build step. Through tsx, compiling on the fly
// and loading kysely's ~280 ES modules took longer than importing an England-sized file.
// Plain JavaScript, so node runs it as is.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'build', 'cli', 'triage.mjs');
const CHUNKS = join(ROOT, 'build', 'cli', 'chunks');
/** Everything the CLI is built from. A directory's own mtime changes when a file is added or removed. */
const SOURCES = ['scripts', 'src/lib', 'db/migrations', 'package.json', 'package-lock.json'];
/**
 * Packages compiled into the bundle. kysely is plain JavaScript in ~280 small ES modules: node
 * takes ~0.4 s to load them one by one, and ~0.03 s to load them as part of the bundle.
 */
const BUNDLED = ['kysely'];

/**
 * The newest mtime (ms) under `path`, directories included; 0 if it does not exist.
 * @param {string} path
 * @returns {number}
 */
function newestMtime(path) {
	let stat;
	try {
		stat = statSync(path);
	} catch {
		return 0;
	}
	let newest = stat.mtimeMs;
	if (stat.isDirectory()) {
		for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

/**
 * The first line of BUNDLE. Source paths are compiled in (see keepImportMetaUrl), so a bundle
 * built in another folder, say before the checkout was moved or copied, must be rebuilt.
 */
const BANNER = `// Compiled from ${JSON.stringify(ROOT)} by scripts/triage.mjs. Do not edit.`;

/** The bundle's mtime (ms), or -1 when there is none, or none built here. */
function bundleMtime() {
	try {
		if (!readFileSync(BUNDLE, 'utf8').startsWith(BANNER)) return -1;
		return statSync(BUNDLE).mtimeMs;
	} catch {
		return -1;
	}
}

/**
 * Under tsx each module's import.meta.url is its own file. In one bundle it would be the bundle's,
 * so code that finds files next to itself (migrate.ts finds db/migrations) would look in build/.
 * This keeps the source file's own URL, which is right because the bundle never leaves the checkout.
 * @type {import('esbuild').Plugin}
 */
const keepImportMetaUrl = {
	name: 'keep-import-meta-url',
	setup(build) {
		build.onLoad({ filter: /\.(ts|js|mjs)$/ }, (args) => {
			if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
			const text = readFileSync(args.path, 'utf8');
			/** @type {Record<string, string>} */
			const meta = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path };
			const contents = text.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => JSON.stringify(meta[key]));
			return { contents, loader: extname(args.path) === '.ts' ? 'ts' : 'js' };
		});
	}
};

/**
 * Packages stay in node_modules and node loads them itself (better-sqlite3 and argon2 are native),
 * except those in BUNDLED.
 * @returns {string[]}
 */
function externalPackages() {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !BUNDLED.includes(n));
	return names.flatMap((n) => [n, `${n}/*`]);
}

/**
 * Writes `contents` to `path` through a temporary file and a rename, so a CLI run starting at the
 * same moment sees the old file or the new one, never half of one.
 * @param {string} path
 * @param {Uint8Array} contents
 * @param {number} [mtimeSeconds]
 */
function replaceFile(path, contents, mtimeSeconds) {
	const temporary = join(CHUNKS, `.${process.pid}.tmp`);
	writeFileSync(temporary, contents);
	if (mtimeSeconds !== undefined) utimesSync(temporary, mtimeSeconds, mtimeSeconds);
	renameSync(temporary, path);
}

/**
 * Compiles scripts/triage.ts into BUNDLE, plus a chunk for each part the CLI loads only when
 * needed (the importer, the planner...), so a command does not load every other command's
 * packages. Chunks are written first and BUNDLE, which names them, last.
 * @param {number} sourcesNewest the newest source mtime (ms) seen before building
 */
async function build(sourcesNewest) {
	const startedMs = Date.now();
	const esbuild = await import('esbuild');
	const result = await esbuild.build({
		absWorkingDir: ROOT,
		entryPoints: ['scripts/triage.ts'],
		outdir: dirname(BUNDLE),
		outExtension: { '.js': '.mjs' },
		chunkNames: 'chunks/[name]-[hash]',
		bundle: true,
		splitting: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		external: externalPackages(),
		banner: { js: BANNER },
		plugins: [keepImportMetaUrl],
		write: false,
		logLevel: 'silent'
	});
	const entry = result.outputFiles.find((f) => f.path === BUNDLE);
	if (!entry) throw new Error(`esbuild did not produce ${BUNDLE}.`);
	const chunks = result.outputFiles.filter((f) => f !== entry);
	mkdirSync(CHUNKS, { recursive: true });
	for (const chunk of chunks) replaceFile(chunk.path, chunk.contents);
	// Stamped with the build's start, not its end: a file saved while esbuild ran is newer and is
	// picked up next time. Never older than the sources seen, in case a clock is ahead.
	replaceFile(BUNDLE, entry.contents, Math.max(startedMs, sourcesNewest + 1) / 1000);
	// Chunks of earlier builds (and temporary files of an interrupted build) are not needed once
	// any run that started before this build has surely loaded what it needs.
	const current = new Set(chunks.map((c) => c.path));
	for (const name of readdirSync(CHUNKS)) {
		const path = join(CHUNKS, name);
		if (!current.has(path) && statSync(path).mtimeMs < startedMs - 3_600_000) rmSync(path, { force: true });
	}
}

const sourcesNewest = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
if (bundleMtime() < sourcesNewest) {
	try {
		await build(sourcesNewest);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		console.error(`The triage CLI could not be compiled into ${relative(process.cwd(), BUNDLE)}:\n${message}`);
		process.exit(1);
	}
}
await import(pathToFileURL(BUNDLE).href);
