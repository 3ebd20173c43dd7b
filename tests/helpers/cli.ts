import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

const LAUNCHER = join(process.cwd(), 'scripts', 'triage.mjs');

/** Runs the triage CLI exactly as `npm run triage -- ...` does (the compiled launcher), as a real process. */
export function triage(args: string[], options: { databaseUrl: string; input?: string; env?: Record<string, string> }): CliResult {
	const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
		input: options.input ?? '',
		encoding: 'utf8',
		env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl },
		timeout: 120_000
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
