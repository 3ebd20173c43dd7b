import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** Runs `npm run triage -- ...` as a real process, the way analysts and scheduled jobs do. */
export function triage(args: string[], options: { databaseUrl: string; input?: string; env?: Record<string, string> }): CliResult {
	const result = spawnSync(TSX, ['scripts/triage.ts', ...args], {
		input: options.input ?? '',
		encoding: 'utf8',
		env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl },
		timeout: 120_000
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
