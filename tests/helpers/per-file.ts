import { afterAll, afterEach } from 'vitest';
import { closeFreshDbs, endPostgresAdmin } from './db';
import { removeTempDirs } from './temp-dirs';

/*
 * The integration tests' clean-up, registered for every test file. The integration projects share
 * one module graph across files (isolate: false in vite.config.ts), so a helper module is loaded once
 * per worker: hooks registered when it loads would run for the first file only. A setup file runs
 * again before each file, so each file's tests clean up after themselves.
 */
afterEach(async () => {
	removeTempDirs();
	await closeFreshDbs();
});
afterAll(endPostgresAdmin);
