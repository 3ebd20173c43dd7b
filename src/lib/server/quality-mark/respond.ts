import { error, fail } from '@sveltejs/kit';
import { QualityMarkError } from './errors';

/**
 * Runs a Quality Mark change for a form action: a refusal becomes a 400 with its message, a
 * forbidden change a 403, and an unknown school or framework (or another school's page for a
 * headteacher) a 404. Anything else is a real fault and is thrown on.
 */
export async function attempt<T>(kind: string, run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		if (!(e instanceof QualityMarkError)) throw e;
		if (e.kind === 'not_found') error(404, 'Page not found');
		if (e.kind === 'forbidden') error(403, e.message);
		return fail(400, { kind, message: e.message });
	}
}
