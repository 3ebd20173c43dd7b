import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { startUpload } from '$lib/server/import/jobs';

/** Starts a piecewise upload: { fileName, size } in, { id, pieceBytes } out. */
export const POST: RequestHandler = async (event) => {
	const user = guard(event, 'data.import');
	const body = (await event.request.json().catch(() => ({}))) as { fileName?: unknown; size?: unknown };
	// Checked as given: a size that is not a whole number is refused, never turned into one.
	const result = await startUpload(db(), user.id, body.fileName, body.size);
	return json(result, { status: result.ok ? 200 : 400 });
};
