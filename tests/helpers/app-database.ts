/**
 * Points the app's own database module (src/lib/server/db, which opens DATABASE_URL on first use)
 * at `url`, for a test file that runs pages' load functions or endpoints as the app runs them.
 * Returns what puts DATABASE_URL back as it was, for the file's afterAll: the integration files
 * share one module graph and environment per worker (vite.config.ts), so the next file must not
 * inherit it.
 */
export function useAppDatabase(url: string): () => void {
	const before = process.env.DATABASE_URL;
	process.env.DATABASE_URL = url;
	return () => {
		if (before === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = before;
	};
}
