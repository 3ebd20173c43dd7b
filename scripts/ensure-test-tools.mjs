// pretest: the e2e suite needs a real Chromium, and the integration-pg suite Debian's PostgreSQL
// server. Find them, or install what is missing from Debian when we can (root and apt-get).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const chromiumCandidates = /** @type {string[]} */ ([process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean));
const hasChromium = () => chromiumCandidates.some((p) => existsSync(p)) || existsSync('/usr/bin/chromium');
/** Debian puts the server under /usr/lib/postgresql/<version>/bin; PG_BIN names another folder (see tests/helpers/postgres-cluster.ts). */
const hasPostgres = () =>
	process.env.PG_BIN
		? existsSync(join(process.env.PG_BIN, 'initdb'))
		: existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')));

const missing = [
	{ name: 'Chromium', pkg: 'chromium', present: hasChromium, other: 'or set CHROMIUM_PATH to a Chromium or Chrome executable.' },
	{ name: 'PostgreSQL', pkg: 'postgresql', present: hasPostgres, other: 'or set PG_BIN to a folder holding initdb, pg_ctl and postgres.' }
].filter((tool) => !tool.present());
if (missing.length === 0) process.exit(0);

const INSTALL = `apt-get update && apt-get install -y ${missing.map((t) => t.pkg).join(' ')}`;
const names = missing.map((t) => t.name).join(' and ');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (isRoot && hasApt) {
	console.log(`${names} not found; installing Debian's ${missing.map((t) => t.pkg).join(' and ')} for the tests (${INSTALL})...`);
	try {
		execSync(INSTALL, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	} catch {
		console.error(`Installing ${names} failed. Run this yourself, then npm test again:\n  sudo sh -c '${INSTALL}'`);
		process.exit(1);
	}
	if (missing.every((t) => t.present())) process.exit(0);
}
console.error(
	`The tests need ${names} and ${missing.length > 1 ? 'they were' : 'it was'} not found.\nInstall with:\n  sudo sh -c '${INSTALL}'\n${missing.map((t) => t.other).join('\n')}`
);
process.exit(1);
