import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../helpers/ports';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		chromiumPath: string;
		databasePath: string;
		/** Everything the app has written to stdout and stderr so far. */
		serverLogPath: string;
	}
}

export function chromiumPath(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
	const found = candidates.find((p) => existsSync(p));
	if (!found) {
		// Fail, never skip: a suite that passes without a browser proves nothing.
		throw new Error(
			'The browser tests need Chromium and none was found. Install it with: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).'
		);
	}
	return found;
}

/** Builds the app and starts it exactly as `npm start` does, on a fresh database and a free port. */
export default async function setup(project: TestProject) {
	const chromium = chromiumPath();
	const dir = mkdtempSync(join(tmpdir(), 'triage-e2e-'));
	const databasePath = join(dir, 'e2e.sqlite');
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const server: ChildProcess = spawn('npx', ['tsx', 'scripts/start.ts'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			DATABASE_URL: databasePath,
			LOGIN_LIMIT_PER_ADDRESS: '10000',
			NODE_ENV: 'production'
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	let output = '';
	const serverLogPath = join(dir, 'server.log');
	const record = (d: Buffer) => {
		output += d;
		appendFileSync(serverLogPath, d);
	};
	server.stdout?.on('data', record);
	server.stderr?.on('data', record);

	const deadline = Date.now() + 280_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`The app stopped while starting:\n${output}`);
		try {
			const res = await fetch(`${baseUrl}/login`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`The app did not start in time:\n${output}`);
		await new Promise((r) => setTimeout(r, 500));
	}
	project.provide('baseUrl', baseUrl);
	project.provide('chromiumPath', chromium);
	project.provide('databasePath', databasePath);
	project.provide('serverLogPath', serverLogPath);

	return async () => {
		if (server.pid) {
			try {
				process.kill(-server.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
		rmSync(dir, { recursive: true, force: true });
	};
}
