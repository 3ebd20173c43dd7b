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
/**
 * The files the last build read, and their folders (a folder's own mtime changes when a file is
 * added or removed), as esbuild reported them: checking only these is quicker than walking every
 * source folder, and edits to the app that the CLI does not use no longer cause a rebuild.
 */
const INPUTS = join(ROOT, 'build', 'cli', 'inputs.json');
/** Always checked: this launcher (how the CLI is built), and which packages there are and their versions. */
const ALWAYS = ['scripts/triage.mjs', 'package.json', 'package-lock.json'];
/**
 * Packages compiled into the bundle. kysely is plain JavaScript in ~280 small ES modules: node
 * takes ~0.4 s to load them one by one, and ~0.03 s to load them as part of the bundle. date-fns
 * is the same: the date formatting the importer uses reaches ~300 of its modules, ~0.15 s.
 */
const BUNDLED = ['kysely', 'date-fns', '@date-fns/tz'];
/**
 * CommonJS packages the importer loads. Imported from an ES module, node first scans each one's
 * source for its exports (cjs-module-lexer); loaded with require, as their authors intend, it
 * does not: about 0.02 s less start-up. See requireCommonJs.
 */
const REQUIRED = ['better-sqlite3', 'papaparse', 'iconv-lite'];

/**
 * The newest mtime (ms) of the last build's inputs; Infinity when one is gone or there is no list,
 * which means: build.
 * @returns {number}
 */
function inputsNewest() {
	let paths;
	try {
		paths = JSON.parse(readFileSync(INPUTS, 'utf8'));
	} catch {
		return Infinity;
	}
	let newest = 0;
	for (const path of [...ALWAYS, ...paths]) {
		try {
			newest = Math.max(newest, statSync(join(ROOT, path)).mtimeMs);
		} catch {
			return Infinity;
		}
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
 * Compiles `import X from 'papaparse'` (for each package in REQUIRED) as node's own require of the
 * package from the checkout, so node loads it as the CommonJS module it is. esbuild gives the
 * importer the same default and named exports as before.
 * @type {import('esbuild').Plugin}
 */
const requireCommonJs = {
	name: 'require-commonjs',
	setup(build) {
		const filter = new RegExp(`^(${REQUIRED.join('|').replaceAll('.', '\\.')})$`);
		build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'require-commonjs' }));
		build.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, (args) => ({
			contents: `module.exports = process.getBuiltinModule('node:module').createRequire(${JSON.stringify(pathToFileURL(join(ROOT, 'package.json')).href)})(${JSON.stringify(args.path)});`,
			loader: 'js'
		}));
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
 * packages. Chunks and INPUTS are written first and BUNDLE, which names the chunks, last.
 */
async function build() {
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
		plugins: [requireCommonJs, keepImportMetaUrl],
		metafile: true,
		write: false,
		logLevel: 'silent'
	});
	const finishedMs = Date.now();
	const entry = result.outputFiles.find((f) => f.path === BUNDLE);
	if (!entry) throw new Error(`esbuild did not produce ${BUNDLE}.`);
	const chunks = result.outputFiles.filter((f) => f !== entry);
	mkdirSync(CHUNKS, { recursive: true });
	for (const chunk of chunks) replaceFile(chunk.path, chunk.contents);
	// Our own sources; packages, compiled in or not, change only with package-lock.json.
	const files = Object.keys(result.metafile.inputs).filter((f) => !f.includes(':') && !f.startsWith('node_modules/'));
	const inputs = [...new Set(files.flatMap((f) => [f, dirname(f)]))].sort();
	replaceFile(INPUTS, new TextEncoder().encode(JSON.stringify(inputs)));
	// Stamped with the build's start, not its end: a file saved while esbuild ran is newer and is
	// picked up next time. Never older than an input dated after the build, in case a clock is ahead.
	const ahead = Math.max(0, ...[...ALWAYS, ...inputs].map((f) => statSync(join(ROOT, f)).mtimeMs).filter((m) => m > finishedMs));
	replaceFile(BUNDLE, entry.contents, Math.max(startedMs, ahead + 1) / 1000);
	// Chunks of earlier builds (and temporary files of an interrupted build) are not needed once
	// any run that started before this build has surely loaded what it needs.
	const current = new Set(chunks.map((c) => c.path));
	for (const name of readdirSync(CHUNKS)) {
		const path = join(CHUNKS, name);
		if (!current.has(path) && statSync(path).mtimeMs < startedMs - 3_600_000) rmSync(path, { force: true });
	}
}

if (bundleMtime() < inputsNewest()) {
	try {
		await build();
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		console.error(`The triage CLI could not be compiled into ${relative(process.cwd(), BUNDLE)}:\n${message}`);
		process.exit(1);
	}
}
await import(pathToFileURL(BUNDLE).href);
