// pretest: the e2e suite needs a real Chromium. Find it, or install Debian's package when we can.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = /** @type {string[]} */ ([process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean));
const found = candidates.find((p) => existsSync(p));
if (found) process.exit(0);

const INSTALL = 'apt-get update && apt-get install -y chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (isRoot && hasApt) {
	console.log(`Chromium not found; installing Debian's chromium for the browser tests (${INSTALL})...`);
	try {
		execSync(INSTALL, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	} catch {
		console.error(`Installing Chromium failed. Run this yourself, then npm test again:\n  sudo sh -c '${INSTALL}'`);
		process.exit(1);
	}
	if (existsSync('/usr/bin/chromium')) process.exit(0);
}
console.error(
	`The browser tests need Chromium and none was found.\nInstall it with:\n  sudo sh -c '${INSTALL}'\n` +
		'or set CHROMIUM_PATH to a Chromium or Chrome executable.'
);
process.exit(1);
