import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs: string[] = [];

/** A new empty folder for the running test's files, deleted after it (tests/helpers/per-file.ts). */
export function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'triage-import-test-'));
	dirs.push(dir);
	return dir;
}

/** Deletes the folders tempDir made. */
export function removeTempDirs(): void {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
