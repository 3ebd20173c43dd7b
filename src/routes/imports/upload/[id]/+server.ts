import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { appendPiece } from '$lib/server/import/jobs';

/** One piece of an upload, as raw bytes, at ?offset=N. */
export const POST: RequestHandler = async (event) => {
	const user = guard(event, 'data.import');
	// Checked as given: a missing or odd offset (Number turns '' into 0, 'abc' into NaN) is refused by appendPiece, which then leaves the upload alone.
	const given = event.url.searchParams.get('offset');
	const offset = given !== null && /^\d+$/.test(given) ? Number(given) : NaN;
	const bytes = new Uint8Array(await event.request.arrayBuffer());
	const result = await appendPiece(db(), event.params.id, user.id, offset, bytes);
	return json(result, { status: result.ok ? 200 : 400 });
};
