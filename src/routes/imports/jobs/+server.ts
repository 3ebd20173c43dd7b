import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { startJob } from '$lib/server/import/jobs';
import { parseImportOptions } from '$lib/domain/import/options';

/** Imports a finished upload in the background: { uploadId, kind, year, version } in, { id } out. */
export const POST: RequestHandler = async (event) => {
	const user = guard(event, 'data.import');
	const body = (await event.request.json().catch(() => ({}))) as Record<string, string | undefined>;
	const options = parseImportOptions(body);
	if (!options.ok) return json({ ok: false, message: Object.values(options.errors).join('. ') }, { status: 400 });
	const result = await startJob(db(), String(body.uploadId ?? ''), user.id, options.value);
	return json(result, { status: result.ok ? 200 : 400 });
};
